"""Deadline cues found on blind sets 9/10 (fresh wording): "your last day in the home will
be", "namely on" after a termination at the end of a rental period, an OCR'd time."""

import pytest

from batches.analysis.rules import extract_facts

HEAD = "NOTICE TO QUIT\n\nTo: Marisol Quenby, 12 Larch Row, Apt 2, Elmstead, MA 01570\n\n"


@pytest.mark.parametrize(
    ("sentence", "deadline"),
    [
        ("Your tenancy at will is terminated. Your last day in the apartment will be Monday, June 30, 2025.", "2025-06-30"),
        ("Your tenancy is terminated at the end of the rental period after your receipt of this notice, namely "
         "on June 30, 2025.", "2025-06-30"),
        ("YOU MUST VACATE WITHIN THREE (3) DAYS, that is by 5:oo p.m. on Friday, June 6, 2025.", "2025-06-06"),
    ],
)  # fmt: skip
def test_deadline_cues(sentence, deadline):
    facts = extract_facts(HEAD + "Dated: May 28, 2025\n\n" + sentence + "\n\nRosalind Ketteridge, Landlord\n")
    assert facts["deadlineDate"] == deadline
    assert facts["noticeDate"] == "2025-05-28"


def test_the_last_day_of_a_past_period_is_no_deadline():
    text = HEAD + "Dated: May 28, 2025\n\nThe last day for which rent was paid is April 30, 2025. Pay or quit.\n"
    assert extract_facts(text)["deadlineDate"] is None


def test_a_day_first_date_may_wrap_before_its_year():
    sentence = "Pay the rent or deliver possession on or before the 9th day of June,\n2025 ."
    assert extract_facts(HEAD + "Dated: May 28, 2025\n\n" + sentence + "\n")["deadlineDate"] == "2025-06-09"
    assert extract_facts(HEAD + "Dated: 28 May\n2025\n\nVacate.\n")["noticeDate"] == "2025-05-28"


def test_a_move_in_date_on_file_starts_the_tenancy():
    text = HEAD + "Date: May 28, 2025\nMove-in date on file: March 1, 2022\n\nYour tenancy will terminate.\n"
    assert extract_facts(text)["tenancyStartDate"] == "2022-03-01"


def test_deliver_up_possession_on_a_date_is_the_deadline():
    text = (
        HEAD + "May 28, 2025\n\nYou are notified to quit and deliver up possession of the premises on June 30, 2025.\n"
    )
    assert extract_facts(text)["deadlineDate"] == "2025-06-30"
