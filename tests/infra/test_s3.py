"""Batch files on S3 through django-storages, against moto's server on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings

from batches.services.ingest import UploadOptions, batch_create_from_upload
from tests.cluster import ROOT

pytestmark = pytest.mark.django_db
BUCKET = "ta-test-uploads"


@pytest.fixture
def s3_storage(boto, aws):
    boto("s3").create_bucket(Bucket=BUCKET)
    storages = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "region_name": "us-east-1",
                "endpoint_url": aws,
                "addressing_style": "path",
                "default_acl": "private",
                "file_overwrite": False,
                "querystring_auth": True,
                "signature_version": "s3v4",
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        yield boto("s3")


def test_uploaded_batch_file_is_stored_privately_on_s3(s3_storage, sample_event_bytes):
    [batch] = batch_create_from_upload(
        data=sample_event_bytes, filename="event.json", options=UploadOptions(launch=False)
    )
    key = batch.source_file.name
    assert key.startswith("batches/")
    body = s3_storage.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    assert body == sample_event_bytes
    grants = s3_storage.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]  # owner only: no public read
    url = batch.source_file.url
    assert "X-Amz-Signature=" in url and url.startswith("http://127.0.0.1:")
    with batch.source_file.open("rb") as handle:
        assert handle.read() == sample_event_bytes


def test_same_name_never_overwrites(s3_storage):
    first = default_storage.save("documents/notice.txt", ContentFile(b"one"))
    second = default_storage.save("documents/notice.txt", ContentFile(b"two"))
    assert first != second
    assert s3_storage.get_object(Bucket=BUCKET, Key=first)["Body"].read() == b"one"


def test_bucket_setting_switches_the_product_to_s3():
    code = (
        "from django.conf import settings; from django.core.files.storage import default_storage as s; "
        "o = settings.STORAGES['default']['OPTIONS']; "
        "print(type(s._wrapped if hasattr(s, '_wrapped') else s).__name__, o['endpoint_url'], "
        "o['addressing_style'], o['file_overwrite'], o['default_acl'], o['querystring_auth'])"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "tenantarmor.settings.local",
        "AWS_STORAGE_BUCKET_NAME": "b",
        "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        "AWS_S3_ADDRESSING_STYLE": "path",
        "TENANTARMOR_VAR_DIR": "/tmp/ta-s3-settings-var",
    }
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out[1:] == ["http://127.0.0.1:9000", "path", "False", "private", "True"]
