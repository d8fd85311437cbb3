"""The template renderer: allow-list, validation, formatting and injection safety (pure, no DB)."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from templates_app.models import US_STATES
from templates_app.rendering import (
    PLACEHOLDERS,
    TemplateRenderError,
    build_render_context,
    template_render,
    template_validate,
)
from templates_app.rendering.engine import template_placeholders
from templates_app.rendering.formatting import RenderContext, format_value
from templates_app.rendering.labels import STATE_NAMES
from templates_app.rendering.placeholders import NOT_STATED

REQUIRED_NAMES = """
tenant_name tenant_names landlord_name premises_address state state_name reason reason_label
notice_type notice_date service_date service_method notice_days day_counting deadline_date
amount_due rent_amount statute required_days required_day_counting earliest_lawful_deadline
compliance_verdict compliance_issues urgency key_dates today court_name legal_aid_name
legal_aid_phone legal_aid_url
""".split()


def test_allow_list_has_every_required_name_with_a_description():
    missing = set(REQUIRED_NAMES) - PLACEHOLDERS.keys()
    assert not missing
    assert all(isinstance(text, str) and text.strip() for text in PLACEHOLDERS.values())


def test_placeholders_found_in_both_forms_but_not_escaped_dollars():
    content = "Hi $tenant_name, ${landlord_name}x costs $$5 and $$amount_due."
    assert template_placeholders(content) == {"tenant_name", "landlord_name"}


def test_valid_template_has_no_problems():
    assert template_validate("Dear $tenant_name,\nYou owe ${amount_due} (that is $$ money).") == []


def test_validation_lists_every_unknown_placeholder_by_name():
    problems = template_validate("$tenant_nam owes $amount_dew to ${landlord} and $__class__")
    unknown = [p for p in problems if p.startswith("Unknown placeholder")]
    assert len(unknown) == 4
    for name in ("tenant_nam", "amount_dew", "landlord", "__class__"):
        assert any(f"${name}" in p for p in unknown), name
    assert any("did you mean $tenant_name" in p for p in unknown)


def test_validation_hints_at_lower_case_names():
    assert template_validate("$Tenant_Name") == [
        "Unknown placeholder: $Tenant_Name (placeholders are lower case: $tenant_name)"
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Pay $ 100 now", "Stray '$'"),
        ("Pay $500 now", "Stray '$5'"),
        ("Ends with $", "Stray '$'"),
        ("Hello ${tenant_name", "Unclosed '${'"),
        ("Hello ${tenant name}", "Unclosed '${'"),
        ("Hello ${tenant_name.__class__}", "Invalid placeholder '${tenant_name.__class__}'"),
        ("Hello ${0}", "Invalid placeholder '${0}'"),
    ],
)
def test_validation_reports_malformed_dollar_with_a_hint(content, expected):
    problems = template_validate(content)
    assert len(problems) == 1, problems
    assert problems[0].startswith(expected)
    assert "line 1, column" in problems[0]
    assert "$$" in problems[0] or "letters, digits and underscores" in problems[0]


def test_validation_reports_the_line_of_a_stray_dollar():
    assert "line 3, column 5" in template_validate("ok\nok\nPay $ 5")[0]


@pytest.mark.parametrize(
    "foreign", ["{0.__class__}", "{{ x.__init__ }}", "{% load secrets %}", "%(x)s", "{tenant_name}"]
)
def test_validation_rejects_other_template_languages(foreign):
    problems = template_validate(f"Dear {foreign},")
    assert len(problems) == 1
    assert "only $name placeholders" in problems[0]


def test_double_dollar_is_a_literal_dollar():
    assert template_render("$$100 and $$$amount_due", {"amount_due": 5}) == "$100 and $$5.00"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("amount_due", 1234.56, "$1,234.56"),
        ("amount_due", 1234.5, "$1,234.50"),
        ("amount_due", 1500, "$1,500.00"),
        ("rent_amount", Decimal("0.1"), "$0.10"),
        ("rent_amount", "1234.5", "$1,234.50"),
        ("amount_due", -20, "-$20.00"),
        ("notice_date", "2025-03-04", "March 4, 2025"),
        ("deadline_date", date(2025, 12, 31), "December 31, 2025"),
        ("today", datetime(2025, 1, 2, 15, 30), "January 2, 2025"),
        ("notice_date", "the 4th of March", "the 4th of March"),
        ("notice_date", "2025-02-30", "2025-02-30"),
        ("tenant_name", "2025-03-04", "2025-03-04"),
        ("notice_days", 3, "3"),
        ("notice_days", 3.0, "3"),
        ("tenant_name", None, NOT_STATED),
        ("tenant_name", "   ", NOT_STATED),
        ("tenant_names", [], NOT_STATED),
        ("tenant_names", ["Ana", "Ben"], "Ana, Ben"),
        ("urgency", True, "yes"),
        ("amount_due", float("nan"), NOT_STATED),
        ("notice_days", float("inf"), NOT_STATED),
        ("amount_due", "NaN", NOT_STATED),
    ],
)
def test_values_are_formatted_as_plain_text(name, value, expected):
    assert template_render(f"${name}", {name: value}) == expected


def test_allowed_name_without_a_value_reads_not_stated():
    assert template_render("Court: $court_name", {}) == f"Court: {NOT_STATED}"


def test_unknown_placeholder_raises_a_clear_error():
    with pytest.raises(TemplateRenderError, match=r"Unknown placeholder: \$password"):
        template_render("$password", {"password": "hunter2"})


def test_stray_dollar_raises_when_rendering():
    with pytest.raises(TemplateRenderError, match=r"write \$\$ for a dollar sign"):
        template_render("Pay $ 5", {})


# --- Injection attempts ------------------------------------------------------------------------


class Secretive:
    """A value with attributes; stringifying it would be a leak."""

    api_key = "sk-secret"

    def __str__(self):
        raise AssertionError("the renderer must never call str() on arbitrary objects")

    __repr__ = __str__
    __format__ = __str__


@pytest.mark.parametrize("content", ["{0.__class__}", "{{ x.__init__ }}", "%(x)s", "{tenant_name.__class__.__mro__}"])
def test_foreign_syntax_is_rendered_literally(content):
    values = {"tenant_name": "Ana", "x": Secretive()}
    assert template_render(content, values) == content


def test_attribute_access_after_a_placeholder_is_literal_text():
    assert template_render("$tenant_name.__class__", {"tenant_name": "Ana"}) == "Ana.__class__"


def test_braced_attribute_access_is_rejected():
    with pytest.raises(TemplateRenderError, match="Invalid placeholder"):
        template_render("${tenant_name.__class__}", {"tenant_name": "Ana"})


def test_dunder_names_are_not_placeholders():
    with pytest.raises(TemplateRenderError, match="Unknown placeholder"):
        template_render("$__class__", {"__class__": "x"})


def test_objects_with_attributes_are_refused_not_stringified():
    with pytest.raises(TemplateRenderError, match="must be text, a number, a date or None"):
        template_render("$tenant_name", {"tenant_name": Secretive()})
    with pytest.raises(TemplateRenderError):
        template_render("$tenant_names", {"tenant_names": [Secretive()]})


@given(st.text(alphabet=st.sampled_from("$${}_.ab%()s0 \n") | st.characters(), max_size=60))
def test_any_text_renders_or_fails_cleanly(content):
    try:
        rendered = template_render(content, {"tenant_name": "Ana"})
    except TemplateRenderError:
        assert template_validate(content)
    else:
        assert isinstance(rendered, str)


# --- build_render_context -----------------------------------------------------------------------

SAMPLE_NOTICE = {
    "isEvictionNotice": True,
    "noticeType": "3-day notice to pay rent or quit",
    "reason": "non-payment",
    "state": "ca",
    "tenantNames": ["Ana Ruiz", " Ben Ruiz ", ""],
    "landlordName": "Oak Property LLC",
    "premisesAddress": "12 Elm St, Apt 3, Fresno, CA 93701",
    "noticeDate": "2025-03-04",
    "serviceDate": "2025-03-05",
    "serviceMethod": "posting-and-mail",
    "noticeDays": 3,
    "dayCounting": "calendar",
    "deadlineDate": "2025-03-07",
    "amountDue": 1450.0,
    "rentAmount": 1400,
    "language": "en",
}
SAMPLE_COMPLIANCE = {
    "statute": "Cal. Code Civ. Proc. § 1161(2)",
    "requiredDays": 3,
    "dayCounting": "court",
    "earliestLawfulDeadline": "2025-03-10",
    "meetsStatutoryMinimum": False,
    "issues": [
        {"code": "SHORT_PERIOD", "severity": "error", "message": "The deadline is too early."},
        {"code": "NON_RENT_CHARGES", "severity": "warning", "message": "Late fees are included."},
    ],
}
SAMPLE_ADVICE = {
    "urgency": "high",
    "keyDates": [
        {"date": "2025-03-07", "label": "Deadline stated in the notice"},
        {"date": "2025-03-10", "label": "Earliest lawful deadline"},
    ],
}
SAMPLE_META = {
    "courtName": "Superior Court of California for your county",
    "legalAidContacts": [
        {"name": "LawHelpCA.org", "url": "https://www.lawhelpca.org", "notes": "Free legal aid."},
        {"name": "211", "url": "https://www.211.org", "phone": "2-1-1"},
    ],
}


def sample_context(**overrides):
    arguments = {
        "notice": SAMPLE_NOTICE,
        "compliance": SAMPLE_COMPLIANCE,
        "advice": SAMPLE_ADVICE,
        "meta_metadata": SAMPLE_META,
        "today": date(2025, 3, 6),
    }
    return build_render_context(**{**arguments, **overrides})


def test_context_maps_a_sample_analysis_to_plain_strings():
    context = sample_context()
    assert set(context) == set(PLACEHOLDERS)
    assert all(isinstance(value, str) for value in context.values())
    expected = {
        "tenant_name": "Ana Ruiz",
        "tenant_names": "Ana Ruiz and Ben Ruiz",
        "landlord_name": "Oak Property LLC",
        "state": "CA",
        "state_name": "California",
        "reason": "non-payment",
        "reason_label": "unpaid rent",
        "notice_date": "March 4, 2025",
        "service_date": "March 5, 2025",
        "service_method": "posted on your door and mailed",
        "notice_days": "3",
        "day_counting": "calendar days",
        "notice_period": "3 calendar days",
        "deadline_date": "March 7, 2025",
        "amount_due": "$1,450.00",
        "rent_amount": "$1,400.00",
        "statute": "Cal. Code Civ. Proc. § 1161(2)",
        "required_days": "3",
        "required_day_counting": "court days",
        "required_period": "3 court days",
        "earliest_lawful_deadline": "March 10, 2025",
        "compliance_issues": "- The deadline is too early.\n- Late fees are included.",
        "urgency": "High: act within the next day or two.",
        "key_dates": "- March 7, 2025: Deadline stated in the notice\n- March 10, 2025: Earliest lawful deadline",
        "today": "March 6, 2025",
        "court_name": "Superior Court of California for your county",
        "legal_aid_name": "LawHelpCA.org",
        "legal_aid_phone": NOT_STATED,
        "legal_aid_url": "https://www.lawhelpca.org",
        "legal_aid_contacts": "- LawHelpCA.org: https://www.lawhelpca.org (Free legal aid.)\n"
        "- 211: https://www.211.org, 2-1-1",
    }
    assert {name: context[name] for name in expected} == expected
    assert "NOT to give the minimum" in context["compliance_verdict"]
    assert "§ 1161(2)" in context["compliance_verdict"]


@pytest.mark.parametrize(
    ("meets", "phrase"),
    [(True, "appears to give at least"), (False, "appears NOT to give"), (None, "needs to review")],
)
def test_compliance_verdict_is_one_plain_sentence(meets, phrase):
    context = sample_context(compliance={**SAMPLE_COMPLIANCE, "meetsStatutoryMinimum": meets})
    assert phrase in context["compliance_verdict"]
    assert context["compliance_verdict"].endswith(".")


def test_empty_analysis_gives_not_stated_and_friendly_lists():
    context = build_render_context(notice={}, compliance={}, advice={}, meta_metadata=None, today=date(2025, 1, 1))
    assert context["tenant_names"] == NOT_STATED
    assert context["amount_due"] == NOT_STATED
    assert context["compliance_issues"].startswith("- No problems were found")
    assert context["key_dates"] == "- No key dates were found."
    assert "needs to review" in context["compliance_verdict"]
    assert context["today"] == "January 1, 2025"


def test_one_day_period_is_singular():
    context = sample_context(notice={**SAMPLE_NOTICE, "noticeDays": 1, "dayCounting": "court"})
    assert context["notice_period"] == "1 court day"


def test_context_values_are_inert_when_rendered():
    # A notice can contain anything; a value that looks like a placeholder stays text.
    context = sample_context(notice={**SAMPLE_NOTICE, "landlordName": "$tenant_name ${x} {0.__class__}"})
    assert template_render("$landlord_name", context) == "$tenant_name ${x} {0.__class__}"


def test_state_names_cover_every_state_code():
    assert set(US_STATES) <= STATE_NAMES.keys()


# --- RenderContext: final text, substituted as it is ------------------------------------------


def test_context_strings_are_substituted_as_they_are_other_values_are_formatted():
    # A RenderContext holds final text: its strings are not formatted a second time (a plain
    # mapping's are), and a value that is not a string still goes through format_value.
    assert template_render("$notice_date", RenderContext(notice_date="2025-03-04")) == "2025-03-04"
    assert template_render("$notice_date", {"notice_date": "2025-03-04"}) == "March 4, 2025"
    assert template_render("$amount_due $court_name", RenderContext(amount_due=5)) == f"$5.00 {NOT_STATED}"
    with pytest.raises(TemplateRenderError, match="must be text, a number, a date or None"):
        template_render("$tenant_name", RenderContext(tenant_name=Secretive()))


_RAW_VALUES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.decimals(min_value=-(10**12), max_value=10**12)
    | st.sampled_from([Decimal("NaN"), Decimal("-Infinity"), Decimal("sNaN")])
    | st.dates()
    | st.datetimes()
    | st.text()
    | st.from_regex(r"\s*\d{4}-\d{2}-\d{2}([T ][0-9:]*)?\s*", fullmatch=True)
    | st.from_regex(r"\s*-?\$*-?[0-9,_]{0,12}(\.[0-9]{0,3})?(e[0-9])?\s*", fullmatch=True)
)


@given(st.sampled_from(sorted(PLACEHOLDERS)), _RAW_VALUES | st.lists(_RAW_VALUES, max_size=3))
def test_formatting_a_formatted_value_again_changes_nothing(name, value):
    """Why template_render may substitute build_render_context's strings without formatting them."""
    try:
        once = format_value(name, value)
    except TemplateRenderError:
        return
    assert format_value(name, once) == once


def test_build_render_context_returns_final_text():
    context = sample_context()
    assert isinstance(context, RenderContext)
    assert template_render("$notice_date / $amount_due", context) == "March 4, 2025 / $1,450.00"
