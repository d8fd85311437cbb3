"""guess_reason's fast path (lowercased ASCII, case-sensitive patterns) must give exactly
what the previous implementation (IGNORECASE over the de-OCR'd zone) gave."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from batches.analysis import guess
from batches.analysis.guess import guess_reason
from tests.conftest import SAMPLE_NOTICES

ROOT = Path(__file__).resolve().parents[2]
_OLD_RULES = tuple((reason, re.compile(pattern, re.IGNORECASE)) for reason, pattern in guess._PATTERNS)


def old_guess_reason(text: str) -> str:
    """The implementation before the fast path (kept here as the reference)."""
    zone = text[:700].replace("0", "o").replace("1", "l")
    for reason, pattern in _OLD_RULES:
        if pattern.search(zone):
            return reason
    return "other"


def _texts() -> list[str]:
    texts = [label["extracted_text"] for label in json.loads(SAMPLE_NOTICES.read_text())]
    for path in sorted((ROOT / "tests" / "data").glob("*.json")) + [ROOT / "tests" / "analysis" / "probe_notices.json"]:
        texts += [label["extracted_text"] for label in json.loads(path.read_text())]
    event = json.loads((SAMPLE_NOTICES.parent / "batch-sqs-event.json").read_text())
    texts += [request["extractedText"] for request in event["Records"][0]["body"]["batchRequests"]]
    return texts


TEXTS = _texts()


def test_reference_covers_most_reasons():
    # A corpus where every guess is "other" would make the comparison below meaningless.
    assert len(TEXTS) >= 60
    assert len({old_guess_reason(text) for text in TEXTS}) >= 7


@pytest.mark.parametrize("variant", ["as is", "upper", "title", "non-ascii"])
def test_same_guess_as_before_on_every_sample_and_label(variant):
    for text in TEXTS:
        if variant == "upper":
            text = text.upper()
        elif variant == "title":
            text = text.title()
        elif variant == "non-ascii":
            text = "Notice \u00e0 " + text
        assert guess_reason(text) == old_guess_reason(text), text[:80]


@pytest.mark.parametrize(
    "text",
    [
        "PAY RENT OR QUIT",
        "pay rent increase",  # two rules match; the first in order wins
        "N0NPAYMENT 0F RENT",  # OCR digits
        "\u017fum of $500",  # LATIN SMALL LETTER LONG S folds to 's' under IGNORECASE
        "\u212aeep out: drug activity",  # KELVIN SIGN
        "\u0130LLEGAL use",  # capital I with dot
        "nothing to see here",
        "",
    ],
)
def test_same_guess_on_case_folding_edge_cases(text):
    assert guess_reason(text) == old_guess_reason(text)
