"""The rules extractor against every labeled notice, plus the shape of its output."""

from __future__ import annotations

import pytest

from batches.analysis.rules import extract_facts
from batches.analysis.schema import REASONS, NoticeFacts
from tests.analysis.labels import PROJECT_LABELS, SHARED_LABELS, all_labels, load

LABELS = all_labels()


def _facts(label: dict) -> dict:
    return extract_facts(label["extracted_text"], state_hint=label["user_selected_state"])


@pytest.mark.parametrize("label", LABELS, ids=[label["id"] for label in LABELS])
def test_labeled_notice(label):
    facts = _facts(label)
    expected = label["expected"]
    NoticeFacts.model_validate(facts)
    assert facts["reason"] == expected["reason"]
    assert facts["isEvictionNotice"] is (expected["reason"] != "not-a-notice")
    assert facts["noticeDays"] == expected["notice_days"]
    if expected["amount_due"] is None:
        assert facts["amountDue"] is None
    else:
        assert facts["amountDue"] == pytest.approx(expected["amount_due"], abs=0.005)


@pytest.mark.parametrize("label", LABELS, ids=[label["id"] for label in LABELS])
def test_state_comes_from_the_text(label):
    assert _facts(label)["state"] == label["state"]


def test_project_labels_cover_the_brief():
    labels = load(PROJECT_LABELS)
    reasons = {label["expected"]["reason"] for label in labels + load(SHARED_LABELS)}
    assert len(labels) >= 24
    assert reasons == set(REASONS)
    assert sum(label["expected"]["reason"] == "not-a-notice" for label in labels) >= 5
    assert sum(extract_facts(label["extracted_text"])["language"] == "es" for label in labels) >= 3
    assert any(label["state"] != label["user_selected_state"] for label in labels)
    assert {"GA", "PA", "AZ", "WA", "OH", "NJ", "MA", "FL"} <= {label["state"] for label in labels}


def test_label_format_matches_shared_samples():
    keys = set(load(SHARED_LABELS)[0])
    expected_keys = set(load(SHARED_LABELS)[0]["expected"])
    for label in load(PROJECT_LABELS):
        assert set(label) == keys
        assert set(label["expected"]) == expected_keys


def test_combined_pay_and_perform_lists_both_reasons():
    facts = extract_facts(
        "THREE-DAY NOTICE TO PAY RENT AND PERFORM COVENANTS OR QUIT\n"
        "TO: Tenant Q. Sample\nYou owe rent of $900.00 for May 2025 and must remove the dog.\n"
        "Within three (3) days you must pay and perform or deliver up possession."
    )
    assert facts["reasons"][:2] == ["non-payment", "lease-violation"]
    assert facts["reason"] == "non-payment"


def test_deterministic_and_empty_input():
    text = load(SHARED_LABELS)[0]["extracted_text"]
    assert extract_facts(text) == extract_facts(text)
    NoticeFacts.model_validate(extract_facts(""))


def test_state_hint_never_overrides_the_text():
    text = "NOTICE TO VACATE (Texas Property Code Section 24.005)\nTo: Tenant K. Sample\n"
    assert extract_facts(text, state_hint="CA")["state"] == "TX"
    assert extract_facts("NOTICE TO QUIT\nTo: Tenant K. Sample\n", state_hint="CA")["state"] is None
