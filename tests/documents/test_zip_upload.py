"""ZIP uploads of notice documents: rows, manifest mapping, and every unsafe archive refused."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from batches.parsing import UploadRejected, ZipLimits, parse_stream, parse_upload
from batches.parsing.zipsafety import read_stream

from .fixtures import documents_zip, make_zip, manifest, notice_pdf, notice_png, notice_text

TEXT = "NOTICE TO PAY RENT OR QUIT. You owe $900.00 in rent. Pay within three (3) days or move out."


def rejected(data: bytes, **kwargs) -> UploadRejected:
    with pytest.raises(UploadRejected) as caught:
        parse_upload(data, filename="upload.zip", **kwargs)
    return caught.value


# --- Rows ---------------------------------------------------------------------------------


def test_zip_with_manifest_maps_each_file_to_its_request_fields():
    data = documents_zip()
    parsed = parse_upload(data, filename="upload.zip")
    assert parsed.format == "zip" and not parsed.errors and parsed.valid_rows == 3
    by_kind = {(row.document.kind if row.document else "text"): row for row in parsed.rows}
    pdf, png, txt = by_kind["pdf"], by_kind["image"], by_kind["text"]
    prefix = hashlib.sha256(data).hexdigest()[:12]
    assert pdf.analysis_id == f"{prefix}-{pdf.row}" and pdf.user_selected_state == "IL"
    assert pdf.user_form_data == {"tenantName": "Tenant A. Sample"} and pdf.extracted_text == ""
    assert pdf.document.data == notice_pdf() and pdf.document.extension == "pdf" and not pdf.is_image_upload
    assert pdf.document.sha256 == hashlib.sha256(notice_pdf()).hexdigest()
    assert png.is_image_upload and png.document.extension == "png" and png.user_selected_state == "FL"
    assert png.user_form_data == {"landlordName": "Owner Q. Example"}
    assert txt.document is None and txt.extracted_text == notice_text("s09-tx-notice-to-vacate-nonpay")
    assert txt.user_id == "u-7" and txt.user_selected_state == "TX"
    assert "data=" not in repr(pdf.document) and repr(notice_pdf()[:20])[2:-1] not in repr(pdf.document)
    assert parse_stream(io.BytesIO(data), filename="upload.zip") == parsed


def test_without_a_manifest_the_state_is_the_callers_default_or_none():
    data = make_zip({"a.txt": TEXT.encode(), "b.png": notice_png()})
    assert {row.user_selected_state for row in parse_upload(data).rows} == {None}
    assert {row.user_selected_state for row in parse_upload(data, default_state="ny").rows} == {"NY"}


def test_same_archive_gets_the_same_ids_and_a_manifest_may_name_them():
    data = make_zip({"a.txt": TEXT.encode()})
    assert parse_upload(data).rows[0].analysis_id == parse_upload(data).rows[0].analysis_id
    named = make_zip({"manifest.csv": b"filename,analysisId\r\na.txt,court-42\r\n", "a.txt": TEXT.encode()})
    assert parse_upload(named).rows[0].analysis_id == "court-42"


def test_manifest_row_for_a_missing_file_and_a_file_without_a_row_are_row_errors():
    data = make_zip(
        {
            "manifest.csv": manifest([{"filename": "a.txt"}, {"filename": "missing.pdf"}]),
            "a.txt": TEXT.encode(),
            "extra.txt": TEXT.encode(),
        }
    )
    parsed = parse_upload(data, filename="upload.zip")
    assert parsed.valid_rows == 1 and parsed.invalid_rows == 2 and parsed.total_rows == 3
    messages = sorted(error.message for error in parsed.errors)
    assert any("entry 'extra.txt' has no row in manifest.csv" in m for m in messages)
    assert any("manifest.csv line 3 names 'missing.pdf', which is not in the archive" in m for m in messages)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("fake.pdf", b"hello, not a pdf", "is named .pdf but its content is not a PDF"),
        ("fake.png", b"%PDF-1.4 not a png", "is named .png but its content is not a PNG"),
        ("fake.jpg", b"GIF89a....", "is named .jpg but its content is not a JPG"),
        ("notes.docx", b"whatever", "has an unsupported file type"),
        ("latin1.txt", "caf\xe9".encode("latin-1"), "is not valid UTF-8 text"),
    ],
)
def test_member_problems_are_row_errors_naming_the_entry(name, content, message):
    parsed = parse_upload(make_zip({name: content, "ok.txt": TEXT.encode()}))
    assert parsed.valid_rows == 1
    [error] = parsed.errors
    assert f"entry {name!r} {message}" in error.message and error.row == 1


def test_directories_and_macos_metadata_are_skipped():
    data = make_zip(
        {"docs/": b"", "__MACOSX/._a.txt": b"\x00\x05", "docs/.DS_Store": b"\x00", "docs/a.txt": TEXT.encode()}
    )
    parsed = parse_upload(data)
    assert parsed.total_rows == 1 and parsed.valid_rows == 1


def test_an_empty_archive_is_rejected():
    assert "contains no documents" in rejected(make_zip({})).message


def test_item_limit_counts_documents():
    data = make_zip({f"{n}.txt": TEXT.encode() for n in range(5)})
    assert rejected(data, max_items=4).code == "too_many_items"


# --- Unsafe archives ------------------------------------------------------------------------


def _patch_name(data: bytes, placeholder: bytes, real: bytes) -> bytes:
    assert len(placeholder) == len(real) and data.count(placeholder) == 2  # local + central header
    return data.replace(placeholder, real)


def _central_offset(data: bytes, index: int = 0) -> int:
    offset = -1
    for _ in range(index + 1):
        offset = data.index(b"PK\x01\x02", offset + 1)
    return offset


def _lying_size(data: bytes, size: int) -> bytes:
    at = _central_offset(data) + 24  # uncompressed size in the central directory record
    return data[:at] + size.to_bytes(4, "little") + data[at + 4 :]


def _encrypted() -> bytes:
    """The 'encrypted' flag (bit 0) set in both headers, as a password-protected ZIP has it."""
    data = bytearray(make_zip({"secret.pdf": b"%PDF-1.4 pretend ciphertext"}))
    for at in (data.index(b"PK\x03\x04") + 6, _central_offset(bytes(data)) + 8):
        data[at] |= 0x1
    return bytes(data)


def _overlapping() -> bytes:
    data = make_zip({"a.txt": b"A" * 100, "b.txt": b"B" * 100}, compression=zipfile.ZIP_STORED)
    at = _central_offset(data, 1) + 42  # b's local header offset -> a's
    return data[:at] + (0).to_bytes(4, "little") + data[at + 4 :]


UNSAFE = {
    "ratio bomb": (make_zip({"zeros.txt": b"\x00" * (8 * 1024 * 1024)}), "zip_ratio", "expands"),
    "too many entries": (make_zip({f"{n}.txt": b"x" for n in range(1001)}), "zip_too_many_entries", "1,001 entries"),
    "dot-dot": (
        make_zip({"../x.txt": TEXT.encode()}),
        "zip_unsafe_name",
        "entry '../x.txt' is refused: its name contains '..'",
    ),
    "deep dot-dot": (make_zip({"a/../../x.pdf": b"%PDF-"}), "zip_unsafe_name", "path traversal"),
    "absolute": (
        make_zip({"/abs.txt": TEXT.encode()}),
        "zip_unsafe_name",
        "entry '/abs.txt' is refused: it is an absolute path",
    ),
    "drive letter": (make_zip({"C:/x.txt": TEXT.encode()}), "zip_unsafe_name", "drive letter"),
    "drive + backslash": (make_zip({"C:\\x.txt": TEXT.encode()}), "zip_unsafe_name", "entry 'C:\\\\x.txt' is refused"),
    "backslash": (make_zip({"a\\b.txt": TEXT.encode()}), "zip_unsafe_name", "its name contains a backslash"),
    "NUL": (
        _patch_name(make_zip({"aXb.txt": TEXT.encode()}), b"aXb.txt", b"a\x00b.txt"),
        "zip_unsafe_name",
        "entry 'a\\x00b.txt' is refused: its name contains a NUL byte",
    ),
    "nested zip by name": (make_zip({"inner.zip": make_zip({"a.txt": b"x"})}), "zip_nested", "nested archives"),
    "nested zip by content": (make_zip({"inner.pdf": make_zip({"a.txt": b"x"})}), "zip_nested", "nested archives"),
    "encrypted entry": (_encrypted(), "zip_encrypted", "entry 'secret.pdf' is encrypted"),
    "lying header": (
        _lying_size(make_zip({"a.txt": TEXT.encode() * 50}), 100),
        "zip_invalid",
        "does not match its header",
    ),
    "overlapping entries": (_overlapping(), "zip_overlap", "overlap"),
    "not a zip": (b"PK\x03\x04" + b"\x00" * 100, "zip_invalid", "not a readable ZIP archive"),
}


@pytest.mark.parametrize("case", list(UNSAFE), ids=str)
def test_unsafe_archive_is_rejected_with_a_clear_message(case):
    data, code, message = UNSAFE[case]
    exc = rejected(data)
    assert exc.code == code, exc.message
    assert message in exc.message and exc.message.startswith("'upload.zip'")


def test_declared_sizes_are_checked_before_reading():
    data = make_zip({"a.txt": b"a" * 5000, "b.txt": b"b" * 5000})
    assert rejected(data, zip_limits=ZipLimits(max_entry_bytes=4000)).code == "zip_entry_too_large"
    exc = rejected(data, zip_limits=ZipLimits(max_total_bytes=8000))
    assert exc.code == "zip_too_large" and "total uncompressed size" in exc.message


def test_bytes_read_are_capped_while_decompressing():
    """Headers can lie: the reader stops as soon as a stream produces more than the cap."""

    class Endless(io.RawIOBase):
        produced = 0

        def read(self, size=-1):
            self.produced += size
            return b"\x00" * size

    stream = Endless()
    with pytest.raises(UploadRejected, match="produced more than 1,000 bytes while decompressing"):
        read_stream(stream, cap=1000, what="entry 'x'")
    assert stream.produced == 1001
