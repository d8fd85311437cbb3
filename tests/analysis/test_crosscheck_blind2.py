"""The LLM cross-check accepts the values the blind-2 hardening taught the rules extractor to read
(docs/evaluation.md, "Blind set 2, after hardening"): day-first dates, zero-day immediate notices,
periods written in Spanish words. Fresh fictional wording."""

from __future__ import annotations

from batches.analysis.crosscheck import crosscheck


def _fields(facts: dict, text: str) -> list[str]:
    return [issue["field"] for issue in crosscheck(facts, text)[1]]


def test_a_day_first_date_is_found():
    text = "AVISO DE DESALOJO\nFecha: 7/10/2025\nEntregado en persona el 7/10/2025."
    assert _fields({"serviceDate": "2025-10-07", "noticeDate": "2025-10-07"}, text) == []


def test_a_date_that_is_not_there_in_either_order_is_still_a_miss():
    assert _fields({"serviceDate": "2025-10-08"}, "Served 7/10/2025.") == ["serviceDate"]


def test_zero_days_is_supported_by_an_immediate_termination():
    text = "NOTICE OF TERMINATION\nYour lease is terminated immediately; vacate at once."
    assert _fields({"noticeDays": 0}, text) == []


def test_zero_days_without_an_immediate_termination_is_a_miss():
    assert _fields({"noticeDays": 0}, "NOTICE TO QUIT\nVacate within three days.") == ["noticeDays"]


def test_a_period_in_spanish_words_is_found():
    text = "AVISO DE TERMINACION\nEste aviso se le entrega con treinta dias de anticipacion."
    assert _fields({"noticeDays": 30}, text) == []
