"""Content checks: rent-only demands, mandatory elements, cure wording."""

from __future__ import annotations

import re

from batches.compliance.issues import WARNING, issue


def _non_rent_kinds(facts: dict) -> list[str]:
    kinds = [c.get("kind") for c in facts.get("charges") or [] if c.get("kind") != "rent"]
    amount, rent = facts.get("amountDue"), facts.get("rentAmount")
    if not kinds and amount is not None and rent is not None and amount > rent + 0.005:
        kinds.append("other")
    return kinds


def check_rent_only(facts: dict, rule: dict) -> tuple[list[dict], bool | None]:
    """A rent-only state (CA CCP 1161(2)) fails a demand that adds fees or other charges."""
    if not rule.get("rent_only") or facts.get("reason") != "non-payment":
        return [], True
    kinds = _non_rent_kinds(facts)
    if not kinds:
        return [], True
    message = (
        f"The notice demands charges other than rent ({', '.join(sorted(set(kinds)))}). Under "
        f"{rule['statute']} a notice to pay rent or quit may demand rent only, so it is defective."
    )
    return [issue("NON_RENT_CHARGES", "error", message)], False


# A word broken across lines by a hyphen ("LEGAL AS-\nSISTANCE") is one word again.
_LINE_HYPHEN = re.compile(r"(\w)-[ \t]*\r?\n[ \t]*(\w)")
# The same line end as _LINE_HYPHEN allows (any spaces or tabs after the hyphen).
_HYPHEN_AT_LINE_END = re.compile(r"-[ \t]*\r?\n")


def _variants(text: str) -> tuple[str, ...]:
    text = text or ""
    if _HYPHEN_AT_LINE_END.search(text) is None:  # cheap test first (a literal "-" to look for)
        return (text,)
    joined = _LINE_HYPHEN.sub(r"\1\2", text)
    return (text,) if joined == text else (text, joined)


def element_present(element: dict, text: str, *, variants: tuple[str, ...] | None = None) -> bool:
    """True when the element's patterns are found (any, or all when match == 'all'), in the
    text as it is or with line-break hyphenation undone (a real hyphen may end a line too)."""
    texts = variants or _variants(text)
    found = (any(re.search(p, t, re.IGNORECASE) for t in texts) for p in element.get("patterns", []))
    return all(found) if element.get("match") == "all" else any(found)  # both stop at the first answer


def check_required_content(rule: dict, text: str) -> list[dict]:
    """MISSING_REQUIRED_ELEMENT per element not found. These never change the verdict:
    pattern matching on OCR text cannot prove an element is absent, so staff verify."""
    issues, variants = [], _variants(text)
    for element in rule.get("required_content") or []:
        if not element_present(element, text, variants=variants):
            message = (
                f"Probable defect: could not find the required element '{element['description']}'. "
                f"Check the notice against {rule['statute']}."
            )
            issues.append(issue("MISSING_REQUIRED_ELEMENT", element.get("severity", WARNING), message))
    return issues


def check_cure(facts: dict, rule: dict) -> list[dict]:
    """Warn when the law lets the tenant cure but the notice offers no way to."""
    if rule.get("cure_allowed") and facts.get("cureOffered") is False:
        message = (
            f"The tenant may cure under {rule['statute']}, but the notice does not offer a way to pay "
            "or fix the problem."
        )
        return [issue("CURE_NOT_OFFERED", WARNING, message)]
    return []
