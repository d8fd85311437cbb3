"""Accuracy floors on the held-out notices (tests/data/heldout_notices.json) and on the
smaller probe set (tests/analysis/probe_notices.json).

The held-out set was written from notice-law.md before the extractor was read
(docs/evaluation.md keeps its first-contact numbers). These are floors at the Issue 3
targets, not 100%: a regression below them fails CI, while a new notice that the rules
cannot read yet does not force special-casing.
"""

from __future__ import annotations

from datetime import date

import pytest

from batches.analysis.evaluation import evaluate
from batches.analysis.rules import extract_facts
from batches.compliance.checker import compliance_for_notice
from templates_app.defaults.state_rules import STATE_RULES
from tests.analysis.labels import ROOT, load

HELDOUT = ROOT / "tests" / "data" / "heldout_notices.json"
# Written after the extractor had been read (so not blind); a check that the fixes generalise.
PROBE = ROOT / "tests" / "analysis" / "probe_notices.json"
TODAY = date(2026, 12, 3)
FLOORS = {
    "reason": 0.95,
    "noticeDays": 0.95,
    "amountDue": 0.95,
    "meetsStatutoryMinimum": 0.90,  # scored only where the label is not null
}


def _analyze(label: dict) -> dict:
    facts = extract_facts(label["extracted_text"], state_hint=label["user_selected_state"])
    compliance = compliance_for_notice(
        facts, STATE_RULES, user_selected_state=label["user_selected_state"], text=label["extracted_text"],
        today=TODAY,
    )  # fmt: skip
    return {"notice": facts, "compliance": compliance}


@pytest.fixture(scope="module", params=[HELDOUT, PROBE], ids=["heldout", "probe"])
def labels(request) -> list[dict]:
    return load(request.param)


@pytest.fixture(scope="module")
def report(labels) -> dict:
    return evaluate(labels, _analyze)


def test_heldout_set_shape():
    labels = load(HELDOUT)
    assert len(labels) >= 30
    assert all(label["id"].startswith("h") for label in labels)
    assert sum(label["expected"]["reason"] == "not-a-notice" for label in labels) >= 7


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_accuracy_floor(report, field):
    stats = report["fields"][field]
    misses = [m for m in report["misses"] if m["field"] == field]
    assert stats["accuracy"] >= FLOORS[field], misses


def test_every_non_notice_is_recognised(labels):
    """A document that is not an eviction notice must never get a deadline or a template."""
    missed = []
    for label in labels:
        if label["expected"]["reason"] != "not-a-notice":
            continue
        facts = extract_facts(label["extracted_text"], state_hint=label["user_selected_state"])
        if facts["isEvictionNotice"] or facts["reason"] != "not-a-notice":
            missed.append(label["id"])
    assert missed == []
