"""Safe rendering of staff-edited templates: the only module that knows placeholder syntax.

Templates use `$name` / `${name}` and `$$` for a literal dollar sign (string.Template
semantics), restricted to the names in `PLACEHOLDERS`. Values are converted to plain strings
before substitution, and the syntax has no attribute, index or call access, so a template
author cannot reach Python objects (reliability-security.md §3.5: no str.format, no Django
templates for staff-edited text). Pure: no ORM, no network.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal

NOT_STATED = "[not stated]"

# name -> what it holds; shown to template editors in the admin.
PLACEHOLDERS: dict[str, str] = {
    "tenant_name": "First tenant named on the notice",
    "tenant_names": "Every tenant named on the notice, e.g. 'Ana Ruiz and Ben Ruiz'",
    "landlord_name": "Landlord or agent named on the notice",
    "premises_address": "Address of the rental unit",
    "state": "USPS state code, e.g. CA",
    "state_name": "State name, e.g. California",
    "reason": "Reason key, e.g. non-payment",
    "reason_label": "Reason in plain words, e.g. 'unpaid rent'",
    "notice_type": "Title or kind of notice as written, e.g. '3-day notice to pay rent or quit'",
    "notice_date": "Date the notice is dated, e.g. March 4, 2025",
    "service_date": "Date the notice was delivered, if stated",
    "service_method": "How the notice was delivered, e.g. 'posted and mailed'",
    "notice_days": "Number of days (or hours/months) the notice gives",
    "day_counting": "How the notice's days are counted, e.g. 'court days'",
    "notice_period": "Notice days and counting together, e.g. '3 court days'",
    "deadline_date": "Deadline date stated in the notice",
    "deadline": "Date to act by: the notice's deadline date; when it states none, the earliest lawful "
    "deadline, marked as computed (e.g. 'July 21, 2025 (the earliest date the law allows, counted from "
    "service; the notice states none)'); '[not stated]' only when neither is known",
    "amount_due": "Total the notice demands, e.g. $1,234.56",
    "rent_amount": "Rent only, within the amount due",
    "statute": "Law that sets the minimum notice period, e.g. 'Cal. Code Civ. Proc. § 1161(2)'",
    "required_days": "Minimum number of days the law requires",
    "required_day_counting": "How the required days are counted, e.g. 'court days'",
    "required_period": "Required days and counting together, e.g. '3 court days'",
    "earliest_lawful_deadline": "Earliest deadline the law allows, counted from service",
    "compliance_verdict": "One sentence: the notice meets / does not meet the legal minimum / needs review",
    "compliance_issues": "Problems found in the notice, one '- ' bullet per line",
    "urgency": "How soon the tenant should act, in plain words",
    "key_dates": "Important dates, one '- date: what happens' bullet per line",
    "today": "Date the letter was prepared",
    "court_name": "Court that hears eviction cases (from the court-instructions template)",
    "legal_aid_name": "First legal-aid contact's name (from the court-instructions template)",
    "legal_aid_phone": "First legal-aid contact's phone, if it has one",
    "legal_aid_url": "First legal-aid contact's website",
    "legal_aid_contacts": "Every legal-aid contact, one '- name: website, phone' bullet per line",
}

# Placeholders whose values are money or dates, so strings like "1234.5" / "2025-03-04" are
# formatted by meaning rather than guessed from their look.
AMOUNT_PLACEHOLDERS = frozenset({"amount_due", "rent_amount"})
DATE_PLACEHOLDERS = frozenset({"notice_date", "service_date", "deadline_date", "earliest_lawful_deadline", "today"})

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
_ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
_MONTHS = ("January February March April May June July August September October November December").split()


class TemplateRenderError(ValueError):
    """A template or a value cannot be rendered safely; the message says which and why."""


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
    plain string, number, date, bool, None or list of those.
    """

    def substitute(match: re.Match) -> str:
        if match.group("escaped") is not None:
            return "$"
        name = match.group("named") or match.group("braced")
        if name is None:
            raise TemplateRenderError(_describe_invalid_dollar(content, match.start()))
        if name not in PLACEHOLDERS:
            raise TemplateRenderError(f"Unknown placeholder: ${name} (validate templates before use)")
        return format_value(name, values.get(name))

    return _PLACEHOLDER_RE.sub(substitute, content)


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


