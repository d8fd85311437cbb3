"""The notice's terms: stated period, day counting, the role of each date, service
method and whether a cure is offered. All functions read the lowercase copy."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from batches.analysis.rules_dates import FoundDate
from batches.analysis.rules_match import cue
from batches.analysis.rules_numbers import Period, find_periods

# A period in the body only counts when it is the time to pay/leave, not a refund,
# inspection or relocation deadline.
_PERIOD_LEAD = re.compile(
    r"(?:within|at least|after|before|in|gives you|give you|you have|you will have|not less than|no less than|"
    r"which is|being|tiene|dentro de(?: los)?|plazo de|minimo de|menos|\bcon|usted tiene|"
    # "this notice is given sixty (60) days before", "le damos tres (3) dias para desocupar"
    r"(?:is|are|being|hereby) given|(?:le|les) (?:damos|da|dan|concedemos|concede|otorgamos|otorga))\s*(?:the\s+)?"
    r"(?:next\s+|following\s+)?$"
)
_PERIOD_TAIL = re.compile(
    # "one (1) month's notice": the possessive follows the unit
    r"^[\s,]*(?:(?:'|’)s?)?\s*(?:notice|after (?:service|delivery|you receive|receipt|the (?:date|day) of service|"
    r"this notice|the date (?:of )?(?:this notice|hereof))|"
    r"from (?:the )?(?:day|date) of (?:service|delivery)|from (?:service|delivery|receipt)|"
    r"before the (?:date of termination|expiration|end|termination)|of this notice|despues de|a partir de|notice|"
    r"from (?:the date of )?(?:this notice|today|the date hereof)|in advance|de anticipacion|de aviso)"
)
_PERIOD_NOISE = re.compile(r"relocation|refund|inspection|after you vacate|within which to answer|to answer")
_COURT_DAYS = cue(
    r"(?:excluding|not counting|excluye|sin contar|no (?:se )?cuentan?|except)[^.]{0,40}saturdays?|"
    r"(?:judicial|legal|court) holidays|court days|dias (?:feriados|festivos) judiciales",
    literals=("saturday", "holidays", "court days", "judiciales"),
)
_BUSINESS_DAYS = cue(r"business days|working days|dias habiles|dias laborables")


@dataclass(frozen=True)
class StatedPeriod:
    """noticeDays and dayCounting."""

    days: int | None
    counting: str | None


# A termination with no waiting period ("TERMINATED IMMEDIATELY", "vacate at once"): 0 days.
_IMMEDIATE = cue(
    r"terminat\w* (?:immediately|at once|effective immediately)|immediate termination|effective immediately|"
    r"(?:vacate|quit|leave|move out)(?: the premises| the unit)? (?:immediately|at once)|terminad[oa] de inmediato|"
    r"terminacion inmediata|(?:desocupar|terminad[oa]|termina) (?:inmediatamente|de inmediato)",
    literals=("terminat", "immediate", "vacate", "quit", "leave", "move out", "termina", "desocupar"),
)


def stated_period(head: str, low: str, demand_spans: tuple[tuple[int, int], ...]) -> StatedPeriod:
    """The period the notice gives, title first, then one in a sentence that makes the demand
    (`demand_spans`, from rules_demand), then one a lead or tail word ties to the time to pay or
    leave; months are converted to days."""
    period = _first(find_periods(head)) or _body_or_demand_period(low, demand_spans)
    if period is None:
        if _IMMEDIATE.search(head) or _IMMEDIATE.search(low):
            return StatedPeriod(0, "calendar")
        return StatedPeriod(None, None)
    if period.unit == "hour":
        return StatedPeriod(period.count, "hours")
    if period.unit == "month":
        return StatedPeriod(period.count * 30, "calendar")
    return StatedPeriod(period.count, _counting(low))


def _first(periods: list[Period]) -> Period | None:
    return periods[0] if periods else None


def _body_or_demand_period(low: str, spans: tuple[tuple[int, int], ...]) -> Period | None:
    # Only reached when the title states no period: the body is not scanned otherwise.
    periods = find_periods(low)
    return _demand_period(low, periods, spans) or _body_period(low, periods)


def _demand_period(low: str, periods: list[Period], spans: tuple[tuple[int, int], ...]) -> Period | None:
    for start, end in spans:
        for period in periods:
            if start <= period.start < end and not _noisy(low, period):
                return period
    return None


def _noisy(low: str, period: Period) -> bool:
    return bool(_PERIOD_NOISE.search(low[max(0, period.start - 60) : period.end + 60]))


def _body_period(low: str, periods: list[Period]) -> Period | None:
    for period in periods:
        before = " ".join(low[max(0, period.start - 30) : period.start].split()) + " "
        after = " " + " ".join(low[period.end : period.end + 60].split())
        if _noisy(low, period):
            continue
        if _PERIOD_LEAD.search(before) or _PERIOD_TAIL.match(after):
            return period
    return None


def _counting(low: str) -> str:
    if _COURT_DAYS.search(low):
        return "court"
    if _BUSINESS_DAYS.search(low):
        return "business"
    return "calendar"


# A weekday written out or abbreviated ("Wednesday,", "wed", "Thurs.") between a cue and its date.
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes|s)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s*)"
_ROLE_CUES = (
    ("tenancyStartDate", re.compile(r"(?:tenancy|lease|occupancy) (?:commenced|began|started|start(?: date)?:?\s*$)|"
                                    r"(?:tenancy|lease|occupancy)\b[^.]{0,60}\b(?:began|commenced|started)(?: on)?\s*$|"
                                    r"(?:began|commenced) on or about|moved in|move-in date(?: on file)?:?\s*$|"
                                    r"since(?: on or about)?\s*$|"
                                    # "ha vivido en la vivienda desde el 1 de julio" (lived there since)
                                    r"(?:vivid[oa]|residid[oa]|habitad[oa]|ocupad[oa]|ocupan?|viv[ei]n?|resid[ei]n?)\b"
                                    r"[^.]{0,60}\bdesde(?: el)?\s*$|"
                                    r"comenzo|inicio")),
    ("serviceDate", re.compile(r"date of service|date delivered|\b(?:delivered|sent|handed|served|mailed|posted)\b|"
                               r"date served|date (?:and time )?of (?:delivery|mailing|posting)|"
                               r"fecha de entrega|entregad[oa]s?|entregue|notificado|\bentrega:|"
                               r"enviad[oa]|fijad[oa]|pegad[oa]|"
                               r"i certify that on|"
                               r"declare:? on|service:?\s*$|"
                               # "RETURN OF SERVICE: On Wednesday, March 12, 2025, I served ..."
                               rf"(?:return of service|(?:constable|sheriff|officer).?s return):?\s*"
                               rf"(?:on\s+)?{_WEEKDAY}?$")),
    ("deadlineDate", re.compile(r"on or before|n[o0]t? later than|terminat\w*|effective|will end|"
                                r"deadline|fecha (?:limite|de vencimiento|tope)|must (?:vacate|move|pay|leave)|"
                                r"\bantes del?\b|a mas tardar|"
                                # "the last day is", "the last day to pay is", "your last day will be"
                                r"\bends?(?: on)?\s*$|(?:court|business|calendar|last|final) day"
                                rf"(?: (?:to|for|in|at) (?!which)[a-z ]{{2,40}}?)? (?:is|will be)\s*{_WEEKDAY}?$|"
                                # "... terminated at the end of the rental period, namely on April 30"
                                rf"\b(?:namely|that is,?)\s+(?:on|by)\s+{_WEEKDAY}?$|"
                                # "by the 30th day after service, which is Saturday, May 31, 2025"
                                rf"\bby\b[^.]{{0,60}}\bwhich (?:is|will be)\s*{_WEEKDAY}?$|"
                                r"(?:quit|vacate|leave|move out|surrender)[^.]{0,40}\bon\s*$|"
                                # "quit and deliver up possession of the premises on October 12"
                                r"deliver (?:up )?possession[^.]{0,30}\bon\s*$|"
                                r"para el|vence|terminara el\s*$|"
                                # an OCR'd time ("by 5:oo p.m. on Friday") is still a time
                                r"\bby (?:\d{1,2}(?::[\do]{2})?\s*(?:a\.?m\.?|p\.?m\.?|noon|midnight)?\s*(?:on\s+)?)?"
                                # "by Thursday, May 7", "by Thurs May 7", "by Fri. May 8"
                                r"(?:(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|"
                                r"sat|sun)\.?,?\s*)?$")),
    ("noticeDate", re.compile(r"\bdated?\b|fecha|date of (?:this )?notice")),
)  # fmt: skip
SERVICE_SECTION = cue(
    r"proof of service|certificate of service|affidavit of service|declaration of service|constancia de entrega|"
    r"certificado de (?:entrega|servicio|notificacion)|prueba de entrega|comprobante de entrega|"
    r"declaracion jurada de entrega"
)


def date_roles(low: str, dates: list[FoundDate]) -> dict[str, str | None]:
    """Assign each date a role from the words just before it (same line or sentence)."""
    roles: dict[str, str | None] = {
        "noticeDate": None, "serviceDate": None, "deadlineDate": None, "tenancyStartDate": None,
    }  # fmt: skip
    section = SERVICE_SECTION.search(low)
    unassigned = []
    for found in dates:
        role = _role_for(low, found, section.start() if section else None)
        if role and roles[role] is None:
            roles[role] = found.iso
        elif role is None:
            unassigned.append(found)
    if roles["noticeDate"] is None:
        # A date set out on its own line under a cue ("ON OR BEFORE\n\n  7/7/25") is not the letter's date.
        roles["noticeDate"] = _letter_date(low, unassigned)
    return roles


_LETTER_DATE_CHARS = 600  # a letter's date sits under the letterhead


def _letter_date(low: str, dates: list[FoundDate]) -> str | None:
    """A date alone on its own line near the top (a letter's date line) is the notice date."""
    for found in dates:
        if found.start > _LETTER_DATE_CHARS:
            break
        line_start = low.rfind("\n", 0, found.start) + 1
        line_end = low.find("\n", found.end)
        line = low[line_start : len(low) if line_end == -1 else line_end]
        if line.strip() == low[found.start : found.end].strip():
            return found.iso
    return None


# Dates that describe the debt or the lease, not the notice.
_NOT_A_ROLE = re.compile(
    r"(?:rent\s+due|rental\s+period|(?:lease|agreement|reminder|warning|letter)\s+dated|paid\s+through|expires\s+on|"
    r"contrato(?:\s+de\s+arrendamiento)?\s+de\s+fecha|"
    # the lease's own expiry ("su contrato de arrendamiento vence el"), like "expires on"
    r"(?:contrato|arrendamiento)\b[^.]{0,40}\b(?:vence|vencera|expira)(?:\s+el)?|"
    # failed service attempts listed in brackets: "after two attempts (10/31/2025 and 11/1/2025)"
    r"(?:attempt\w*|intentos?)[^()]{0,40}\([^)]*|"
    r"lease\s+date:?\s*(?:lease\s+)?(?:renewed|signed|executed|entered(?:\s+into)?)?(?:\s+on)?|"
    r"lease\s+(?:renewed|signed|executed|entered(?:\s+into)?)(?:\s+on)?)\s*$"
)
# A sentence or paragraph break; initials ("KK. Placeholder") are not breaks.
_BREAK = re.compile(r"(?:[a-z]{4,}|\d)[.;]\s|\n[ \t]*\n")
_GAP = re.compile(r"\s{2,}|\n")
# A cue left hanging before a blank line ("TO WIT: ON OR BEFORE\n\n    7/7/25") still
# governs the date set out under it.
_DANGLING = re.compile(r"(?:on or before|n[o0]t? later than|a mas tardar(?: el)?|antes del?)\s*$")


def _clause_before(window: str) -> str:
    """The sentence or paragraph that ends at the date (the end of the window)."""
    breaks = list(_BREAK.finditer(window))
    if breaks and not breaks[-1].group().strip() and _DANGLING.search(window[: breaks[-1].start()]):
        breaks.pop()
    return window[breaks[-1].end() :] if breaks else window


def _role_for(low: str, found: FoundDate, service_start: int | None) -> str | None:
    before = _clause_before(low[max(0, found.start - 90) : found.start])
    # A cue may wrap or be spaced out ("on or\nbefore  March 31"): read every gap as one space.
    before = _GAP.sub(" ", before)
    if _NOT_A_ROLE.search(before):
        return None
    role = _closest_cue(before)
    if role is None and service_start is not None and found.start > service_start:
        return "serviceDate"  # the first bare date inside a proof of service
    return role


def _closest_cue(before: str) -> str | None:
    """The role whose cue ends nearest the date."""
    best, best_end = None, -1
    for role, rx in _ROLE_CUES:
        for m in rx.finditer(before):
            if m.end() > best_end:
                best, best_end = role, m.end()
    return best


_MAX_DERIVED_DAYS = 120  # beyond that the two dates are unlikely to be service and deadline


def period_from_dates(start_iso: str | None, deadline_iso: str | None) -> StatedPeriod:
    """A notice that states no period but dates itself and names the day to leave ("DATE: MAY 4 ...
    LEAVE ON OR BEFORE MAY 7") gives the days between the two, counted in calendar days."""
    if not start_iso or not deadline_iso:
        return StatedPeriod(None, None)
    days = (date.fromisoformat(deadline_iso) - date.fromisoformat(start_iso)).days
    return StatedPeriod(days, "calendar") if 0 < days <= _MAX_DERIVED_DAYS else StatedPeriod(None, None)
