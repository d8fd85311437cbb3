"""Opening untrusted images safely with Pillow and preparing them for OCR.

Pillow's decompression-bomb guard warns above Image.MAX_IMAGE_PIXELS and raises above
twice that; we never change the global limit, turn the warning into ExtractionError, and
check our own (lower) IMAGE_MAX_PIXELS on every frame before decoding it. Only PNG, JPEG
and TIFF are opened (`formats=`): anything else, EPS included, is refused unread.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image, ImageOps, UnidentifiedImageError

from .results import ExtractionError

ALLOWED_FORMATS = ("PNG", "JPEG", "TIFF")
# Tesseract reads best at roughly 300 dpi; a small phone screenshot is scaled up to this.
OCR_MIN_SIDE = 1200


@contextmanager
def bomb_guard() -> Iterator[None]:
    """DecompressionBombWarning/Error and decoder failures become ExtractionError.

    catch_warnings changes process-wide state; a concurrent thread at worst sees the
    "error" filter for this one category, which is what we want everywhere anyway."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            yield
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise ExtractionError(f"image is a decompression bomb ({_pixels_from(exc)})") from None
        except UnidentifiedImageError:
            raise ExtractionError("not a PNG, JPEG or TIFF image") from None
        except (OSError, ValueError, SyntaxError, EOFError) as exc:
            raise ExtractionError(f"image is damaged or truncated ({type(exc).__name__})") from None


def _pixels_from(exc: Exception) -> str:
    text = str(exc)
    return text.split(" exceeds ")[0] if " exceeds " in text else "too many pixels"


def check_pixels(width: int, height: int, *, max_pixels: int, what: str = "image") -> None:
    if width * height > max_pixels:
        raise ExtractionError(
            f"{what} is a decompression bomb: {width}x{height} = {width * height:,} pixels (limit {max_pixels:,})"
        )


def image_frames(data: bytes, *, max_pixels: int, max_frames: int) -> Iterator[Image.Image]:
    """Each frame (one for PNG/JPEG, each page of a TIFF) as a grayscale image ready for OCR.

    Only the Pillow work runs under bomb_guard, never the consumer's OCR between frames."""
    with bomb_guard():
        image = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
    try:
        with bomb_guard():
            frames = getattr(image, "n_frames", 1)
        if frames > max_frames:
            raise ExtractionError(f"image has {frames} pages (limit {max_frames})")
        for index in range(frames):
            with bomb_guard():
                image.seek(index)
                check_pixels(*image.size, max_pixels=max_pixels, what="image" if frames == 1 else f"page {index + 1}")
                frame = prepare_for_ocr(image, max_pixels=max_pixels)
            yield frame
    finally:
        image.close()


def prepare_for_ocr(image: Image.Image, *, max_pixels: int) -> Image.Image:
    """Decoded, upright (EXIF orientation), grayscale, metadata dropped, scaled up when tiny."""
    with bomb_guard():
        image.load()
        upright = ImageOps.exif_transpose(image) or image
        gray = upright.convert("L")
    longest = max(gray.size)
    if 0 < longest < OCR_MIN_SIDE:
        factor = min(OCR_MIN_SIDE / longest, 4.0)
        size = (round(gray.width * factor), round(gray.height * factor))
        if size[0] * size[1] <= max_pixels:
            gray = gray.resize(size, Image.Resampling.LANCZOS)
    return gray
