"""PDF text: the text layer with pypdf; pages without one have their embedded images OCR'd.

Rasterising choice: scanned PDFs are, page by page, one (or a few) embedded images, so we
OCR the images pypdf extracts (`page.images`) instead of rendering pages with poppler's
`pdftoppm`: no extra system package and no subprocess parsing the untrusted file. The
cost: text drawn as vector outlines (no font, no image) is not recovered; such PDFs fail
with "no text found". pypdf caps every decompressed stream (75 MB by default); we also cap
pages, images per page and each image's declared pixels before it is decoded.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from .images import bomb_guard, check_pixels, prepare_for_ocr
from .ocr import ocr_image
from .results import ExtractionError, ExtractionResult, ExtractionSettings

logger = logging.getLogger(__name__)
_MAX_FORM_DEPTH = 5


@dataclass
class _PageText:
    text: str
    confidence: float
    ocr: bool


def extract_pdf(data: bytes, *, config: ExtractionSettings) -> ExtractionResult:
    reader = _open(data)
    count = _page_count(reader, config)
    pages = [_page_text(reader, number, config) for number in range(count)]
    ocr_pages = sum(page.ocr for page in pages)
    text = "\n\n".join(page.text.strip() for page in pages if page.text.strip())
    chars = sum(len(page.text) for page in pages) or 1
    confidence = sum(page.confidence * len(page.text) for page in pages) / chars
    method = config.ocr_backend if ocr_pages else "pdf-text"
    return ExtractionResult(text, method, round(confidence, 4), count, ocr_pages)


def _open(data: bytes):
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except Exception as exc:  # noqa: BLE001 - a malformed PDF can raise almost anything from pypdf
        raise ExtractionError(f"damaged or unreadable PDF ({type(exc).__name__})") from None
    if encrypted:
        raise ExtractionError("encrypted PDF: password-protected PDFs are not accepted; upload an unprotected copy")
    return reader


def _page_count(reader, config: ExtractionSettings) -> int:
    try:
        count = len(reader.pages)
    except Exception as exc:  # noqa: BLE001 - see _open
        raise ExtractionError(f"damaged or unreadable PDF ({type(exc).__name__})") from None
    if count > config.pdf_max_pages:
        raise ExtractionError(f"PDF has {count} pages (limit {config.pdf_max_pages})")
    if count == 0:
        raise ExtractionError("PDF has no pages")
    return count


def _page_text(reader, number: int, config: ExtractionSettings) -> _PageText:
    try:
        page = reader.pages[number]
        layer = page.extract_text() or ""
    except Exception as exc:  # noqa: BLE001 - see _open
        logger.info("pdf page %d: text layer unreadable (%s)", number + 1, type(exc).__name__)
        page, layer = None, ""
    if len(layer.strip()) >= config.pdf_min_page_chars or page is None:
        return _PageText(layer, 1.0, False)
    ocr = _ocr_page(page, number, config)
    if len(ocr.text.strip()) > len(layer.strip()):
        return ocr
    return _PageText(layer, 1.0, False)


def _ocr_page(page, number: int, config: ExtractionSettings) -> _PageText:
    _check_declared_images(page, number, config)
    texts: list[str] = []
    weighted, chars = 0.0, 0
    try:
        images = page.images
        count = len(images)  # lists the image ids without decoding any
    except Exception as exc:  # noqa: BLE001 - see _open
        raise ExtractionError(f"page {number + 1}: images cannot be read ({type(exc).__name__})") from None
    for index in range(count):
        pil = _decode_image(images, index, number)
        if pil is None:
            continue
        check_pixels(*pil.size, max_pixels=config.image_max_pixels, what=f"page {number + 1} image")
        result = ocr_image(prepare_for_ocr(pil, max_pixels=config.image_max_pixels), config=config)
        if result.text.strip():
            texts.append(result.text)
            weighted += result.confidence * len(result.text)
            chars += len(result.text)
    # A page with no images was not OCR'd: it simply has no text.
    return _PageText("\n".join(texts), weighted / chars if chars else 0.0, count > 0)


def _decode_image(images, index: int, number: int):
    """One embedded image as PIL, decoded lazily (one at a time); None when pypdf cannot
    decode it (an unsupported filter): the page's other images may still carry the text."""
    try:
        with bomb_guard():
            return images[index].image
    except ExtractionError:
        raise
    except Exception as exc:  # noqa: BLE001 - see _open
        logger.info("pdf page %d image %d: not decodable (%s)", number + 1, index + 1, type(exc).__name__)
        return None


def _check_declared_images(page, number: int, config: ExtractionSettings) -> None:
    """Count the page's image XObjects (through nested forms) and check each one's declared
    /Width x /Height before pypdf decodes anything."""
    found = _declared_images(page.get("/Resources"), depth=0)
    if len(found) > config.pdf_max_images_per_page:
        raise ExtractionError(
            f"page {number + 1} has {len(found)} images (limit {config.pdf_max_images_per_page} per page)"
        )
    for width, height in found:
        check_pixels(width, height, max_pixels=config.image_max_pixels, what=f"page {number + 1} image")


def _declared_images(resources, *, depth: int) -> list[tuple[int, int]]:
    resources = _resolve(resources)
    if depth > _MAX_FORM_DEPTH or not hasattr(resources, "get"):
        return []
    xobjects = _resolve(resources.get("/XObject"))
    found: list[tuple[int, int]] = []
    for key in list(xobjects or {}):
        xobject = _resolve(xobjects[key])
        subtype = xobject.get("/Subtype") if hasattr(xobject, "get") else None
        if subtype == "/Image":
            found.append((int(xobject.get("/Width", 0) or 0), int(xobject.get("/Height", 0) or 0)))
        elif subtype == "/Form":
            found.extend(_declared_images(xobject.get("/Resources"), depth=depth + 1))
    return found


def _resolve(value):
    return value.get_object() if hasattr(value, "get_object") else value
