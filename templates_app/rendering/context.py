"""Analysis result -> the plain-text value of every placeholder (sections as in DESIGN.md §3)."""

from __future__ import annotations

from datetime import date

from templates_app.rendering.formatting import RenderContext, format_number, format_value
from templates_app.rendering.labels import (
    DAY_COUNTING_LABELS,
    REASON_LABELS,
    SERVICE_METHOD_LABELS,
    STATE_NAMES,
    URGENCY_LABELS,
)
from templates_app.rendering.placeholders import NOT_STATED, PLACEHOLDERS


def build_render_context(
    *, notice: dict, compliance: dict, advice: dict, meta_metadata: dict | None, today: date
) -> RenderContext:
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
    return RenderContext({name: format_value(name, values.get(name)) for name in PLACEHOLDERS})


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
