"""Compliance fixes from blind set 3 (docs/evaluation.md "Blind set 3: compliance fixes"), on
fresh fictional facts: a lease may not shorten the PA period in subsidised housing, and an MA
period counted from receipt starts at the earliest the day after a mailing."""

from datetime import date

import pytest

from batches.compliance.advice import defenses_for
from batches.compliance.checker import compliance_for_notice
from batches.compliance.housing import shows_subsidised_housing
from templates_app.defaults.state_rules import STATE_RULES
from templates_app.models import StateNoticeRule, rule_inconsistencies

from .blind_helpers import TODAY, issue_codes, notice_facts, run_notice

# --- PA 250.501(e): no lease shortening in public or subsidised housing ---------------------


@pytest.mark.parametrize(
    ("text", "subsidised"),
    [
        ("Your rent share under the Housing Choice Voucher program is unpaid.", True),
        ("per the Housing Assistance Payments contract with the Authority", True),
        ("This unit is a Section 8 unit.", True),
        ("Inquilino del programa de vivienda pública de Ciudad Ficticia.", True),
        ("You breached Section 8 of your lease by keeping a dog.", False),
        ("A copy goes to the Example Valley Housing Authority.", False),
        ("Five days' notice under paragraph 14 of your lease.", False),
    ],
)
def test_subsidised_housing_is_read_from_program_names_only(text, subsidised):
    assert shows_subsidised_housing(text) is subsidised


def test_pa_short_notice_in_subsidised_housing_fails_though_the_lease_waives_notice():
    facts = notice_facts(reason="non-payment", state="PA", serviceDate="2025-06-02", noticeDays=4, deadlineDate="2025-06-06",
                   amountDue=233.0)  # fmt: skip
    lease_waiver = "Under section 9 of your lease you agreed to four (4) days' notice instead of ten."
    private = run_notice(facts, lease_waiver)
    assert private["meetsStatutoryMinimum"] is None  # a private lease may shorten it
    voucher = run_notice(facts, lease_waiver + " Your tenant share under the Housing Choice Voucher program is unpaid.")
    assert voucher["meetsStatutoryMinimum"] is False
    assert ("PERIOD_TOO_SHORT", "error") in issue_codes(voucher) and ("LEASE_CANNOT_SHORTEN", "info") in issue_codes(
        voucher
    )
    assert any("fewer days" in line for line in defenses_for(voucher))


def test_pa_long_lease_in_public_housing_fails_on_the_longer_period():
    facts = notice_facts(reason="lease-violation", state="PA", serviceDate="2025-09-01", noticeDays=20,
                   deadlineDate="2025-09-21")  # fmt: skip
    text = "Your two-year lease of this public housing unit forbids the dog."
    result = run_notice(facts, text)
    assert result["meetsStatutoryMinimum"] is False and result["requiredDays"] == 15
    assert run_notice(facts, "Your two-year lease forbids the dog.")["meetsStatutoryMinimum"] is False
    waived = "Your two-year lease forbids the dog. As your lease allows, you have twenty (20) days' notice."
    assert run_notice(facts, waived)["meetsStatutoryMinimum"] is None


def test_texas_keeps_the_lease_doubt_in_subsidised_housing():
    """The reference states the subsidised-housing exception for PA only."""
    facts = notice_facts(
        reason="non-payment", state="TX", serviceDate="2025-05-05", noticeDays=1, deadlineDate="2025-05-06"
    )
    assert run_notice(facts, "Section 8 voucher tenant.")["meetsStatutoryMinimum"] is False
    cited = "Section 8 voucher tenant. As provided in your lease, you have one day's notice to vacate."
    assert run_notice(facts, cited)["meetsStatutoryMinimum"] is None


# --- MA c.186: counted from receipt, so a mailing adds at least one day ----------------------


def _ma(**kw):
    base = {"reason": "non-payment", "state": "MA", "serviceDate": "2025-10-06", "noticeDays": 14, "cureOffered": True}
    return notice_facts(**{**base, **kw})


