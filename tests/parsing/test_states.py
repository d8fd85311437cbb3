"""State normalisation against the explicit USPS allow-list (no guessing of jurisdictions)."""

import pytest

from batches.parsing import US_STATES, normalize_state


def test_allow_list_matches_templates_app():
    from templates_app.models import US_STATES as MODEL_STATES

    assert set(MODEL_STATES) == US_STATES


@pytest.mark.parametrize("code", sorted(US_STATES))
def test_every_code_in_any_case_and_spacing(code):
    for spelling in (code, code.lower(), f"  {code.lower()} ", f"{code[0]}.{code[1]}.", code.title()):
        assert normalize_state(spelling) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("new york", "NY"),
        ("New  York", "NY"),
        ("CALIFORNIA", "CA"),
        ("District of Columbia", "DC"),
        ("Washington, D.C.", "DC"),
        ("washington", "WA"),
        ("West Virginia", "WV"),
        ("puerto rico", "PR"),
    ],
)
def test_full_names(name, code):
    assert normalize_state(name) == code


@pytest.mark.parametrize(
    "value", ["XX", "", " ", "C", "CAL", "Calif.", "GU", "VI", "AS", "MP", "UK", "N Y C", "NYY", "ny\x00", "Ｃ Ａ"]
)
def test_invalid_codes(value):
    assert normalize_state(value) is None
