"""Cheap checks first: size, binary type from magic bytes, then a strict text decode."""

from __future__ import annotations

import codecs

from .errors import UploadRejected

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office file (.xls/.doc)"),
)
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
SNIFF_BYTES = 4096


def label(filename: str) -> str:
    """How messages name the file: escaped and short, since filenames are user input."""
    return ascii(filename[-80:]) if filename else "The file"


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def check_size(size: int, *, max_bytes: int, filename: str) -> None:
    if size == 0:
        raise UploadRejected(f"{label(filename)} is empty (0 bytes)", code="empty")
    if size > max_bytes:
        raise UploadRejected(
            f"{label(filename)} is larger than the upload limit of {megabytes(max_bytes)} ({max_bytes:,} bytes)",
            code="too_large",
        )


def check_not_binary(head: bytes, *, filename: str) -> None:
    """Reject images, PDFs and archives by content, whatever the file is called."""
    name = label(filename)
    if head.startswith(_ZIP):
        if b"[Content_Types].xml" in head:
            raise UploadRejected(
                f"{name} looks like an Office document (XLSX/DOCX), not a batch file; export the sheet as CSV (UTF-8)",
                code="binary",
            )
        # parse_upload routes real ZIPs to zipformat before this check; only a damaged
        # archive header (e.g. a spanned-archive marker) gets here.
        raise UploadRejected(f"{name} is a ZIP archive that cannot be read", code="zip")
    kind = _binary_kind(head)
    if kind:
        raise UploadRejected(f"{name} looks like {kind}, not a batch file (JSON, JSON Lines or CSV)", code="binary")


def _binary_kind(head: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "a WebP image"
    if head[4:8] == b"ftyp":
        return "an HEIC/MP4 media file"
    return None


def detect_encoding(head: bytes, *, filename: str) -> tuple[str, str, int]:
    """(codec, display name, BOM length). Without a BOM the file must be UTF-8."""
    for bom, codec, display in _BOMS:
        if head.startswith(bom):
            return codec, display, len(bom)
    if len(head) >= 2 and (head[0] == 0 or head[1] == 0):
        raise UploadRejected(
            f"{label(filename)} looks like UTF-16/UTF-32 text without a byte-order mark, or binary "
            "data; save it as UTF-8",
            code="encoding",
        )
    return "utf-8", "UTF-8", 0


def decode(data: bytes, *, filename: str) -> str:
    """Decode strictly: a wrong guess must be refused, never replaced with U+FFFD."""
    codec, display, skip = detect_encoding(data[:SNIFF_BYTES], filename=filename)
    try:
        return data[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        raise encoding_error(data, exc.start + skip, display, filename) from None


def encoding_error(data: bytes, offset: int, display: str, filename: str, *, line_offset: int = 0, line_no: int = 0):
    """Name the first undecodable byte: its value, line, column and offset from the start of the file.

    `data` is the whole file, or (streaming) one line with `line_offset`/`line_no` giving its place."""
    line = line_no or data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    where = f"line {line}, column {column} (byte offset {line_offset + offset:,})"
    if display != "UTF-8":
        where = f"byte offset {offset:,}"  # line numbers are not meaningful in UTF-16/32 bytes
    hint = ""
    if display == "UTF-8" and _is_cp1252(data[max(0, offset - 4096) : offset + 4096]):
        hint = " It looks like Latin-1/Windows-1252 text."
    return UploadRejected(
        f"{label(filename)} is not valid {display}: byte 0x{data[offset]:02X} at {where} "
        f"cannot be decoded.{hint} "
        "The file must be UTF-8 (with or without a BOM), or UTF-16/UTF-32 with a BOM.",
        code="encoding",
    )


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True
