"""Court-day calendar: US federal holidays, California judicial holidays, and the
day-counting helpers the compliance checker uses. Pure functions, no Django.

Counting convention (reference §1 legend, §4): day 1 is the day *after* service; the
deadline is the last day the tenant has.
"""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta
from functools import lru_cache

SATURDAY, SUNDAY = 5, 6
FRIDAY, MONDAY, THURSDAY = 4, 0, 3


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th `weekday` (Mon=0) of a month; n=-1 means the last one."""
    if n < 0:
        last = date(year, month, _cal.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def observed(d: date) -> date:
    """Federal observance (5 U.S.C. 6103(b)): Saturday -> Friday, Sunday -> Monday."""
    if d.weekday() == SATURDAY:
        return d - timedelta(days=1)
    if d.weekday() == SUNDAY:
        return d + timedelta(days=1)
    return d


def _federal_for(year: int) -> set[date]:
    """Federal holidays belonging to `year` (observed dates may fall in year-1)."""
    fixed = [date(year, 1, 1), date(year, 7, 4), date(year, 11, 11), date(year, 12, 25)]
    if year >= 2021:  # Juneteenth National Independence Day Act, June 2021
        fixed.append(date(year, 6, 19))
    floating = [
        nth_weekday(year, 1, MONDAY, 3),  # Martin Luther King Jr. Day
        nth_weekday(year, 2, MONDAY, 3),  # Washington's Birthday
        nth_weekday(year, 5, MONDAY, -1),  # Memorial Day
        nth_weekday(year, 9, MONDAY, 1),  # Labor Day
        nth_weekday(year, 10, MONDAY, 2),  # Columbus Day
        nth_weekday(year, 11, THURSDAY, 4),  # Thanksgiving
    ]
    return {observed(d) for d in fixed} | set(floating)


def _california_for(year: int) -> set[date]:
    """California judicial holidays: the full-day holidays of Gov. Code §6700 as adopted by
    CCP §135, observed Saturday->Friday / Sunday->Monday (Cal. Rules of Court, rule 1.11).

    Not a superset of the federal list: AB 855 (Stats. 2021, ch. 283, from 2022) dropped
    Columbus Day and added Native American Day (4th Friday of September); Juneteenth is a
    judicial holiday from 2023 (AB 1655; courts first closed 2023-06-19). CCP §135 excludes
    Admission Day (Sep 9), Lunar New Year and Genocide Remembrance Day, so they are left out.
    UNSURE: the Judicial Council may designate other observance days; check the year's
    published court calendar.
    """
    fixed = [date(year, m, d) for m, d in ((1, 1), (2, 12), (3, 31), (7, 4), (11, 11), (12, 25))]
    if year >= 2023:
        fixed.append(date(year, 6, 19))
    thanksgiving = nth_weekday(year, 11, THURSDAY, 4)
    floating = [
        nth_weekday(year, 1, MONDAY, 3),  # Dr. Martin Luther King, Jr. Day
        nth_weekday(year, 2, MONDAY, 3),  # Washington's Birthday / Presidents' Day
        nth_weekday(year, 5, MONDAY, -1),  # Memorial Day
        nth_weekday(year, 9, MONDAY, 1),  # Labor Day
        thanksgiving,
        thanksgiving + timedelta(days=1),  # day after Thanksgiving (CCP §135)
    ]
    if year >= 2022:
        floating.append(nth_weekday(year, 9, FRIDAY, 4))  # Native American Day
    else:
        floating.append(nth_weekday(year, 10, MONDAY, 2))  # Columbus Day, until AB 855
    return {observed(d) for d in fixed} | set(floating)


@lru_cache(maxsize=512)
def _holidays_cached(state: str, year: int) -> frozenset[date]:
    days: set[date] = set()
    for y in (year, year + 1):  # New Year's Day on a Saturday is observed on Dec 31
        days |= _california_for(y) if state == "CA" else _federal_for(y)
    return frozenset(d for d in days if d.year == year)


def federal_holidays(year: int) -> set[date]:
    """Observed federal holidays falling in `year`."""
    return set(_holidays_cached("US", year))


def holidays(state: str, year: int) -> set[date]:
    """Court holidays for `state` in `year`: federal holidays for every state except
    California, whose courts follow their own judicial-holiday list (see `_california_for`).
    Other states' own holidays (e.g. TX, GA state days) are not yet encoded, so counting
    there may end a day earlier than a local court would."""
    return set(_holidays_cached((state or "").upper(), year))


def is_court_day(d: date, state: str) -> bool:
    """A weekday that is not a court holiday in `state`."""
    return d.weekday() < SATURDAY and d not in _holidays_cached((state or "").upper(), d.year)


def is_business_day(d: date) -> bool:
    """A weekday that is not a federal holiday."""
    return d.weekday() < SATURDAY and d not in _holidays_cached("US", d.year)


def next_court_day(d: date, state: str) -> date:
    """`d` itself when it is a court day, else the next one."""
    while not is_court_day(d, state):
        d += timedelta(days=1)
    return d


def add_court_days(start: date, n: int, state: str) -> date:
    """The n-th court day after `start` (start itself never counts)."""
    d = start
    for _ in range(n):
        d = next_court_day(d + timedelta(days=1), state)
    return d


def add_business_days(start: date, n: int, state: str | None = None) -> date:
    """The n-th business day after `start` (weekends and federal holidays excluded).
    `state` is accepted for symmetry; no state-specific legal holidays are encoded yet."""
    d = start
    for _ in range(n):
        d += timedelta(days=1)
        while not is_business_day(d):
            d += timedelta(days=1)
    return d


def add_weekdays(start: date, n: int) -> date:
    """The n-th weekday after `start`: weekends excluded, holidays counted (the OH 1923.04
    variant where some courts exclude intermediate weekends)."""
    d = start
    for _ in range(n):
        d += timedelta(days=1)
        while d.weekday() >= SATURDAY:
            d += timedelta(days=1)
    return d


def add_calendar_days(start: date, n: int, state: str, *, roll_forward: bool) -> date:
    """Day 1 is the day after `start`. With `roll_forward`, a deadline landing on a weekend
    or court holiday moves to the next court day (general time-computation statutes)."""
    d = start + timedelta(days=n)
    return next_court_day(d, state) if roll_forward else d


def add_months(start: date, n: int) -> date:
    """Same day of the month n months later, clamped to the month's last day."""
    month_index = start.month - 1 + n
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, _cal.monthrange(year, month)[1]))


