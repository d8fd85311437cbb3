"""Generated document fixtures: a notice rendered to PNG (Pillow), a hand-written PDF with a
Helvetica text layer, a scanned-only PDF (Pillow's PDF: one image, no text), and ZIPs.
The notice texts are the fictional samples in ../shared/samples/notices.json."""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tests.conftest import SAMPLE_NOTICES

SAMPLES = SAMPLE_NOTICES
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PNG_NOTICE = "s11-fl-3day-nonpay"  # non-payment
PDF_NOTICE = "s14-il-10day-lease-violation"  # lease-violation


@cache
def notices() -> dict[str, dict]:
    return {notice["id"]: notice for notice in json.loads(SAMPLES.read_text())}


def notice_text(notice_id: str) -> str:
    return notices()[notice_id]["extracted_text"]


def _font(size: int):
    if FONT.exists():
        return ImageFont.truetype(str(FONT), size)
    return ImageFont.load_default(size=size)  # Pillow's bundled font, scalable with FreeType


def render_png(text: str, *, size: int = 26, fmt: str = "PNG") -> bytes:
    """The notice as a 'photographed' page: black text on white, one line per text line."""
    font = _font(size)
    lines = text.splitlines() or [""]
    line_height = int(size * 1.45)
    width = max(int(font.getlength(line)) for line in lines) + 120
    image = Image.new("L", (width, line_height * len(lines) + 120), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((60, 60 + number * line_height), line, fill=0, font=font)
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def _pdf_string(line: str) -> bytes:
    escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1", "replace") + b")"


def text_pdf(text: str, *, lines_per_page: int = 60) -> bytes:
    """A minimal PDF written by hand: Helvetica text streams, one page per 60 lines."""
    lines = text.splitlines()
    chunks = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]
    objects: list[bytes] = []
    page_ids = [4 + 2 * i for i in range(len(chunks))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = b" ".join(b"%d 0 R" % pid for pid in page_ids)
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(chunks)))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for page_id, chunk in zip(page_ids, chunks, strict=True):
        ops = [b"BT /F1 10 Tf 12 TL 40 800 Td"]
        ops += [_pdf_string(line) + b" Tj T*" for line in chunk]
        ops.append(b"ET")
        stream = b"\n".join(ops)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (page_id + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    return _assemble(objects)


def _assemble(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def scanned_pdf(png: bytes) -> bytes:
    """A PDF whose only page is the image: no text layer at all (what a scanner produces)."""
    buffer = io.BytesIO()
    with Image.open(io.BytesIO(png)) as image:
        image.convert("L").save(buffer, format="PDF", resolution=150)
    return buffer.getvalue()


def encrypted_pdf(text: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(text))))
    writer.encrypt("secret-password", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def long_pdf(pages: int) -> bytes:
    return text_pdf("\n".join(f"Page line {n}" for n in range(pages)), lines_per_page=1)


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG that declares huge dimensions (a decompression bomb's header)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    )


def make_zip(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def manifest(rows: list[dict[str, str]]) -> bytes:
    header = ["filename", "userSelectedState", "tenantName", "landlordName", "userId"]
    lines = [",".join(header)] + [",".join(row.get(column, "") for column in header) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode()


@cache
def notice_png() -> bytes:
    return render_png(notice_text(PNG_NOTICE))


@cache
def notice_pdf() -> bytes:
    return text_pdf(notice_text(PDF_NOTICE))


def documents_zip() -> bytes:
    """The issue's 'done when' archive: a PDF notice, a photographed notice and a manifest."""
    return make_zip(
        {
            "manifest.csv": manifest(
                [
                    {"filename": "court/notice-il.pdf", "userSelectedState": "IL", "tenantName": "Tenant A. Sample"},
                    {"filename": "photo-fl.png", "userSelectedState": "FL", "landlordName": "Owner Q. Example"},
                    {"filename": "typed.txt", "userSelectedState": "TX", "userId": "u-7"},
                ]
            ),
            "court/notice-il.pdf": notice_pdf(),
            "photo-fl.png": notice_png(),
            "typed.txt": notice_text("s09-tx-notice-to-vacate-nonpay").encode(),
        }
    )
