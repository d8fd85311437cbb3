"""extract_text: one document's bytes -> cleaned text with its method and confidence."""

from __future__ import annotations

import re
import unicodedata

from batches.parsing.validation import TEXT_FORBIDDEN

from .images import image_frames
from .ocr import ocr_image
from .pdf import extract_pdf
from .results import ExtractionError, ExtractionResult, ExtractionSettings

_TRAILING_SPACE = re.compile(r"[ \t]+\n")


def extract_text(data: bytes, *, kind: str, settings=None) -> ExtractionResult:
    """Raises ExtractionError with a readable reason; never returns empty text."""
    config = ExtractionSettings.from_settings(settings)
    if kind == "pdf":
        result = extract_pdf(data, config=config)
    elif kind == "image":
        result = _extract_image(data, config=config)
    elif kind == "text":
        result = _extract_plain(data)
    else:
        raise ExtractionError(f"unknown document kind {kind!r}")
    return _finish(result, config=config)


def _extract_image(data: bytes, *, config: ExtractionSettings) -> ExtractionResult:
    texts, weighted, chars, pages = [], 0.0, 0, 0
    for frame in image_frames(data, max_pixels=config.image_max_pixels, max_frames=config.pdf_max_pages):
        pages += 1
        result = ocr_image(frame, config=config)
        if result.text.strip():
            texts.append(result.text)
            weighted += result.confidence * len(result.text)
            chars += len(result.text)
    confidence = round(weighted / chars, 4) if chars else 0.0
    return ExtractionResult("\n\n".join(texts), config.ocr_backend, confidence, pages, pages)


def _extract_plain(data: bytes) -> ExtractionResult:
    try:
        return ExtractionResult(data.decode("utf-8-sig"), "text", 1.0, 1, 0)
    except UnicodeDecodeError as exc:
        raise ExtractionError(f"text is not valid UTF-8 (byte offset {exc.start:,})") from None


def _finish(result: ExtractionResult, *, config: ExtractionSettings) -> ExtractionResult:
    # Blank out what batches.parsing refuses in notice text (PostgreSQL refuses NUL).
    text = TEXT_FORBIDDEN.sub(" ", result.text)
    text = _TRAILING_SPACE.sub("\n", unicodedata.normalize("NFC", text)).strip()
    if not text:
        if result.method == "pdf-text":
            raise ExtractionError("no text found: the PDF has no text layer and no images to OCR")
        raise ExtractionError("OCR produced no text")
    if len(text) > config.max_text_chars:
        raise ExtractionError(f"extracted text is too long ({len(text):,} characters; limit {config.max_text_chars:,})")
    confidence = min(1.0, max(0.0, result.confidence))
    return ExtractionResult(text, result.method, confidence, result.pages, result.ocr_pages)
