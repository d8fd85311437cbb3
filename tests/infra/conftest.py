"""moto in server mode, bound to 127.0.0.1 only: one real HTTP endpoint for S3, SQS and
CloudWatch, shared by the tests of this package."""

from __future__ import annotations

import pytest

AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@pytest.fixture(scope="session")
def moto_endpoint():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def aws(moto_endpoint, monkeypatch):
    """Dummy credentials and a clean moto state for the test."""
    import urllib.request

    for key, value in AWS_ENV.items():
        monkeypatch.setenv(key, value)
    urllib.request.urlopen(urllib.request.Request(f"{moto_endpoint}/moto-api/reset", method="POST"), timeout=10)
    return moto_endpoint


@pytest.fixture
def boto(aws):
    import boto3

    def client(service: str):
        return boto3.client(service, endpoint_url=aws, region_name="us-east-1")

    return client


@pytest.fixture
def staff_token(db):
    """A staff user allowed to add and view batches, and a token for it."""
    from django.contrib.auth.models import Permission, User

    from ingestion.tokens import api_token_create

    user = User.objects.create_user("feed-bot", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["add_batch", "view_batch"]))
    return api_token_create(username="feed-bot", name="tests")[1]
