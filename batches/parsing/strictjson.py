"""JSON decoding that refuses what Python's json module silently accepts.

json.loads keeps the last of duplicate keys, accepts NaN/Infinity and turns 1e999 into inf.
Here each of those is recorded while decoding (the hooks cannot see positions) and the
first one is then located as a JSON path by walking the decoded value.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any


class JsonProblem(Exception):
    """Why a JSON text was refused; `location` is "line L, column C" or a JSON path."""

    def __init__(self, detail: str, *, code: str, location: str = "", line: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.code = code
        self.location = location
        self.line = line
        self.truncated = False

    def describe(self) -> str:
        if not self.location:
            return self.detail
        # json's own messages may already end in "at" ("Unterminated string starting at").
        joiner = " " if self.detail.endswith(" at") else " at "
        return f"{self.detail}{joiner}{self.location}"


class _DuplicateKeys(dict):
    """A decoded object that had a repeated key (kept so the walk can find where it was)."""

    duplicate: str = ""


@dataclass(eq=False)
class _NonFinite:
    token: str


class StrictHooks:
    """The strict decoder hooks of one parse: duplicate keys and non-finite numbers are
    flagged (not raised mid-decode) so the caller can name their JSON path."""

    def __init__(self) -> None:
        self.flagged: list[object] = []

    def pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        flagged = _DuplicateKeys(obj)
        flagged.duplicate = _first_duplicate(pairs)
        self.flagged.append(flagged)
        return flagged

    def constant(self, token: str) -> _NonFinite:
        marker = _NonFinite(token)
        self.flagged.append(marker)
        return marker

    def number(self, token: str) -> float | _NonFinite:
        value = float(token)
        return value if math.isfinite(value) else self.constant(token)


def _first_duplicate(pairs: list[tuple[str, Any]]) -> str:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            return key
        seen.add(key)
    return ""


def loads_strict(text: str, *, root: str = "") -> Any:
    """Decode `text` or raise JsonProblem; `root` prefixes JSON paths (e.g. "Records[0].body")."""
    hooks = StrictHooks()
    try:
        value = json.loads(text, object_pairs_hook=hooks.pairs, parse_constant=hooks.constant, parse_float=hooks.number)
    except json.JSONDecodeError as exc:
        raise _decode_problem(exc, text) from None
    except RecursionError:
        # The schema is at most 6 levels deep; CPython's scanner gives up near 1000.
        raise JsonProblem("JSON is nested too deeply", code="too_deep") from None
    except ValueError:  # int() refuses numbers over 4300 digits
        raise JsonProblem("a number has too many digits", code="bad_number") from None
    if hooks.flagged:
        raise _flagged_problem(hooks.flagged[0], value, root)
    return value


def _decode_problem(exc: json.JSONDecodeError, text: str) -> JsonProblem:
    problem = JsonProblem(
        exc.msg, code="malformed_json", location=f"line {exc.lineno}, column {exc.colno}", line=exc.lineno
    )
    at_end = exc.pos >= len(text.rstrip()) and exc.msg != "Extra data"
    problem.truncated = at_end or exc.msg.startswith("Unterminated string")
    return problem


def _flagged_problem(flagged: object, value: Any, root: str) -> JsonProblem:
    path = find_path(value, flagged, root) or root or "the top level"
    if isinstance(flagged, _NonFinite):
        return JsonProblem(f"{flagged.token} is not allowed (numbers must be finite)", code="non_finite", location=path)
    key = ascii(flagged.duplicate[:60])  # type: ignore[attr-defined]
    return JsonProblem(f"duplicate key {key} in one object", code="duplicate_key", location=path)


def find_path(value: Any, target: object, root: str = "") -> str | None:
    """The JSON path of `target` inside `value` (identity match), searched without recursion."""
    stack: list[tuple[Any, str]] = [(value, root)]
    while stack:
        node, path = stack.pop()
        if node is target:
            return path or None
        if isinstance(node, dict):
            stack.extend((child, _key_path(path, key)) for key, child in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((child, f"{path}[{i}]") for i, child in reversed(list(enumerate(node))))
    return None


def _key_path(path: str, key: str) -> str:
    if key.isidentifier() and key.isascii():
        return f"{path}.{key}" if path else key
    return f"{path}[{ascii(key[:60])}]"
