"""Accuracy floors on the held-out notices (tests/data/heldout_notices.json), the probe set
(tests/analysis/probe_notices.json) and the blind sets 2-13 (tests/data/blind*_notices.json), each
measured once at first contact before anyone read it.

Every set was written from notice-law.md by someone who had not read the code
(docs/evaluation.md keeps each first-contact figure). The held-out and probe floors sit at the
Issue 3 targets; the blind sets' floors at what the analyzer reaches after their fixes, so any
regression on paper that was once read right fails CI.
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
# Written blind (commit 8011eab); measured at first contact, then hardened (docs/evaluation.md).
BLIND = ROOT / "tests" / "data" / "blind_notices.json"
# Non-notice heavy (22 of 36), commit 09e3afc; measured at first contact, then fixed against
# (docs/evaluation.md, "Non-notice recognition by evidence (session 2)").
BLIND4 = ROOT / "tests" / "data" / "blind4_notices.json"
TODAY = date(2026, 12, 3)
FLOORS = {
    "reason": 0.95,
    "noticeDays": 0.95,
    "amountDue": 0.95,
    "meetsStatutoryMinimum": 0.90,  # scored only where the label is not null
}
# The blind set after hardening (docs/evaluation.md "Blind set 2, after hardening"): every field
# 45/45; the verdict 29/29 since session 3 (b17: a PA notice that cites no lease waiver; b30: the
# Chicago Fair Notice tiers are counted).
BLIND_FLOORS = {"reason": 1.0, "noticeDays": 1.0, "amountDue": 1.0, "meetsStatutoryMinimum": 1.0}
# Blind set 4 after the evidence-based recognition: every field 36/36, the verdict 14/14 since
# session 3 (d36: a PA notice that cites no lease waiver).
BLIND4_FLOORS = BLIND_FLOORS
# The sealed blind set 3 (commit 9619e94), unsealed after three measurements, then fixed against
# (docs/evaluation.md, "Blind set 3, after fixes"): reason and amount 40/40, days 39/40 (c02: the
# notice states 61 days, the label says 60), every non-notice recognised; the verdict 25/25 since
# session 3 (c15: Chicago tiers; c27: a TX notice that cites no lease term).
BLIND3 = ROOT / "tests" / "data" / "blind3_notices.json"
BLIND3_FLOORS = {"reason": 1.0, "noticeDays": 0.97, "amountDue": 1.0, "meetsStatutoryMinimum": 1.0}
# Blind set 5 (commit bd2eefc) after its fixes: every field 40/40 and the verdict 26/26 since session 3
# (the scorer compares hours as days and lets a finer no-fault ground match `other`: e04, e13, e31;
# e09 Chicago tiers, e23 OH weekdays, e25 PA lease).
BLIND5 = ROOT / "tests" / "data" / "blind5_notices.json"
BLIND5_FLOORS = {"reason": 1.0, "noticeDays": 1.0, "amountDue": 1.0, "meetsStatutoryMinimum": 1.0}
# Blind sets 6 (letters, e-mails, Spanish, OCR) and 7 (statutory forms and counting traps), commits
# 5b919ce / 75eb251, measured at first contact in session 3 and then fixed against (docs/evaluation.md,
# "Session 3"). Blind set 7's one miss: g27, whose label gives no days where the notice's own dates
# give 33 (the convention every other label file follows).
BLIND6 = ROOT / "tests" / "data" / "blind6_notices.json"
BLIND7 = ROOT / "tests" / "data" / "blind7_notices.json"
ALL_RIGHT = {"reason": 1.0, "noticeDays": 1.0, "amountDue": 1.0, "meetsStatutoryMinimum": 1.0}
# Blind sets 9 (intake desk) and 10 (half Spanish, half heavy OCR), commits ed9b262 / 0c58cab, the same
# way. Left: m22 (a text-message thread: reason `other`, no year on its dates), m28 (no year), m30 (the
# label gives no days where the dates give 10), n06 (service date in a checkbox form), n17 (OH weekend
# doubt: the checker asks for review where the label, against its own UNSURE, says True).
BLIND9 = ROOT / "tests" / "data" / "blind9_notices.json"
BLIND10 = ROOT / "tests" / "data" / "blind10_notices.json"
# Blind sets 11 (look-alikes) and 12 (everyday forms), commits 0e9a3ad / 327ccba, the same way. Left:
# p02 (a text message whose dates carry a time: no days), p04 and p05 (lease clauses cited beside
# neighbours' complaints and loud parties: read as nuisance; h10 in the held-out set labels the same
# kind of repeat-disturbance notice nuisance), q23 (the OH weekend doubt again, as n17).
BLIND11 = ROOT / "tests" / "data" / "blind11_notices.json"
BLIND12 = ROOT / "tests" / "data" / "blind12_notices.json"
# Blind set 8 (76391ac), sealed until its one measurement at the end of session 3 (docs/evaluation.md),
# then fixed against. Left: k22 (a sale in GA labelled `other`, where blind set 6's f17 labels the same
# ground no-cause; we answer no-cause).
BLIND8 = ROOT / "tests" / "data" / "blind8_notices.json"
# Blind set 13 (933eec8), sealed until its one measurement on the final session-3 code: reason 39/40,
# days 39/40 (r13: a WA owner move-in read as no-cause, 30 days read where the dates give 76), amount
# 40/40, every notice and non-notice recognised, the verdict 25/26 (r25, MA). Not fixed against.
BLIND13 = ROOT / "tests" / "data" / "blind13_notices.json"
SETS = {
    "blind13": (BLIND13, {"reason": 0.975, "noticeDays": 0.975, "amountDue": 1.0, "meetsStatutoryMinimum": 0.96}),
    "blind8": (BLIND8, {**ALL_RIGHT, "reason": 0.975}),
    "blind12": (BLIND12, {**ALL_RIGHT, "meetsStatutoryMinimum": 0.96}),
    "blind11": (BLIND11, {**ALL_RIGHT, "reason": 0.95, "noticeDays": 0.975, "meetsStatutoryMinimum": 0.95}),
    "blind10": (BLIND10, {**ALL_RIGHT, "meetsStatutoryMinimum": 0.92}),
    "blind9": (BLIND9, {**ALL_RIGHT, "reason": 0.975, "noticeDays": 0.975, "meetsStatutoryMinimum": 0.92}),
    "blind7": (BLIND7, {**ALL_RIGHT, "noticeDays": 0.975}),
    "blind6": (BLIND6, ALL_RIGHT),
    "blind5": (BLIND5, BLIND5_FLOORS),
    "blind3": (BLIND3, BLIND3_FLOORS),
    "heldout": (HELDOUT, FLOORS),
    "probe": (PROBE, FLOORS),
    "blind": (BLIND, BLIND_FLOORS),
    "blind4": (BLIND4, BLIND4_FLOORS),
}


def _analyze(label: dict, facts: dict) -> dict:
    compliance = compliance_for_notice(
        facts, STATE_RULES, user_selected_state=label["user_selected_state"], text=label["extracted_text"],
        today=TODAY,
    )  # fmt: skip
    return {"notice": facts, "compliance": compliance}


@pytest.fixture(scope="module", params=sorted(SETS))
def label_set(request) -> tuple[list[dict], dict]:
    path, floors = SETS[request.param]
    return load(path), floors


@pytest.fixture(scope="module")
def labels(label_set) -> list[dict]:
    return label_set[0]


@pytest.fixture(scope="module")
def facts(labels) -> dict[str, dict]:
    """Each label's extracted facts, by id: read once for the report and both recognition tests."""
    by_id = {
        label["id"]: extract_facts(label["extracted_text"], state_hint=label["user_selected_state"]) for label in labels
    }
    assert len(by_id) == len(labels), "label ids must be unique within a set"
    return by_id


