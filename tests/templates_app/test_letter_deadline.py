"""The letter's "move out by ..." date: the notice's own deadline, else the computed earliest
lawful deadline labelled as computed, else "[not stated]" (the `$deadline` placeholder)."""

import pytest

from batches.services.single import notice_analyze
from templates_app.defaults.templates import DEFAULT_TEMPLATES
from templates_app.rendering import PLACEHOLDERS, template_render
from templates_app.rendering.placeholders import NOT_STATED

from .test_rendering import SAMPLE_COMPLIANCE, SAMPLE_NOTICE, sample_context

CA_LETTER = next(
    t["content"]
    for t in DEFAULT_TEMPLATES
    if (t["state"], t["reason"], t["template_type"]) == ("CA", "non-payment", "response")
)
NO_DATE = {**SAMPLE_NOTICE, "deadlineDate": None}
COMPUTED = "March 10, 2025 (the earliest date the law allows, counted from service"


def test_deadline_is_an_allowed_placeholder():
    assert "deadline" in PLACEHOLDERS


def test_a_stated_deadline_is_used_as_written():
    assert sample_context()["deadline"] == "March 7, 2025"


@pytest.mark.parametrize(
    ("notice", "expected"),
    [
        (NO_DATE, f"{COMPUTED}; the notice gives 3 calendar days but no date)"),
        ({**NO_DATE, "noticeDays": None}, f"{COMPUTED}; the notice states none)"),
        (
            {**NO_DATE, "noticeDays": None, "serviceDate": None},
            "March 10, 2025 (the earliest date the law allows, counted from the date on the notice; "
            "the notice states none)",
        ),
    ],
)
def test_without_a_stated_date_the_computed_deadline_is_labelled(notice, expected):
    assert sample_context(notice=notice)["deadline"] == expected


@pytest.mark.parametrize("lawful", [None, "", "   "])
def test_not_stated_only_when_neither_date_exists(lawful):
    context = sample_context(notice=NO_DATE, compliance={**SAMPLE_COMPLIANCE, "earliestLawfulDeadline": lawful})
    assert context["deadline"] == NOT_STATED


def test_default_letter_renders_the_fallback_and_keeps_the_notice_line_honest():
    letter = template_render(CA_LETTER, sample_context(notice={**NO_DATE, "noticeDays": None}))
    assert f"must pay it or move out by {COMPUTED}; the notice states none)." in letter
    assert f"Deadline written on the notice: {NOT_STATED}" in letter  # what the notice says, not what we computed
    assert f"by {NOT_STATED}" not in letter


def test_default_letter_says_not_stated_when_nothing_is_known():
    compliance = {**SAMPLE_COMPLIANCE, "earliestLawfulDeadline": None}
    letter = template_render(CA_LETTER, sample_context(notice=NO_DATE, compliance=compliance))
    assert f"must pay it or move out by {NOT_STATED}." in letter


def test_default_letters_put_the_fallback_in_every_act_by_sentence():
    for template in DEFAULT_TEMPLATES:
        assert "by $deadline_date" not in template["content"], template["state"] + "/" + template["reason"]
        assert "until $deadline_date" not in template["content"]


NOTICE_WITHOUT_A_DATE = """THREE-DAY NOTICE TO PAY RENT OR QUIT
To: Tenant A. Sample, and all others in possession
Premises: 100 Fictional Way, Apt 2, Fresno, CA 93701
Date of notice: July 14, 2025
You are hereby notified that the rent is now due and payable in the amount of $1,200.00 for July 2025.
Within three (3) court days after service of this notice you must pay the rent in full or deliver up possession.
Payments must be made to Example Property LLC, 200 Sample Street, Fresno, CA 93702, telephone (559) 555-0100,
Monday to Friday, 9 a.m. to 5 p.m.
Served personally on July 16, 2025.
Example Property LLC, Landlord
"""


@pytest.mark.django_db
def test_a_real_analysis_of_a_notice_without_a_date_gets_the_computed_deadline(defaults):
    results = notice_analyze(text=NOTICE_WITHOUT_A_DATE, state="CA", analyzer_name="rules")
    assert results["notice"]["deadlineDate"] is None
    # Served Wed 2025-07-16; three court days are Thu, Fri and Mon.
    assert results["compliance"]["earliestLawfulDeadline"] == "2025-07-21"
    assert (
        "must pay it or move out by July 21, 2025 (the earliest date the law allows, counted from service; "
        "the notice gives 3 court days but no date)." in results["response"]["letter"]
    )
