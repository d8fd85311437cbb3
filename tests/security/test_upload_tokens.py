"""The two-step upload's token: unguessable, bound to the session that uploaded, and never a
path (a hostile token cannot read or delete files outside the pending directory)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from batches.models import Batch
from tests.conftest import make_event, make_request

OPTIONS = {"name": "", "concurrency": "5", "analyzer": "rules", "start": "draft"}
URL = "/admin/batches/batch/add/"


def staff(username: str) -> Client:
    user = get_user_model().objects.create_user(username, password="x-unused-1", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


def stash(client: Client) -> str:
    data = make_event([make_request("tok_1", "NOTICE TO PAY RENT OR QUIT: $900 due in 3 days.")], batch_id="b_tok")
    response = client.post(URL, {**OPTIONS, "file": SimpleUploadedFile("t.json", data)})
    assert response.status_code == 200
    return response.context["confirm"].initial["token"]


@pytest.mark.django_db
def test_another_staff_session_cannot_confirm_my_upload():
    token = stash(staff("ana"))
    response = staff("ben").post(URL, {**OPTIONS, "token": token, "filename": "t.json"})
    assert response.status_code == 302 and response["Location"] == URL
    assert not Batch.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "token", ["../../victim.txt", "../../victim.txt" + "_" * 20, "..%2F..%2Fvictim.txt", "/etc/hosts", "a" * 300, ""]
)
def test_hostile_tokens_touch_no_file(token, tmp_path, settings):
    victim = tmp_path / "victim.txt"  # MEDIA_ROOT/uploads-pending/../../victim.txt
    victim.write_text("keep me")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    client = staff("ana")
    for extra in ({"_cancel": "1"}, {}):
        response = client.post(URL, {**OPTIONS, "token": token or "x", "filename": "t.json", **extra})
        assert response.status_code in (200, 302)
    assert victim.read_text() == "keep me"
    assert not Batch.objects.exists()
