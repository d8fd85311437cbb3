"""The evaluation scorer, driven by a stub analyzer."""

from __future__ import annotations

from batches.analysis.evaluation import FIELDS, evaluate


def _label(id_, reason, days, amount, meets):
    return {
        "id": id_,
        "extracted_text": "",
        "expected": {
            "reason": reason,
            "notice_days": days,
            "amount_due": amount,
            "meets_statutory_minimum": meets,
        },
    }


LABELS = [
    _label("a", "non-payment", 3, 1000.0, True),
    _label("b", "not-a-notice", None, None, None),
    _label("c", "no-cause", 30, None, False),
]

ANSWERS = {
    "a": {"reason": "non-payment", "isEvictionNotice": True, "noticeDays": 3, "amountDue": 1000.004},
    "b": {"reason": "not-a-notice", "isEvictionNotice": False, "noticeDays": None, "amountDue": None},
    "c": {"reason": "holdover", "isEvictionNotice": True, "noticeDays": 30, "amountDue": 5.0},
}
MEETS = {"a": True, "b": True, "c": None}


def _stub(label):
    return {"notice": ANSWERS[label["id"]], "compliance": {"meetsStatutoryMinimum": MEETS[label["id"]]}}


def test_counts_and_accuracy():
    report = evaluate(LABELS, _stub)
    assert report["total"] == 3
    assert set(report["fields"]) == set(FIELDS)
    assert report["fields"]["reason"] == {"correct": 2, "scored": 3, "accuracy": 2 / 3}
    assert report["fields"]["isEvictionNotice"]["accuracy"] == 1.0
    assert report["fields"]["amountDue"]["correct"] == 2  # 1000.004 is within 0.005


def test_meets_minimum_is_scored_only_where_labelled():
    field = evaluate(LABELS, _stub)["fields"]["meetsStatutoryMinimum"]
    assert (field["correct"], field["scored"]) == (1, 2)


def test_misses_name_id_field_expected_and_actual():
    misses = evaluate(LABELS, _stub)["misses"]
    assert {"id": "c", "field": "reason", "expected": "no-cause", "actual": "holdover"} in misses
    assert {"id": "c", "field": "amountDue", "expected": None, "actual": 5.0} in misses
    assert {"id": "c", "field": "meetsStatutoryMinimum", "expected": False, "actual": None} in misses
    assert len(misses) == 3


def test_missing_sections_count_as_misses():
    report = evaluate(LABELS[:1], lambda label: {})
    assert report["fields"]["reason"]["correct"] == 0
    assert report["fields"]["meetsStatutoryMinimum"]["scored"] == 1


def test_empty_labels():
    report = evaluate([], _stub)
    assert report["total"] == 0 and report["misses"] == []
    assert report["fields"]["reason"]["accuracy"] is None


def _one(label, notice):
    return evaluate([label], lambda _: {"notice": notice, "compliance": {}})


def test_hours_are_compared_as_whole_days():
    label = _label("h", "non-payment", 3, None, None)
    assert _one(label, {"noticeDays": 72, "dayCounting": "hours"})["fields"]["noticeDays"]["correct"] == 1
    assert _one(label, {"noticeDays": 3, "dayCounting": "calendar"})["fields"]["noticeDays"]["correct"] == 1
    # 72 calendar days are not 3 days, and 36 hours are no whole number of days.
    assert _one(label, {"noticeDays": 72, "dayCounting": "calendar"})["fields"]["noticeDays"]["correct"] == 0
    odd = _one(_label("h", "non-payment", 1, None, None), {"noticeDays": 36, "dayCounting": "hours"})
    assert [m["actual"] for m in odd["misses"] if m["field"] == "noticeDays"] == ["36 hours"]


def test_a_finer_no_fault_ground_matches_other_but_not_the_reverse():
    other = _label("o", "other", None, None, None)
    assert _one(other, {"reason": "demolition"})["fields"]["reason"]["correct"] == 1
    assert _one(other, {"reason": "no-cause"})["fields"]["reason"]["correct"] == 0
    demolition = _label("d", "demolition", None, None, None)
    assert _one(demolition, {"reason": "other"})["fields"]["reason"]["correct"] == 0
    assert _one(demolition, {"reason": "demolition"})["fields"]["reason"]["correct"] == 1
