"""Parties, premises and service method, read line by line from the OCR-fixed text.

Labels are matched case-insensitively at the start of a line or of a column (PDF
extraction lays signature blocks side by side, separated by runs of spaces).
"""

from __future__ import annotations

import functools
import re

_COLUMN_SPLIT = re.compile(r"\s{3,}")
_LABEL_GAP = re.compile(r"^(\s*[A-Za-z/() ]{2,25}):\s{2,}")
_TENANT_LABEL = re.compile(
    r"^(?:to|tenants?(?:\(s\))?|residents?|occupants?|para|a|inquilinos?(?:\(s\))?|arrendatarios?)\s*:\s*(.*)$",
    re.IGNORECASE,
)
_DEAR = re.compile(r"^(?:dear|estimad[oa]s?)\s+(.+?)[,:]?$", re.IGNORECASE)
_OTHERS = re.compile(
    r",?\s*(?:and|&|y)\s+(?:all\s+)?(?:other\s+|unknown\s+|unnamed\s+)?"
    r"(?:occupants|others|persons|tenants|residents)\b.*$"
    r"|,?\s*y\s+(?:todos\s+)?(?:los\s+)?(?:demas\s+|demás\s+)?ocupantes.*$",
    re.IGNORECASE,
)
# Spanish "y" joins names only in lowercase: "Tenant Y. Sample" is an initial.
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\b(?i:and)\b)\s*|\s+y\s+")
_LANDLORD_LABEL = re.compile(
    r"^(?:landlord|owner|lessor|agent|from|property manager|manager|landlord/agent|owner/agent|"
    r"landlord/owner|arrendador|propietario|dueño|dueno|de)\s*(?:/\s*agent)?\s*:\s*(.+)$",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"^(.+?),\s*(?:landlord|owner|agent for owner|managing agent)\b", re.IGNORECASE)
_NAME_LINE = re.compile(r"^name\s*:\s*(.+?)\s*\((?:landlord|owner)\)", re.IGNORECASE)
_PAYEE = re.compile(
    r"^(?:payments? (?:must be made |may be made )?to|pay to|pague a|pagar a)\s*:\s*(.+)$", re.IGNORECASE
)
_PREMISES_LABEL = re.compile(
    r"^(?:premises|address|property|unit|rental (?:unit|property)|direccion|dirección|propiedad|"
    r"vivienda|domicilio)\s*:\s*(.+)$",
    re.IGNORECASE,
)
_KNOWN_AS = re.compile(r"commonly known as\s+(.+?\d{5})", re.IGNORECASE | re.DOTALL)
_INLINE_STREET = re.compile(r",\s*(\d+\s+\w.*)$")
_ZIP = re.compile(r"\b\d{5}(?:-\d{4})?\b")
_STREET_START = re.compile(r"^\s*(?:\d+\s+\w|[A-Z][\w ]+(?:Floor|Apartment|Unit)\b)")


@functools.lru_cache(maxsize=4)
def _columns(fixed: str) -> tuple[str, ...]:
    # Cached: the tenant and landlord extractors both walk the same cells.
    cells = []
    for line in fixed.splitlines():
        line = _LABEL_GAP.sub(r"\1: ", line)  # "TO:        Tenant" is one cell, not two
        cells.extend(c.strip() for c in _COLUMN_SPLIT.split(line.strip()) if c.strip())
    return tuple(cells)


def tenant_names(fixed: str) -> list[str]:
    """Names from the first "TO:"-style line (without "and all other occupants")."""
    for cell in _columns(fixed):
        m = _TENANT_LABEL.match(cell) or _DEAR.match(cell)
        if m and m.group(1).strip():
            return _split_names(m.group(1))
    return []


def _split_names(value: str) -> list[str]:
    value = _OTHERS.sub("", value.strip())
    names = []
    for name in (n.strip(" .,") for n in _NAME_SPLIT.split(value)):
        if name[:1].isdigit():
            break  # "To: Tenant A. Sample, 329 Example Lane, ...": the address starts here
        if len(name) > 2:
            names.append(name)
    return names


def landlord_name(fixed: str) -> str | None:
    """The first landlord/owner/agent label value, else a "Name, Landlord" signature."""
    cells = _columns(fixed)
    for cell in cells:
        m = _LANDLORD_LABEL.match(cell)
        if m:
            return _clean_party(m.group(1))
    for cell in cells:
        m = _NAME_LINE.match(cell) or _SIGNATURE.match(cell) or _PAYEE.match(cell)
        if m:
            return _clean_party(m.group(1))
    return None


def _clean_party(value: str) -> str | None:
    # The name ends where the address or the agency clause starts.
    name = re.split(r",|\s+by\s+|\s+presently\s+|\s\(", value, maxsplit=1)[0].strip(" .")
    return name or None


def premises_address(fixed: str) -> str | None:
    """The premises line, joined with a continuation line when the ZIP is on the next one."""
    lines = fixed.splitlines()
    for i, line in enumerate(lines):
        m = _PREMISES_LABEL.match(line.strip())
        if m:
            return _with_continuation(m.group(1).strip(), lines[i + 1 : i + 2])
    known = _KNOWN_AS.search(fixed)
    if known:
        return " ".join(known.group(1).split())
    return _address_after_tenant_line(lines) or _address_in_tenant_line(lines)


def _with_continuation(value: str, following: list[str]) -> str:
    value = _COLUMN_SPLIT.split(value)[0]
    if not _ZIP.search(value) and following and _ZIP.search(following[0]):
        value = f"{value}, {following[0].strip()}"
    return value.strip(" ,")


def _address_in_tenant_line(lines: list[str]) -> str | None:
    # "To: Tenant A. Sample, 329 Example Lane, Apt 4, Sampleton, Texas 75004"
    for line in lines:
        m = _TENANT_LABEL.match(line.strip())
        if m:
            street = _INLINE_STREET.search(m.group(1))
            return street.group(1).strip() if street and _ZIP.search(street.group(1)) else None
    return None


def _address_after_tenant_line(lines: list[str]) -> str | None:
    # "To: Tenant T. Sample" followed by indented street lines.
    for i, line in enumerate(lines):
        if _TENANT_LABEL.match(line.strip()):
            block = []
            for nxt in lines[i + 1 : i + 3]:
                if not nxt.strip() or not (block or _STREET_START.match(nxt)):
                    break
                block.append(nxt.strip())
                if _ZIP.search(nxt):
                    return ", ".join(block)
            return None
    return None
