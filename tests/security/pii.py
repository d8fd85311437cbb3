"""The personal strings of the shared sample batch, and scanners that look for them."""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from functools import lru_cache

from tests.conftest import SAMPLE_EVENT

_ADDRESS = re.compile(
    r"\b\d{2,6} [A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)? (?:St|Street|Ave|Avenue|Rd|Road|Blvd|Lane|Ln|Dr|Drive|Way|Court|Ct)\b"
)
_ADDRESSEE = re.compile(r"^\s*(?:TO|Tenant|Tenants|Landlord|Name)\s*:\s*(.+)$", re.MULTILINE | re.IGNORECASE)


@lru_cache(maxsize=1)
def sample_requests() -> list[dict]:
    event = json.loads(SAMPLE_EVENT.read_text())
    return [request for record in event["Records"] for request in record["body"]["batchRequests"]]


@lru_cache(maxsize=1)
def personal_strings() -> tuple[str, ...]:
    """Tenant and landlord names, street addresses, addressee lines and notice-text lines."""
    found: set[str] = set()
    for request in sample_requests():
        form = request.get("userFormData") or {}
        found.update(v for v in form.values() if isinstance(v, str) and len(v) >= 6)
        text = request["extractedText"]
        found.update(_ADDRESS.findall(text))
        found.update(m.strip()[:60] for m in _ADDRESSEE.findall(text) if len(m.strip()) >= 8)
        # Distinctive lines of the notice itself (a log line quoting the notice would hit one).
        lines = [line.strip() for line in text.splitlines() if len(re.findall(r"[A-Za-z]", line)) >= 30]
        found.update(line[:60] for line in lines)
    return tuple(sorted(found))


def leaks(text: str) -> list[str]:
    """Personal strings found in `text` (case-insensitive)."""
    lowered = text.lower()
    return [s for s in personal_strings() if s.lower() in lowered]


def raw_variants(value) -> list[bytes]:
    """A stored column as bytes, plus its base64/zlib decodings (picklefield, signing)."""
    if value is None:
        return []
    data = value if isinstance(value, bytes) else str(value).encode("utf-8", "replace")
    out = [data]
    for chunk in [data, *re.findall(rb"[A-Za-z0-9+/=_-]{16,}", data)]:
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                decoded = decode(chunk + b"=" * (-len(chunk) % 4))
            except (binascii.Error, ValueError):
                continue
            out.append(decoded)
            try:
                out.append(zlib.decompress(decoded))
            except zlib.error:
                pass
    return out


def leaks_in_bytes(values) -> list[str]:
    hits = set()
    for value in values:
        for data in raw_variants(value):
            hits.update(leaks(data.decode("utf-8", "replace")))
    return sorted(hits)
