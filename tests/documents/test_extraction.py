"""Text extraction: PDF text layer, OCR of images and scanned PDFs, Textract plumbing, and
every unsafe document refused with a readable reason."""

from __future__ import annotations

import io
import shutil
from dataclasses import replace

import pytest
from PIL import Image

from batches.analysis.rules import extract_facts
from batches.extraction import ExtractionError, ExtractionSettings, extract_text
from batches.extraction.ocr import tesseract_text, textract_text

from .fixtures import (
    PDF_NOTICE,
    PNG_NOTICE,
    encrypted_pdf,
    long_pdf,
    notice_pdf,
    notice_png,
    notice_text,
    png_header_only,
    render_png,
    scanned_pdf,
    text_pdf,
)

CONFIG = ExtractionSettings()
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr is not installed")


def failure(data: bytes, kind: str, config: ExtractionSettings = CONFIG) -> str:
    with pytest.raises(ExtractionError) as caught:
        extract_text(data, kind=kind, settings=config)
    return caught.value.reason


# --- Good documents ---------------------------------------------------------------------------


@needs_tesseract
def test_ocr_of_a_photographed_notice_is_classified_correctly():
    result = extract_text(notice_png(), kind="image", settings=CONFIG)
    assert result.method == "tesseract" and result.pages == 1 and result.ocr_pages == 1
    assert result.confidence > 0.8
    facts = extract_facts(result.text)
    assert facts["reason"] == "non-payment"
    assert facts["amountDue"] == 1640.0
    assert "THREE-DAY NOTICE TO PAY RENT" in result.text


@needs_tesseract
def test_jpeg_and_tiff_are_read_too():
    text = "NOTICE TO QUIT\nYou must pay rent of $900.00 within three days."
    for fmt in ("JPEG", "TIFF"):
        result = extract_text(render_png(text, fmt=fmt), kind="image", settings=CONFIG)
        assert "NOTICE TO QUIT" in result.text, fmt


def test_pdf_text_layer_is_used_without_ocr():
    result = extract_text(notice_pdf(), kind="pdf", settings=CONFIG)
    assert (result.method, result.confidence, result.pages, result.ocr_pages) == ("pdf-text", 1.0, 1, 0)
    assert extract_facts(result.text)["reason"] == "lease-violation"
    assert extract_facts(notice_text(PDF_NOTICE))["reason"] == "lease-violation"


@needs_tesseract
def test_scanned_pdf_without_a_text_layer_goes_to_ocr():
    result = extract_text(scanned_pdf(notice_png()), kind="pdf", settings=CONFIG)
    assert result.method == "tesseract" and result.ocr_pages == 1 and result.confidence > 0.8
    assert extract_facts(result.text)["reason"] == extract_facts(notice_text(PNG_NOTICE))["reason"] == "non-payment"


def test_plain_text_kind():
    result = extract_text(b"Notice\x00 to quit", kind="text")
    assert result.text == "Notice  to quit" and result.method == "text"  # NUL never reaches the database


# --- Textract (moto: plumbing only; its Blocks are canned) ------------------------------------


@pytest.fixture
def textract_blocks(monkeypatch):
    from moto.textract.models import TextractBackend

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    lines = ["THREE-DAY NOTICE TO PAY RENT OR QUIT", "You owe $1,200.00 in rent.", "Pay within 3 days or move out."]
    blocks = [{"BlockType": "PAGE", "Id": "p1"}]
    blocks += [{"BlockType": "LINE", "Id": f"l{n}", "Text": line, "Confidence": 90.0} for n, line in enumerate(lines)]
    monkeypatch.setattr(TextractBackend, "BLOCKS", blocks)
    return lines


def test_textract_backend_through_moto(textract_blocks):
    from moto import mock_aws

    with mock_aws():
        result = extract_text(notice_png(), kind="image", settings=replace(CONFIG, ocr_backend="textract"))
    assert result.method == "textract" and result.text == "\n".join(textract_blocks)
    assert result.confidence == pytest.approx(0.9)
    assert extract_facts(result.text)["reason"] == "non-payment"


def test_textract_backend_for_a_scanned_pdf_page(textract_blocks):
    from moto import mock_aws

    with mock_aws():
        result = extract_text(scanned_pdf(notice_png()), kind="pdf", settings=replace(CONFIG, ocr_backend="textract"))
    assert result.method == "textract" and result.ocr_pages == 1