MA_TEXT = "Important information (section 31 accompanying form enclosed). This notice is not an eviction."


@pytest.mark.parametrize("method", ["mail", "certified-mail"])
def test_ma_mailed_notice_ending_fourteen_days_after_mailing_fails(method):
    result = run_notice(_ma(serviceMethod=method, deadlineDate="2025-10-20"), MA_TEXT)
    assert result["meetsStatutoryMinimum"] is False
    assert result["earliestLawfulDeadline"] == "2025-10-21"
    assert ("DEADLINE_MISMATCH", "error") in issue_codes(result)
    assert [i["code"] for i in result["issues"]].count("MAIL_SERVICE_EXTENSION") == 1


def test_ma_mailed_notice_with_a_day_for_delivery_passes_with_a_warning():
    result = run_notice(_ma(serviceMethod="mail", deadlineDate="2025-10-21"), MA_TEXT)
    assert result["meetsStatutoryMinimum"] is True
    assert ("MAIL_SERVICE_EXTENSION", "warning") in issue_codes(result)
    bare = run_notice(_ma(serviceMethod="mail"), MA_TEXT)  # "14 days after you receive it": no date to be early
    assert bare["meetsStatutoryMinimum"] is True


@pytest.mark.parametrize("method", ["personal", "posting", "posting-and-mail"])
def test_ma_notice_delivered_by_hand_or_posted_may_be_received_that_day(method):
    result = run_notice(_ma(serviceMethod=method, deadlineDate="2025-10-20"), MA_TEXT)
    assert result["meetsStatutoryMinimum"] is True
    assert result["earliestLawfulDeadline"] == "2025-10-20"


def test_illinois_mail_stays_unsettled():
    """IL's receipt rule is UNSURE in the reference: no certain extra day there."""
    facts = notice_facts(reason="non-payment", state="IL", serviceDate="2025-10-06", serviceMethod="certified-mail",
                   noticeDays=5, deadlineDate="2025-10-11")  # fmt: skip
    result = run_notice(facts, "only FULL PAYMENT of the rent demanded in this notice will waive the landlord's right")
    assert result["earliestLawfulDeadline"] == "2025-10-11"
    assert result["meetsStatutoryMinimum"] is True


# --- Shipped data and validation -----------------------------------------------------------


def test_shipped_rules_carry_the_new_fields_where_the_reference_says():
    flagged = {(r["state"], r["reason"]) for r in STATE_RULES if r["lease_shortening_not_subsidised"]}
    assert flagged == {(r["state"], r["reason"]) for r in STATE_RULES if r["state"] == "PA"}
    assert {r["state"] for r in STATE_RULES if r["counted_from_receipt"]} == {"MA", "AZ"}


def test_subsidised_exception_needs_a_lease_that_may_shorten():
    base = {"state": "PA", "reason": "non-payment", "min_days": 10, "statute": "x", "effective_date": date(2000, 1, 1)}
    assert "lease_shortening_not_subsidised" in rule_inconsistencies(
        StateNoticeRule(**base, lease_shortening_not_subsidised=True)
    )
    assert not rule_inconsistencies(
        StateNoticeRule(**base, lease_can_shorten=True, lease_shortening_not_subsidised=True)
    )


@pytest.mark.django_db
def test_new_fields_reach_the_checker_from_the_database():
    from templates_app.selectors import rules_as_dicts
    from templates_app.services import rules_load_defaults

    StateNoticeRule.objects.all().delete()
    rules_load_defaults(rules=STATE_RULES)
    rules = rules_as_dicts()
    facts = _ma(serviceMethod="mail", deadlineDate="2025-10-20")
    result = compliance_for_notice(facts, rules, user_selected_state="MA", text=MA_TEXT, today=TODAY)
    assert result["meetsStatutoryMinimum"] is False