def add_period(start: date, n: int, unit: str, state: str, *, roll_forward: bool = False) -> date:
    """End of a period of n `unit`s (schema.DAY_COUNTING) starting after `start`."""
    if unit == "court":
        return add_court_days(start, n, state)
    if unit == "business":
        return add_business_days(start, n, state)
    if unit == "months":
        return add_months(start, n)
    if unit == "weekdays":
        return add_weekdays(start, n)
    if unit == "hours":
        return start + timedelta(hours=n)  # whole days only: a partial day still ends that day
    return add_calendar_days(start, n, state, roll_forward=roll_forward)


def earliest_lawful_deadline(
    service_date: date,
    *,
    days: int,
    unit: str,
    state: str,
    mail_extension_days: int = 0,
    roll_forward: bool = False,
) -> date:
    """The last day of the statutory period: the tenant has through this day.

    Mail extensions are calendar days added before the period starts (e.g. A.R.S.
    §33-1313: deemed received 5 days after mailing). Calendar periods do not roll forward
    by default because the reference's IL sample (5 days ending on a Saturday) is treated as
    meeting the minimum; pass `roll_forward=True` where a state's courts roll.
    """
    start = service_date + timedelta(days=mail_extension_days)
    return add_period(start, days, unit, state, roll_forward=roll_forward)
