"""Plain-text formatting of one placeholder value: money, dates, numbers, lists, None.

Values become plain strings before substitution; arbitrary objects are refused rather than
str()-ed, so a template cannot reach Python objects through a value.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from templates_app.rendering.placeholders import AMOUNT_PLACEHOLDERS, DATE_PLACEHOLDERS, NOT_STATED

_ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
_MONTHS = ("January February March April May June July August September October November December").split()


class TemplateRenderError(ValueError):
    """A template or a value cannot be rendered safely; the message says which and why."""


class RenderContext(dict[str, str]):
    """Placeholder values already formatted as the text a tenant reads (what
    `build_render_context` returns).

    `template_render` substitutes its strings as they are: formatting them a second time
    changes nothing (tests/templates_app/test_rendering.py checks that) and was about half of
    a letter's render time. A value that is not a string is still formatted.
    """


def format_value(name: str, value: object) -> str:
    """One value as the plain text a tenant reads; the placeholder name decides amounts/dates."""
    if value is None:
        return NOT_STATED
    if isinstance(value, bool):  # before int: bool is an int subclass
        return "yes" if value else "no"
    if isinstance(value, datetime | date):
        return format_date(value)
    if isinstance(value, int | float | Decimal):
        if not Decimal(str(value)).is_finite():  # NaN/inf from a parser is "unknown", not a number
            return NOT_STATED
        return format_amount(value) if name in AMOUNT_PLACEHOLDERS else format_number(value)
    if isinstance(value, str):
        return _format_string(name, value)
    if isinstance(value, list | tuple):
        return ", ".join(format_value(name, item) for item in value) or NOT_STATED
    # Never str() an arbitrary object: its __str__/__repr__ could expose internals.
    raise TemplateRenderError(f"Value for ${name} must be text, a number, a date or None, not {type(value).__name__}")


def format_amount(value: int | float | Decimal) -> str:
    """`1234.5` -> `$1,234.50`; negative amounts keep their sign before the `$`."""
    amount = Decimal(str(value))
    if not amount.is_finite():
        return NOT_STATED
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,.2f}"


def format_number(value: int | float | Decimal) -> str:
    """Whole numbers without a decimal point (`3.0` -> `3`), others as written, with commas."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,}"


def format_date(value: date | datetime) -> str:
    """`2025-03-04` -> `March 4, 2025`, independent of the server locale."""
    return f"{_MONTHS[value.month - 1]} {value.day}, {value.year}"


def _format_string(name: str, value: str) -> str:
    text = value.strip()
    if not text:
        return NOT_STATED
    if name in DATE_PLACEHOLDERS:
        return _format_iso_date(text)
    if name in AMOUNT_PLACEHOLDERS:
        try:
            return format_amount(Decimal(text.replace(",", "").lstrip("$")))
        except ArithmeticError:
            return text
    return text


def _format_iso_date(text: str) -> str:
    match = _ISO_DATE_RE.match(text)
    if not match:
        return text  # already human-readable, or not a date at all: show it as written
    try:
        return format_date(date(int(match[1]), int(match[2]), int(match[3])))
    except ValueError:
        return text
