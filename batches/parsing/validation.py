"""Field rules for one request. Messages name the row and field and never quote notice text;
short identifiers and bad state codes are quoted (escaped, truncated) to help staff find them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from .documents import DocumentRef
from .errors import RowError
from .results import RequestRow
from .states import normalize_state

MAX_ID_CHARS = 128
MAX_FORM_FIELDS = 50
MAX_FORM_KEY_CHARS = 64
MAX_FORM_VALUE_CHARS = 2000

MISSING: Any = object()
# C0 controls except tab/LF/CR (PostgreSQL refuses NUL; none belong in a notice) and lone
# surrogates (from JSON "\ud800"; they cannot be encoded as UTF-8). One pattern: one pass.
TEXT_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
# Identifiers allow no control characters at all (C0, DEL, C1) and no surrogates.
_ID_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no", ""})

Problems = list[tuple[str, str]]  # (field, message without the "Row N: " prefix)


def echo(value: str, limit: int = 24) -> str:
    """A short, escaped quotation safe for messages (never used for notice text)."""
    return ascii(value if len(value) <= limit else value[:limit] + "...")


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return {str: "a string", list: "an array", dict: "an object"}.get(type(value), type(value).__name__)


class RowValidator:
    """Validates raw request mappings. One per upload: duplicates are found across batches."""

    def __init__(self, *, max_text_chars: int) -> None:
        self.max_text_chars = max_text_chars
        self._first_seen: dict[str, str] = {}

    def validate(
        self,
        row: int,
        raw: Mapping[str, Any],
        *,
        where: str = "",
        csv: bool = False,
        document: DocumentRef | None = None,
    ) -> RequestRow | list[RowError]:
        """A RequestRow, or the list of RowErrors for this row (never both).

        With a `document` (a ZIP member) the text is extracted later, so it may be empty."""
        problems: Problems = []
        analysis_id = check_analysis_id(raw, problems)
        if document is None:
            text = check_text(raw.get("extractedText", MISSING), raw, self.max_text_chars, problems)
        else:
            text = ""
        state = check_state(raw.get("userSelectedState", MISSING), problems)
        form = check_form_data(raw.get("userFormData", MISSING), problems)
        image = check_bool(raw.get("isImageUpload", MISSING), problems, lenient=csv)
        user_id = check_user_id(raw.get("userId", MISSING), problems)
        if analysis_id is not None:
            self._check_duplicate(analysis_id, row, where, problems)
        if problems:
            return [RowError(row, field, f"Row {row}: {msg}", analysis_id) for field, msg in problems]
        return RequestRow(row, analysis_id, text, state, form, image, user_id, document)

    def _check_duplicate(self, analysis_id: str, row: int, where: str, problems: Problems) -> None:
        here = f"{where}row {row}"
        first = self._first_seen.setdefault(analysis_id, here)
        if first != here:
            problems.append(("analysisId", f"analysisId {echo(analysis_id, 40)} duplicates {first}"))


def _missing(field: str, raw: Mapping[str, Any]) -> str:
    """Point at a near miss ('analysisID') because JSON field names are case-sensitive."""
    near = [key for key in raw if isinstance(key, str) and key.casefold() == field.casefold()]
    hint = f" (found {echo(near[0])}; field names are case-sensitive)" if near else ""
    return f"{field} is missing{hint}"


def check_analysis_id(raw: Mapping[str, Any], problems: Problems) -> str | None:
    value = raw.get("analysisId", MISSING)
    if value is MISSING or value is None:
        problems.append(("analysisId", _missing("analysisId", raw)))
        return None
    if not isinstance(value, str):
        problems.append(("analysisId", f"analysisId must be a string, got {type_name(value)}"))
        return None
    return _identifier("analysisId", value, problems, required=True)


def _identifier(field: str, value: str, problems: Problems, *, required: bool) -> str | None:
    value = value.strip()
    if not value:
        if required:
            problems.append((field, f"{field} is empty"))
        return None
    if len(value) > MAX_ID_CHARS:
        problems.append((field, f"{field} is too long ({len(value)} characters; the limit is {MAX_ID_CHARS})"))
    elif _ID_FORBIDDEN.search(value):
        problems.append((field, f"{field} contains a control character"))
    else:
        return value
    return None


def check_text(value: Any, raw: Mapping[str, Any], max_chars: int, problems: Problems) -> str:
    field = "extractedText"
    if value is MISSING or value is None:
        problems.append((field, _missing(field, raw) + " (no notice text)"))
        return ""
    if not isinstance(value, str):
        problems.append((field, f"{field} must be a string, got {type_name(value)}"))
        return ""
    bad = _bad_character(value)
    if bad:
        problems.append((field, f"{field} {bad}"))
        return ""
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    if not value.strip():
        problems.append((field, f"{field} is empty or only whitespace (no notice text)"))
    elif len(value) > max_chars:
        problems.append((field, f"{field} is too long ({len(value):,} characters; the limit is {max_chars:,})"))
    return value


def _bad_character(value: str) -> str | None:
    """Describe the first forbidden character by position only: the text is personal data."""
    match = TEXT_FORBIDDEN.search(value)
    if match is None:
        return None
    code, where = ord(match.group()), f"at character {match.start() + 1}"
    if code >= 0xD800:
        return f"contains an unpaired surrogate (U+{code:04X}) {where}"
    char = "a NUL byte" if code == 0 else f"control character U+{code:04X}"
    return f"contains {char} {where} (only tab, newline and carriage return are allowed)"


def check_state(value: Any, problems: Problems) -> str | None:
    field = "userSelectedState"
    if value is MISSING or value is None:
        return None
    if not isinstance(value, str):
        problems.append((field, f"{field} must be a string, got {type_name(value)}"))
        return None
    if not value.strip():
        return None
    code = normalize_state(value)
    if code is None:
        problems.append((field, f"{field} {echo(value.strip())} is not a US state code"))
    return code


def check_form_data(value: Any, problems: Problems) -> dict[str, str]:
    if value is MISSING or value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(("userFormData", f"userFormData must be an object, got {type_name(value)}"))
        return {}
    if len(value) > MAX_FORM_FIELDS:
        problems.append(("userFormData", f"userFormData has {len(value)} fields; the limit is {MAX_FORM_FIELDS}"))
        return {}
    form: dict[str, str] = {}
    for key, item in value.items():
        text = _form_value(key, item, problems)
        if text is not None:
            form[key] = text
    return form


def _form_value(key: str, value: Any, problems: Problems) -> str | None:
    if len(key) > MAX_FORM_KEY_CHARS or _ID_FORBIDDEN.search(key) or not key.strip():
        problems.append(("userFormData", f"userFormData has an invalid field name {echo(key)}"))
        return None
    field = f"userFormData.{key}"
    if value is None:
        return None  # an explicit null is the same as leaving the field out
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        problems.append((field, f"{field} must be a string or number, got {type_name(value)}"))
        return None
    text = value if isinstance(value, str) else str(value)
    bad = _bad_character(text)
    if bad:
        problems.append((field, f"{field} {bad}"))
    elif len(text) > MAX_FORM_VALUE_CHARS:
        problems.append(
            (field, f"{field} is too long ({len(text):,} characters; the limit is {MAX_FORM_VALUE_CHARS:,})")
        )
    else:
        return unicodedata.normalize("NFC", text)
    return None


def check_bool(value: Any, problems: Problems, *, lenient: bool) -> bool:
    """JSON needs true/false; CSV cells may also say 1/0/yes/no (any case; empty = false)."""
    if value is MISSING or value is None:
        return False
    if isinstance(value, bool):
        return value
    if lenient and isinstance(value, str):
        word = value.strip().casefold()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        problems.append(("isImageUpload", f"isImageUpload {echo(value.strip())} is not true/false/1/0/yes/no"))
        return False
    problems.append(("isImageUpload", f"isImageUpload must be true or false, got {type_name(value)}"))
    return False


def check_user_id(value: Any, problems: Problems) -> str | None:
    if value is MISSING or value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if not isinstance(value, str):
        problems.append(("userId", f"userId must be a string or number, got {type_name(value)}"))
        return None
    return _identifier("userId", value, problems, required=False)