# --- Analysis result -> placeholder values -------------------------------------------------

STATE_NAMES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "the District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "PR": "Puerto Rico", "GU": "Guam", "VI": "the U.S. Virgin Islands", "AS": "American Samoa",
    "MP": "the Northern Mariana Islands",
}  # fmt: skip

REASON_LABELS: dict[str, str] = {
    "non-payment": "unpaid rent",
    "lease-violation": "a claimed lease violation",
    "no-cause": "ending the tenancy without a stated reason",
    "holdover": "staying after the lease ended",
    "nuisance": "a claimed nuisance",
    "illegal-activity": "claimed illegal activity",
    "owner-move-in": "the owner or a relative moving in",
    "demolition": "demolition or major renovation",
    "withdrawal-from-market": "taking the unit off the rental market",
    "sale": "sale of the property",
    "other": "another reason stated in the notice",
    "not-a-notice": "a document that may not be an eviction notice",
    "general": "the reason stated in the notice",
}

DAY_COUNTING_LABELS = {
    "calendar": "calendar days",
    "court": "court days",
    "business": "business days",
    "hours": "hours",
    "months": "months",
}

SERVICE_METHOD_LABELS = {
    "personal": "handed to you in person",
    "substituted": "left with another adult at your home (and usually mailed)",
    "posting": "posted on your door",
    "posting-and-mail": "posted on your door and mailed",
    "mail": "mailed",
    "certified-mail": "sent by certified mail",
    "unknown": None,
}

URGENCY_LABELS = {
    "critical": "Critical: act today.",
    "high": "High: act within the next day or two.",
    "medium": "Medium: act this week.",
    "low": "Low: no deadline is close, but do not ignore this.",
}


def build_render_context(
    *, notice: dict, compliance: dict, advice: dict, meta_metadata: dict | None, today: date
) -> dict[str, str]:
    """Every placeholder's plain-text value for one analysis (sections as in DESIGN.md §3)."""
    values: dict[str, object] = {
        **_notice_values(notice),
        **_compliance_values(compliance),
        "deadline": _deadline(notice, compliance),
        "urgency": _urgency(advice.get("urgency")),
        "key_dates": _bullets(_key_date_lines(advice.get("keyDates") or []), "No key dates were found."),
        "today": today,
        **_meta_values(meta_metadata or {}),
    }
    return {name: format_value(name, values.get(name)) for name in PLACEHOLDERS}


def _notice_values(notice: dict) -> dict[str, object]:
    names = [n.strip() for n in notice.get("tenantNames") or [] if isinstance(n, str) and n.strip()]
    state = (notice.get("state") or "").upper() or None
    reason = notice.get("reason")
    return {
        "tenant_name": names[0] if names else None,
        "tenant_names": _join_names(names),
        "landlord_name": notice.get("landlordName"),
        "premises_address": notice.get("premisesAddress"),
        "state": state,
        "state_name": STATE_NAMES.get(state or "", state),
        "reason": reason,
        "reason_label": REASON_LABELS.get(reason or "", reason),
        "notice_type": notice.get("noticeType"),
        "notice_date": notice.get("noticeDate"),
        "service_date": notice.get("serviceDate"),
        "service_method": SERVICE_METHOD_LABELS.get(notice.get("serviceMethod") or "unknown"),
        "notice_days": notice.get("noticeDays"),
        "day_counting": DAY_COUNTING_LABELS.get(notice.get("dayCounting") or ""),
        "notice_period": _period(notice.get("noticeDays"), notice.get("dayCounting")),
        "deadline_date": notice.get("deadlineDate"),
        "amount_due": notice.get("amountDue"),
        "rent_amount": notice.get("rentAmount"),
    }