@pytest.fixture(scope="module")
def report(labels, facts) -> dict:
    return evaluate(labels, lambda label: _analyze(label, facts[label["id"]]))


def test_heldout_set_shape():
    labels = load(HELDOUT)
    assert len(labels) >= 30
    assert all(label["id"].startswith("h") for label in labels)
    assert sum(label["expected"]["reason"] == "not-a-notice" for label in labels) >= 7


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_accuracy_floor(label_set, report, field):
    stats = report["fields"][field]
    misses = [m for m in report["misses"] if m["field"] == field]
    assert stats["accuracy"] >= label_set[1][field], misses


def test_every_non_notice_is_recognised(labels, facts):
    """A document that is not an eviction notice must never get a deadline or a template."""
    missed = []
    for label in labels:
        if label["expected"]["reason"] != "not-a-notice":
            continue
        found = facts[label["id"]]
        if found["isEvictionNotice"] or found["reason"] != "not-a-notice":
            missed.append(label["id"])
    assert missed == []


def test_no_real_notice_is_read_as_a_non_notice(labels, facts):
    """The worst error: telling a tenant a real notice is nothing to worry about."""
    missed = [
        label["id"]
        for label in labels
        if label["expected"]["reason"] != "not-a-notice" and not facts[label["id"]]["isEvictionNotice"]
    ]
    assert missed == []
