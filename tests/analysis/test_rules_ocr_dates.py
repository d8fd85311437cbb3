"""Dates damaged by OCR are read through the public rules entry point (`extract_facts`):
look-alike letters for digits, a digit for a letter in the month, spaces before punctuation
and doubled gaps. Numbers that are not dates (ZIP codes, phone numbers, amounts, statute
and case numbers, unit numbers) stay unread even when damaged the same way.

Every notice here is fictional and written for these tests."""

from __future__ import annotations

import pytest

from batches.analysis.rules_dates import find_dates
from batches.analysis.textnorm import normalize
from tests.analysis.helpers import ROLES, date_roles


def _notice(*, dated: str, served: str, deadline: str, since: str) -> str:
    return (
        "THIRTY (30) DAY NOTICE OF TERMINATION OF TENANCY\n\n"
        "To: Tenant Marisol Quennel-Avery\n"
        "Premises: 418 Larkspur Bend, Unit 3B, Fernwick, OR 97999\n\n"
        f"Your month-to-month tenancy will be terminated on {deadline} and you must surrender possession "
        "of the premises on that date.\n"
        f"You have rented this unit since {since}.\n\n"
        f"Dated: {dated}\n"
        f"Served by first-class mail on {served}.\n"
        "Landlord: Thaddeus Orrinwood\n"
    )


@pytest.mark.parametrize(
    ("damaged", "iso"),
    [
        ("Sept . 2 , 2O25", "2025-09-02"),  # space before the period and the comma, O for 0
        ("Ju1y l , 2O2l", "2021-07-01"),  # 1 for l in the month, l for 1 in day and year
        ("0ctober 3l, 2025", "2025-10-31"),
        ("Dec. l5, 2O25", "2025-12-15"),
        ("3/l4/2O25", "2025-03-14"),
        ("l2-O1-2025", "2025-12-01"),
        ("2O25-O3-O7", "2025-03-07"),
        ("March 7 ,2025", "2025-03-07"),
        ("MARCH  7,  2025", "2025-03-07"),
        ("JU1Y 4, 2025", "2025-07-04"),  # a capitalised 1 for L is fixed to I ("JUIY")
        ("Dec. lO, 2025", "2025-12-10"),  # a day made only of look-alikes
        ("Nov. lst, 2025", "2025-11-01"),
        ("APR1L l8th, 2025", "2025-04-18"),
    ],
)
def test_each_damaged_form_is_read_in_every_role(damaged, iso):
    # The same damaged form in each role slot, clean dates elsewhere, so a miss shows which
    # role it broke.
    clean = {"dated": "August 1, 2025", "served": "August 2, 2025", "deadline": "October 31, 2025"}
    clean["since"] = "May 1, 2020"
    expected = {
        "noticeDate": "2025-08-01",
        "serviceDate": "2025-08-02",
        "deadlineDate": "2025-10-31",
        "tenancyStartDate": "2020-05-01",
    }
    slots = {"dated": "noticeDate", "served": "serviceDate", "deadline": "deadlineDate", "since": "tenancyStartDate"}
    for slot, role in slots.items():
        roles = date_roles(_notice(**{**clean, slot: damaged}))
        assert roles == {**expected, role: iso}, slot


def test_a_fully_ocr_damaged_notice_gets_all_four_dates():
    text = (
        "THlRTY (3O) DAY N0TlCE 0F TERMlNATl0N 0F TENANCY\n\n"
        "T0 : Tenant Corwin Blaisdell-Ferro\n"
        "PREMlSES : 77O9 N. Quarrystone Ave , Apt 2C , Hollisford , lL 6O6OO\n\n"
        "Y0ur m0nth-t0-m0nth tenancy  wi11 be terminated\n"
        "0n 0ct0ber 3l , 2O25 and y0u must surrender p0ssessi0n 0f the premises\n"
        "0n that date. Y0u have rented this apartment since Ju1y l , 2O2l .\n\n"
        "Dated : Sept . 2 , 2O25        Served by certified mai1 0n Sept . 3 , 2O25 .\n"
        "Landl0rd : Perpetua Wendlesham\n"
    )
    assert date_roles(text) == {
        "noticeDate": "2025-09-02",
        "serviceDate": "2025-09-03",
        "deadlineDate": "2025-10-31",
        "tenancyStartDate": "2021-07-01",
    }


@pytest.mark.parametrize(
    ("damaged", "iso"),
    [
        ("this l5th day of March, 2O25", "2025-03-15"),
        ("l5 de marzo de 2O25", "2025-03-15"),
        ("2l March 2O25", "2025-03-21"),
    ],
)
def test_day_first_forms_with_a_look_alike_in_the_day(damaged, iso):
    assert [d.iso for d in find_dates(normalize(f"Signed {damaged} at the office.").low)] == [iso]


@pytest.mark.parametrize(
    "text",
    [
        "Premises: 12 Thistle Row, Fernwick, CA 9O21O",
        "Call the office at (555) l23-4567 or 555-l23-4567.",
        "You owe $1,2O0 in rent.",
        "Under Code § 44-7-50 and Civil Code § 1161(2) you may be evicted.",
        "Case No. 2O25-CV-O0l23",
        "Unit 3l, Fernwick Court",
        "Apartment 3l, 2O25 Larkspur Bend",  # a unit number, then a street number
        "The rent is due. You may l 2025 units",  # a month-like word is no month without a day and year
        "el de marzo de 2025 y todo lo de marzo del 2025",  # Spanish words, not days
        "In March I 2025 paid",
    ],
)
def test_damaged_numbers_that_are_not_dates_stay_unread(text):
    assert find_dates(normalize(text).low) == []


def test_non_dates_in_a_notice_do_not_fill_date_roles():
    text = (
        "NOTICE TO PAY RENT OR QUIT\n\n"
        "To: Tenant Odalys Fenwright\n"
        "Premises: 2O25 Quillon Street, Unit 3l, Fernwick, CA 9O21O\n\n"
        "You owe $1,2O0 in rent. Pay within three (3) days or deliver possession, under "
        "Civil Code § 1161(2). Questions: (555) l23-4567. Case No. 2O25-CV-O0l23.\n"
        "Landlord: Ignatius Pellow\n"
    )
    assert date_roles(text) == dict.fromkeys(ROLES)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Dated: March 4, 2025", "2025-03-04"),
        ("Dated: Sept. 2, 2025", "2025-09-02"),
        ("Dated: 4 de marzo de 2025", "2025-03-04"),
        ("Dated: the 4th day of March, 2025", "2025-03-04"),
        ("Dated: 03/04/2025", "2025-03-04"),
        ("Dated: 2025-03-04", "2025-03-04"),
        ("Dated: Aug. 29, '25", "2025-08-29"),
    ],
)
def test_clean_dates_read_as_before(text, iso):
    assert [d.iso for d in find_dates(normalize(text).low)] == [iso]
