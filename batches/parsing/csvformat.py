"""CSV uploads: one header row, then one request per record (rows numbered by file line).

Policy: analysisId and extractedText columns are required; userSelectedState, tenantName,
landlordName, isImageUpload and userId are optional. Header names ignore case, spaces, '_'
and '-'. Any other column whose header looks like a field name ("Premises Address",
rent_amount, userFormData.unitNumber) becomes a userFormData entry under a camelCase key
("premisesAddress", "rentAmount", "unitNumber"); other headers reject the file. Cells under
an empty header are ignored when empty (trailing delimiters). Delimiter: ',', ';' (Excel in many locales) or tab.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

from .errors import Problem, UploadRejected
from .formats import Item, ItemBudget
from .sniff import label
from .validation import echo

REQUIRED = ("analysisId", "extractedText")
_TOP_LEVEL = ("analysisId", "extractedText", "userSelectedState", "isImageUpload", "userId")
_FORM = ("tenantName", "landlordName")
_RESERVED = frozenset({"batchid", "batchprocessing", "batchrequests", "userformdata", "records"})
_FORM_HEADER = re.compile(r"[A-Za-z][A-Za-z0-9 _\-]{0,63}")
_DELIMITERS = (",", ";", "\t")
_FORM_PREFIX = "userformdata."


def _norm(header: str) -> str:
    return re.sub(r"[\s_\-]+", "", header).casefold()


_CANONICAL = {_norm(name): name for name in _TOP_LEVEL + _FORM}


@dataclass(frozen=True)
class Column:
    name: str  # a request field, "form:<key>", or "" (ignored)


def form_key(header: str) -> str:
    """'Premises Address' -> 'premisesAddress', 'rent_amount' -> 'rentAmount'."""
    words = [w.lower() if w.isupper() else w for w in re.split(r"[\s_\-]+", header.strip()) if w]
    first = words[0][0].lower() + words[0][1:]
    return first + "".join(w[0].upper() + w[1:] for w in words[1:])


def plan_columns(header: list[str], *, filename: str = "") -> list[Column]:
    names = [_CANONICAL.get(_norm(cell)) for cell in header]
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        # Only the missing names: a "header" that is really notice text must not be echoed.
        raise UploadRejected(
            f"{_not_recognised(filename)}: expected JSON, JSON Lines, or CSV whose header has "
            f"the required column(s) {', '.join(missing)}",
            code="csv_header",
        )
    columns = [_column(cell, name) for cell, name in zip(header, names, strict=True)]
    _reject_duplicates(header, columns)
    return columns


def _not_recognised(filename: str) -> str:
    """The extension is only a hint, used to explain why a '.json' file was read as CSV."""
    if filename.lower().endswith((".json", ".jsonl", ".ndjson")):
        return f"{label(filename)} is named like JSON but does not start with '{{' or '['; as CSV it"
    return "Not a recognised batch file"


def _column(cell: str, name: str | None) -> Column:
    if name in _FORM:
        return Column(f"form:{name}")
    if name:
        return Column(name)
    if not cell.strip():
        return Column("")
    if cell.strip().casefold().startswith(_FORM_PREFIX):  # "userFormData.rentAmount", as JSON would nest it
        cell = cell.strip()[len(_FORM_PREFIX) :]
    if _norm(cell) in _RESERVED or not _FORM_HEADER.fullmatch(cell.strip()):
        raise UploadRejected(
            f"Unsupported CSV column {echo(cell.strip(), 40)}: extra columns must be plain field names "
            "(letters, digits, spaces, '_' or '-'; they become userFormData entries)",
            code="csv_header",
        )
    return Column(f"form:{form_key(cell)}")


def _reject_duplicates(header: list[str], columns: list[Column]) -> None:
    seen: set[str] = set()
    for cell, column in zip(header, columns, strict=True):
        if column.name and column.name in seen:
            raise UploadRejected(f"CSV column {echo(cell.strip(), 40)} appears twice", code="csv_header")
        seen.add(column.name)


def choose_delimiter(header_line: str) -> str:
    """The delimiter under which the header names the required columns (',' otherwise)."""
    for delimiter in _DELIMITERS:
        cells = next(csv.reader([header_line], delimiter=delimiter), [])
        names = {_CANONICAL.get(_norm(cell)) for cell in cells}
        if all(name in names for name in REQUIRED):
            return delimiter
    return ","


def csv_items(lines: Iterable[str], budget: ItemBudget, *, filename: str = "") -> Iterator[Item]:
    lines = iter(lines)
    leading = []
    for line in lines:
        leading.append(line)
        if line.strip():
            break
    try:
        reader = csv.reader(chain(leading, lines), delimiter=choose_delimiter(leading[-1]), strict=True)
        columns = plan_columns(next(reader), filename=filename)
    except csv.Error as exc:
        raise UploadRejected(
            f"{_not_recognised(filename)}: the first line is not a CSV header ({exc})", code="csv_header"
        ) from None
    yield from _records(reader, columns, budget)


def _records(reader, columns: list[Column], budget: ItemBudget) -> Iterator[Item]:
    previous = reader.line_num
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # The csv module resynchronises at the next line, so only this row is lost.
            budget.take()
            yield previous + 1, Problem(None, f"CSV row is malformed ({exc})")
            if reader.line_num == previous:
                return
            previous = reader.line_num
            continue
        row, previous = previous + 1, reader.line_num
        if record:  # a blank line is not a row
            budget.take()
            yield row, _request(record, columns)


def _request(record: list[str], columns: list[Column]) -> dict | Problem:
    extra = record[len(columns) :]
    if len(record) < len(columns) or any(cell.strip() for cell in extra):
        return Problem(None, f"CSV row has {len(record)} fields but the header has {len(columns)}")
    raw: dict = {"userFormData": {}}
    for cell, column in zip(record, columns, strict=False):
        if column.name.startswith("form:"):
            if cell.strip():
                raw["userFormData"][column.name[5:]] = cell.strip()
        elif column.name:
            raw[column.name] = cell
        elif cell.strip():
            return Problem(None, "CSV row has a value in a column without a header")
    return raw