def test_textract_without_credentials_says_so(monkeypatch):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    config = replace(CONFIG, ocr_backend="textract", textract_endpoint_url="http://127.0.0.1:9")
    assert failure(notice_png(), "image", config) == "AWS credentials are not configured for Textract"


def test_ocr_output_parsers():
    data = {
        "text": ["", "Pay", "rent", "", "now"],
        "conf": [-1, 90, 80, -1, 70],
        "block_num": [1, 1, 1, 1, 2],
        "par_num": [1, 1, 1, 1, 1],
        "line_num": [1, 1, 1, 1, 1],
    }
    parsed = tesseract_text(data)
    assert parsed.text == "Pay rent\n\nnow"
    assert parsed.confidence == pytest.approx((90 * 3 + 80 * 4 + 70 * 3) / 10 / 100)
    assert textract_text([{"BlockType": "WORD", "Text": "x"}]).text == ""


# --- Refusals ------------------------------------------------------------------------------


def test_encrypted_pdf_is_rejected():
    assert failure(encrypted_pdf(notice_text(PDF_NOTICE)), "pdf").startswith("encrypted PDF")


def test_pdf_over_the_page_limit_is_rejected():
    assert failure(long_pdf(51), "pdf") == "PDF has 51 pages (limit 50)"
    assert extract_text(long_pdf(3), kind="pdf", settings=replace(CONFIG, pdf_min_page_chars=1)).pages == 3


def test_damaged_pdf_and_pdf_without_any_text():
    assert failure(b"%PDF-1.4\n garbage", "pdf").startswith("damaged or unreadable PDF")
    blank = text_pdf("")
    assert failure(blank, "pdf") == "no text found: the PDF has no text layer and no images to OCR"


def test_image_over_the_pixel_limit_is_a_decompression_bomb():
    reason = failure(notice_png(), "image", replace(CONFIG, image_max_pixels=1000))
    assert reason.startswith("image is a decompression bomb: 1223x") and "(limit 1,000)" in reason


def test_pillow_bomb_warning_and_error_become_extraction_errors():
    # 100 Mpx: above Pillow's warning threshold (89.5 Mpx), below its error (2x). Our limit
    # is raised here so that Pillow's warning, not our check, is what fires.
    warned = failure(png_header_only(10_000, 10_000), "image", replace(CONFIG, image_max_pixels=10**9))
    assert warned.startswith("image is a decompression bomb")
    assert failure(png_header_only(20_000, 20_000), "image").startswith("image is a decompression bomb")


def test_scanned_pdf_page_image_over_the_limit_is_refused_before_decoding():
    reason = failure(scanned_pdf(notice_png()), "pdf", replace(CONFIG, image_max_pixels=1000))
    assert reason.startswith("page 1 image is a decompression bomb")


@pytest.mark.parametrize(
    "data",
    [b"hello, not an image", b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n", b"GIF89a\x01\x00\x01\x00"],
    ids=["text", "eps", "gif"],
)
def test_only_png_jpeg_and_tiff_are_opened(data):
    assert failure(data, "image") == "not a PNG, JPEG or TIFF image"


def test_truncated_image_is_refused():
    png = notice_png()
    assert failure(png[: len(png) // 2], "image").startswith("image is damaged or truncated")


def test_tesseract_missing_is_a_clear_error(monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    assert failure(notice_png(), "image").startswith("tesseract is not installed")


@needs_tesseract
def test_a_blank_image_produces_no_text():
    buffer = io.BytesIO()
    Image.new("L", (400, 300), 255).save(buffer, format="PNG")
    assert failure(buffer.getvalue(), "image") == "OCR produced no text"


def test_unknown_kind_and_backend():
    assert failure(b"x", "docx") == "unknown document kind 'docx'"
    assert "unknown OCR_BACKEND" in failure(notice_png(), "image", replace(CONFIG, ocr_backend="magic"))


def test_multi_page_tiff_is_limited_like_a_pdf():
    frames = [Image.new("L", (200, 100), 255) for _ in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
    assert failure(buffer.getvalue(), "image", replace(CONFIG, pdf_max_pages=2)) == "image has 3 pages (limit 2)"


def test_too_many_images_on_a_pdf_page():
    reason = failure(scanned_pdf(notice_png()), "pdf", replace(CONFIG, pdf_max_images_per_page=0))
    assert reason == "page 1 has 1 images (limit 0 per page)"
