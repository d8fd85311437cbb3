from datetime import date

import pytest

from batches.compliance.calendar import (
    add_business_days,
    add_calendar_days,
    add_court_days,
    add_months,
    earliest_lawful_deadline,
    federal_holidays,
    holidays,
    is_court_day,
)

FEDERAL_2025 = {
    date(2025, 1, 1), date(2025, 1, 20), date(2025, 2, 17), date(2025, 5, 26), date(2025, 6, 19),
    date(2025, 7, 4), date(2025, 9, 1), date(2025, 10, 13), date(2025, 11, 11), date(2025, 11, 27),
    date(2025, 12, 25),
}  # fmt: skip
FEDERAL_2026 = {
    date(2026, 1, 1), date(2026, 1, 19), date(2026, 2, 16), date(2026, 5, 25), date(2026, 6, 19),
    date(2026, 7, 3),  # July 4 is a Saturday: observed Friday
    date(2026, 9, 7), date(2026, 10, 12), date(2026, 11, 11), date(2026, 11, 26), date(2026, 12, 25),
}  # fmt: skip


def test_federal_holidays_2025_and_2026_exactly():
    assert federal_holidays(2025) == FEDERAL_2025
    assert federal_holidays(2026) == FEDERAL_2026


def test_sunday_holiday_observed_monday_and_saturday_new_year_in_prior_year():
    assert date(2027, 7, 5) in federal_holidays(2027)  # July 4, 2027 is a Sunday
    assert date(2021, 12, 31) in federal_holidays(2021)  # Jan 1, 2022 is a Saturday
    assert date(2022, 1, 1) not in federal_holidays(2022)


def test_juneteenth_only_from_2021():
    assert date(2020, 6, 19) not in federal_holidays(2020)
    assert date(2021, 6, 18) in federal_holidays(2021)  # June 19, 2021 was a Saturday


def test_california_judicial_holidays_2025():
    ca = holidays("CA", 2025)
    assert ca - FEDERAL_2025 == {date(2025, 2, 12), date(2025, 3, 31), date(2025, 9, 26), date(2025, 11, 28)}
    assert FEDERAL_2025 - ca == {date(2025, 10, 13)}  # Columbus Day is not a court holiday since AB 855


def test_california_judicial_holidays_by_year():
    assert date(2021, 10, 11) in holidays("CA", 2021)  # Columbus Day before AB 855
    assert date(2021, 9, 24) not in holidays("CA", 2021)  # Native American Day only from 2022
    assert date(2022, 6, 20) not in holidays("CA", 2022)  # Juneteenth only from 2023
    assert date(2023, 6, 19) in holidays("CA", 2023)
    assert date(2024, 4, 1) in holidays("CA", 2024)  # Mar 31, 2024 is a Sunday
    assert date(2022, 2, 11) in holidays("CA", 2022)  # Lincoln Day on a Saturday: Friday (CRC 1.11)


def test_other_states_get_federal_holidays():
    assert holidays("TX", 2025) == FEDERAL_2025
    assert holidays("ny", 2026) == FEDERAL_2026


def test_is_court_day():
    assert not is_court_day(date(2025, 3, 31), "CA")  # César Chávez Day
    assert is_court_day(date(2025, 3, 31), "NY")
    assert not is_court_day(date(2025, 3, 8), "NY")  # Saturday


@pytest.mark.parametrize(
    ("state", "served", "days", "unit", "expected"),
    [
        ("CA", date(2025, 3, 4), 3, "court", date(2025, 3, 7)),
        ("FL", date(2025, 5, 8), 3, "court", date(2025, 5, 13)),
        ("TX", date(2025, 7, 7), 3, "calendar", date(2025, 7, 10)),
        ("IL", date(2025, 1, 6), 5, "calendar", date(2025, 1, 11)),
    ],
)
def test_sample_deadlines(state, served, days, unit, expected):
    assert earliest_lawful_deadline(served, days=days, unit=unit, state=state) == expected


def test_court_days_skip_california_holidays():
    # Served Thu 2025-02-06: Fri 7, (weekend), Mon 10, Tue 11 -> Lincoln Day Wed 12 skipped.
    assert add_court_days(date(2025, 2, 6), 3, "CA") == date(2025, 2, 11)
    assert add_court_days(date(2025, 2, 7), 3, "CA") == date(2025, 2, 13)
    assert add_court_days(date(2025, 2, 7), 3, "NY") == date(2025, 2, 12)


def test_friday_service_expires_wednesday_in_california():
    assert add_court_days(date(2025, 3, 7), 3, "CA") == date(2025, 3, 12)


def test_business_days_skip_federal_holidays():
    assert add_business_days(date(2025, 1, 17), 1, "GA") == date(2025, 1, 21)  # MLK Monday


def test_roll_forward():
    assert add_calendar_days(date(2025, 1, 6), 5, "IL", roll_forward=False) == date(2025, 1, 11)
    assert add_calendar_days(date(2025, 1, 6), 5, "IL", roll_forward=True) == date(2025, 1, 13)
    assert add_calendar_days(date(2025, 2, 3), 14, "NY", roll_forward=True) == date(2025, 2, 18)


def test_mail_extension_added_before_period():
    assert earliest_lawful_deadline(date(2025, 3, 3), days=5, unit="calendar", state="AZ",
                                    mail_extension_days=5) == date(2025, 3, 13)  # fmt: skip


def test_add_months_clamps():
    assert add_months(date(2025, 11, 17), 2) == date(2026, 1, 17)
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
