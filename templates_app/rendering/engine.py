"""Placeholder syntax: finding, validating and substituting `$name` in staff-edited text.

The only module that knows placeholder syntax. Same alternatives as string.Template; every
other `$` is reported instead of silently left in the output, and no attribute, index or call
access exists, so a template author cannot reach Python objects.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from templates_app.rendering.formatting import RenderContext, TemplateRenderError, format_value
from templates_app.rendering.placeholders import PLACEHOLDERS

# Same alternatives as string.Template.pattern; `invalid` catches every other `$` so it can
# be reported instead of silently left in the output.
_PLACEHOLDER_RE = re.compile(
    r"""\$(?:
        (?P<escaped>\$)
      | (?P<named>[A-Za-z_][A-Za-z0-9_]*)
      | \{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)\}
      | (?P<invalid>)
    )""",
    re.VERBOSE,
)

# Syntax of other template languages. It is inert here (rendered literally), but an editor
# who writes it expects substitution, so validation points them to `$name`.
_FOREIGN_SYNTAX = (
    (re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL), "Django/Jinja syntax"),
    (re.compile(r"\{[A-Za-z0-9_.\[\]()]*(?:![rsa])?(?::[^{}]*)?\}"), "str.format syntax"),
    (re.compile(r"%\([^)]*\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"), "%-formatting syntax"),
)

_INVALID_BRACED_RE = re.compile(r"\$\{[^{}$\s]*\}")  # already reported as an invalid placeholder


def template_placeholders(content: str) -> set[str]:
    """Every placeholder name the template uses, known or not (`$$` is not a placeholder)."""
    names = set()
    for match in _PLACEHOLDER_RE.finditer(content):
        name = match.group("named") or match.group("braced")
        if name:
            names.add(name)
    return names


def template_validate(content: str) -> list[str]:
    """Human-readable problems that would stop the template rendering; empty when it is fine."""
    problems = []
    for name in sorted(template_placeholders(content) - PLACEHOLDERS.keys()):
        problems.append(f"Unknown placeholder: ${name}{_suggestion(name)}")
    for match in _PLACEHOLDER_RE.finditer(content):
        if match.group("invalid") is not None:
            problems.append(_describe_invalid_dollar(content, match.start()))
    problems.extend(_foreign_syntax_problems(content))
    return problems


def template_render(content: str, values: Mapping[str, object]) -> str:
    """Substitute allowed placeholders with plain-text `values`; missing values read "[not stated]".

    Raises TemplateRenderError for unknown placeholders, a stray `$`, or a value that is not a
    plain string, number, date, bool, None or list of those. The strings of a RenderContext
    are final text and substituted as they are; every other value is formatted here.
    """
    formatted = isinstance(values, RenderContext)

    def substitute(match: re.Match) -> str:
        if match.group("escaped") is not None:
            return "$"
        name = match.group("named") or match.group("braced")
        if name is None:
            raise TemplateRenderError(_describe_invalid_dollar(content, match.start()))
        if name not in PLACEHOLDERS:
            raise TemplateRenderError(f"Unknown placeholder: ${name} (validate templates before use)")
        value = values.get(name)
        if formatted and type(value) is str:
            return value
        return format_value(name, value)

    return _PLACEHOLDER_RE.sub(substitute, content)


def _describe_invalid_dollar(content: str, index: int) -> str:
    line = content.count("\n", 0, index) + 1
    column = index - (content.rfind("\n", 0, index) + 1) + 1
    where = f"line {line}, column {column}"
    rest = content[index + 1 : index + 40].split("\n", 1)[0]
    if rest.startswith("{"):
        braced = re.match(r"\{([^{}$\s]*)\}", rest)
        if braced is None:
            return f"Unclosed '${{' at {where}: write ${{name}} with a closing brace, or $$ for a dollar sign"
        return (
            f"Invalid placeholder '${braced.group(0)}' at {where}: names use letters, digits "
            "and underscores only (no dots, brackets or spaces)"
        )
    shown = f"${rest[:1]}" if rest[:1].strip() else "$"
    return f"Stray '{shown}' at {where}: write $$ for a dollar sign, or $name for a placeholder"


def _foreign_syntax_problems(content: str) -> list[str]:
    # Remove our own placeholders first so `${tenant_name}` is not mistaken for `{tenant_name}`.
    stripped = _PLACEHOLDER_RE.sub(" ", _INVALID_BRACED_RE.sub(" ", content))
    problems = []
    for pattern, label in _FOREIGN_SYNTAX:
        for match in pattern.finditer(stripped):
            problems.append(
                f"Unsupported {label} '{match.group(0)[:40]}': only $name placeholders are "
                "substituted; this text would appear literally"
            )
    return problems


def _suggestion(name: str) -> str:
    lowered = name.lower()
    if lowered in PLACEHOLDERS:
        return f" (placeholders are lower case: ${lowered})"
    close = [known for known in PLACEHOLDERS if _near(lowered, known)]
    return f" (did you mean ${close[0]}?)" if close else ""


def _near(a: str, b: str) -> bool:
    """Cheap typo check: same name with one character added, dropped or changed."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
