"""Builders shared by the parsing tests."""

import json
from pathlib import Path

from batches.parsing import ParsedUpload, UploadRejected, parse_upload
from tests.conftest import SAMPLE_EVENT

UPLOADS = Path(__file__).resolve().parent.parent / "data" / "uploads"
SAMPLE = SAMPLE_EVENT
TEXT = "NOTICE TO PAY RENT OR QUIT. Rent of $1,200.00 is due within 3 days."
HEADER = "analysisId,extractedText,userSelectedState,tenantName,landlordName,isImageUpload,userId\n"


def request(n: int = 1, **overrides) -> dict:
    base = {
        "analysisId": f"a_{n:03d}",
        "extractedText": TEXT,
        "userSelectedState": "CA",
        "userFormData": {"tenantName": "Tenant A. Sample", "landlordName": "Owner Q. Example"},
        "isImageUpload": False,
        "userId": f"user_{n}",
    }
    base.update(overrides)
    return {key: value for key, value in base.items() if value is not DROP}


DROP = object()


def body(*requests: dict, batch_id: str = "batch_t") -> dict:
    return {"batchProcessing": True, "batchId": batch_id, "batchRequests": list(requests)}


def as_bytes(value) -> bytes:
    return json.dumps(value).encode()


def parse(value, **kwargs) -> ParsedUpload:
    data = value if isinstance(value, bytes) else as_bytes(value)
    return parse_upload(data, **kwargs)


def rejection(data: bytes, **kwargs) -> UploadRejected:
    try:
        parse_upload(data, **kwargs)
    except UploadRejected as exc:
        return exc
    raise AssertionError("expected UploadRejected")


def only_errors(upload: ParsedUpload) -> list[str]:
    return [error.message for error in upload.errors]


def fixture(name: str) -> bytes:
    return (UPLOADS / name).read_bytes()
