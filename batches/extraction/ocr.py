"""OCR backends: Tesseract (pytesseract + Debian tesseract-ocr) or AWS Textract (boto3).

Both take a prepared PIL image and return (text, confidence 0..1). Network and process
failures become ExtractionError, `transient` when retrying later may help."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass

from PIL import Image

from .results import ExtractionError, ExtractionSettings

TEXTRACT_MAX_BYTES = 10 * 1024 * 1024  # DetectDocumentText limit for inline bytes
_TEXTRACT_TRANSIENT = frozenset(
    {
        "ThrottlingException",
        "ProvisionedThroughputExceededException",
        "InternalServerError",
        "LimitExceededException",
        "ServiceUnavailable",
        "RequestTimeout",
    }
)


@dataclass(frozen=True)
class OcrText:
    text: str
    confidence: float


def ocr_image(image: Image.Image, *, config: ExtractionSettings) -> OcrText:
    if config.ocr_backend == "textract":
        return textract_ocr(image, config=config)
    if config.ocr_backend == "tesseract":
        return tesseract_ocr(image, config=config)
    raise ExtractionError(f"unknown OCR_BACKEND {config.ocr_backend!r} (use 'tesseract' or 'textract')")


def tesseract_ocr(image: Image.Image, *, config: ExtractionSettings) -> OcrText:
    import pytesseract

    # Tesseract's OpenMP threads oversubscribe the CPU when several items are OCR'd at once
    # (measured here: 20 s wall for 2 s CPU on one page); one thread per process is faster.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        data = pytesseract.image_to_data(
            image,
            lang=config.ocr_language,
            output_type=pytesseract.Output.DICT,
            timeout=config.ocr_timeout_seconds,
        )
    except pytesseract.TesseractNotFoundError:
        raise ExtractionError(
            "tesseract is not installed (Debian: apt-get install tesseract-ocr; `make run` installs it)"
        ) from None
    except pytesseract.TesseractError as exc:
        raise ExtractionError(f"tesseract failed (status {exc.status})") from None
    except RuntimeError as exc:  # pytesseract reports its timeout as a RuntimeError
        raise ExtractionError(f"OCR timed out after {config.ocr_timeout_seconds} s ({exc})", transient=True) from None
    return tesseract_text(data)


def tesseract_text(data: dict) -> OcrText:
    """Rebuild lines from image_to_data's words; confidence is the character-weighted mean."""
    lines: dict[tuple[int, int, int], list[str]] = {}
    weighted, chars = 0.0, 0
    for index, word in enumerate(data["text"]):
        word = (word or "").strip()
        conf = float(data["conf"][index])
        if not word or conf < 0:
            continue
        key = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
        lines.setdefault(key, []).append(word)
        weighted += conf * len(word)
        chars += len(word)
    out: list[str] = []
    previous_block = None
    for (block, _par, _line), words in lines.items():
        if previous_block is not None and block != previous_block:
            out.append("")
        out.append(" ".join(words))
        previous_block = block
    return OcrText("\n".join(out), round(weighted / chars / 100, 4) if chars else 0.0)


def textract_ocr(image: Image.Image, *, config: ExtractionSettings) -> OcrText:
    """DetectDocumentText on one page image (re-encoded as PNG: no metadata leaves us)."""
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

    payload = _png_bytes(image)
    # A Session per call: boto3's default session is not safe to share between threads.
    client = boto3.session.Session().client(
        "textract", region_name=config.textract_region, endpoint_url=config.textract_endpoint_url or None
    )
    try:
        response = client.detect_document_text(Document={"Bytes": payload})
    except NoCredentialsError:
        raise ExtractionError("AWS credentials are not configured for Textract") from None
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "error")
        raise ExtractionError(f"Textract refused the page ({code})", transient=code in _TEXTRACT_TRANSIENT) from None
    except BotoCoreError as exc:
        raise ExtractionError(f"Textract could not be reached ({type(exc).__name__})", transient=True) from None
    return textract_text(response.get("Blocks", []))


def textract_text(blocks: list[dict]) -> OcrText:
    lines = [block for block in blocks if block.get("BlockType") == "LINE" and block.get("Text")]
    chars = sum(len(block["Text"]) for block in lines)
    weighted = sum(float(block.get("Confidence", 0)) * len(block["Text"]) for block in lines)
    text = "\n".join(block["Text"] for block in lines)
    return OcrText(text, round(weighted / chars / 100, 4) if chars else 0.0)


def _png_bytes(image: Image.Image) -> bytes:
    current = image
    while True:
        buffer = io.BytesIO()
        current.save(buffer, format="PNG", optimize=True)
        if buffer.tell() <= TEXTRACT_MAX_BYTES:
            return buffer.getvalue()
        if min(current.size) < 500:
            raise ExtractionError("page image is too large for Textract (over 10 MB as PNG)")
        current = current.resize((current.width * 3 // 4, current.height * 3 // 4), Image.Resampling.LANCZOS)
