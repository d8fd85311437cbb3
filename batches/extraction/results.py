"""What extraction returns, how it fails, and the limits it runs under (pure; no Django)."""

from __future__ import annotations

from dataclasses import dataclass, fields


class ExtractionError(Exception):
    """Text could not be extracted. `reason` is written for staff and never quotes the
    document ("encrypted PDF", "PDF has 120 pages (limit 50)", "OCR produced no text").
    `transient` is True only when trying again later may succeed (Textract throttling,
    a network error, an OCR timeout); everything else is permanent for this document."""

    def __init__(self, reason: str, *, transient: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient


@dataclass(frozen=True)
class ExtractionResult:
    """The text of one document. `method`: "pdf-text" (every page had a text layer),
    "tesseract" or "textract" (at least one page or the image went through that OCR), or
    "text". `confidence` in 0..1 (1.0 for a text layer; OCR word confidence otherwise,
    weighted by characters). `pages`: pages or frames read; `ocr_pages`: how many were OCR'd."""

    text: str
    method: str
    confidence: float
    pages: int
    ocr_pages: int = 0


@dataclass(frozen=True)
class ExtractionSettings:
    """Limits and backends. Built from Django settings by `from_settings`, or directly in tests."""

    pdf_max_pages: int = 50
    image_max_pixels: int = 50_000_000
    ocr_backend: str = "tesseract"  # "tesseract" | "textract"
    ocr_language: str = "eng"
    ocr_timeout_seconds: int = 60
    pdf_min_page_chars: int = 25  # a page with less text than this is OCR'd
    pdf_max_images_per_page: int = 20
    max_text_chars: int = 200_000
    textract_region: str = "us-east-1"
    textract_endpoint_url: str = ""

    _SETTING_NAMES = {
        "pdf_max_pages": "PDF_MAX_PAGES",
        "image_max_pixels": "IMAGE_MAX_PIXELS",
        "ocr_backend": "OCR_BACKEND",
        "ocr_language": "OCR_LANGUAGE",
        "ocr_timeout_seconds": "OCR_TIMEOUT_SECONDS",
        "pdf_min_page_chars": "PDF_MIN_PAGE_CHARS",
        "max_text_chars": "NOTICE_MAX_CHARS",
        "textract_region": "TEXTRACT_REGION",
        "textract_endpoint_url": "TEXTRACT_ENDPOINT_URL",
    }

    @classmethod
    def from_settings(cls, settings=None) -> ExtractionSettings:
        """Accepts an ExtractionSettings (returned as is), django.conf.settings or any object
        with the upper-case names above; a missing name keeps the default."""
        if isinstance(settings, cls):
            return settings
        if settings is None:
            from django.conf import settings
        defaults = {f.name: getattr(cls, f.name) for f in fields(cls)}
        values = {name: getattr(settings, setting, defaults[name]) for name, setting in cls._SETTING_NAMES.items()}
        return cls(**values)
