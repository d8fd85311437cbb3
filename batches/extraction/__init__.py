"""Text extraction for notices that arrived as PDFs or images (issue 8).

    extract_text(data, *, kind, settings=None) -> ExtractionResult   # pure: no ORM, no storage
    ExtractionError(reason, transient=False)

kind: "pdf" (text layer, OCR for pages without one), "image" (PNG/JPEG/TIFF -> OCR) or
"text" (UTF-8). `settings`: django.conf.settings (the default), an ExtractionSettings, or
any object with PDF_MAX_PAGES, IMAGE_MAX_PIXELS, OCR_BACKEND, ... (see ExtractionSettings).
The database/storage side is batches.extraction.service; storing uploads is .storage.
"""

from .extract import extract_text
from .results import ExtractionError, ExtractionResult, ExtractionSettings

__all__ = ["ExtractionError", "ExtractionResult", "ExtractionSettings", "extract_text"]