def _deadline(notice: dict, compliance: dict) -> str | None:
    """The stated deadline, else the computed earliest lawful one labelled as such (what
    advice.py counts urgency from), else None ("[not stated]")."""
    stated = format_value("deadline_date", notice.get("deadlineDate"))
    if stated != NOT_STATED:
        return stated
    lawful = format_value("earliest_lawful_deadline", compliance.get("earliestLawfulDeadline"))
    if lawful == NOT_STATED:
        return None
    # The checker counts from the service date, else from the notice's own date.
    start = (
        "service" if format_value("service_date", notice.get("serviceDate")) != NOT_STATED else "the date on the notice"
    )
    period = _period(notice.get("noticeDays"), notice.get("dayCounting"))
    given = f"the notice gives {period} but no date" if period else "the notice states none"
    return f"{lawful} (the earliest date the law allows, counted from {start}; {given})"


def _compliance_values(compliance: dict) -> dict[str, object]:
    issues = [i.get("message") for i in compliance.get("issues") or [] if isinstance(i, dict)]
    return {
        "statute": compliance.get("statute"),
        "required_days": compliance.get("requiredDays"),
        "required_day_counting": DAY_COUNTING_LABELS.get(compliance.get("dayCounting") or ""),
        "required_period": _period(compliance.get("requiredDays"), compliance.get("dayCounting")),
        "earliest_lawful_deadline": compliance.get("earliestLawfulDeadline"),
        "compliance_verdict": _verdict(compliance.get("meetsStatutoryMinimum"), compliance.get("statute")),
        "compliance_issues": _bullets(
            [m for m in issues if isinstance(m, str) and m.strip()],
            "No problems were found in the parts of the notice we could check.",
        ),
    }


def _meta_values(metadata: dict) -> dict[str, object]:
    contacts = [c for c in metadata.get("legalAidContacts") or [] if isinstance(c, dict)]
    first = contacts[0] if contacts else {}
    return {
        "court_name": metadata.get("courtName"),
        "legal_aid_name": first.get("name"),
        "legal_aid_phone": first.get("phone"),
        "legal_aid_url": first.get("url"),
        "legal_aid_contacts": _bullets([_contact_line(c) for c in contacts], None),
    }


def _verdict(meets: object, statute: object) -> str:
    # True/False/None is the compliance check's verdict (None = needs review); never guess here.
    law = f" ({statute})" if isinstance(statute, str) and statute.strip() else ""
    if meets is True:
        return f"The notice appears to give at least the minimum notice period the law requires{law}."
    if meets is False:
        return f"The notice appears NOT to give the minimum notice period the law requires{law}."
    return (
        "We could not confirm whether the notice gives the minimum notice period the law "
        f"requires{law}; a person needs to review it."
    )


def _urgency(urgency: object) -> str | None:
    if not isinstance(urgency, str) or not urgency.strip():
        return None
    return URGENCY_LABELS.get(urgency.strip().lower(), urgency.strip())


def _key_date_lines(key_dates: list) -> list[str]:
    lines = []
    for item in key_dates:
        if isinstance(item, dict) and (item.get("date") or item.get("label")):
            when = format_value("deadline_date", item.get("date"))  # formatted like any date placeholder
            lines.append(f"{when}: {format_value('key_dates', item.get('label'))}")
    return lines


def _contact_line(contact: dict) -> str:
    details = [str(contact[k]) for k in ("url", "phone") if isinstance(contact.get(k), str) and contact[k]]
    line = f"{contact.get('name') or NOT_STATED}: {', '.join(details) or NOT_STATED}"
    notes = contact.get("notes")
    return f"{line} ({notes})" if isinstance(notes, str) and notes.strip() else line


def _bullets(lines: list[str], empty: str | None) -> str | None:
    if not lines:
        return f"- {empty}" if empty else None
    return "\n".join(f"- {line}" for line in lines)


def _join_names(names: list[str]) -> str | None:
    if len(names) <= 1:
        return names[0] if names else None
    return ", ".join(names[:-1]) + " and " + names[-1]


def _period(days: object, counting: object) -> str | None:
    if not isinstance(days, int | float) or isinstance(days, bool):
        return None
    unit = DAY_COUNTING_LABELS.get(counting, "days") if isinstance(counting, str) else "days"
    if days == 1:
        unit = unit.removesuffix("s")
    return f"{format_number(days)} {unit}"
