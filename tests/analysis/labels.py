"""The two label files the rules extractor is measured on."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SAMPLE_NOTICES

ROOT = Path(__file__).resolve().parents[2]
SHARED_LABELS = SAMPLE_NOTICES
PROJECT_LABELS = ROOT / "tests" / "data" / "labeled_notices.json"


def load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def all_labels() -> list[dict]:
    return load(SHARED_LABELS) + load(PROJECT_LABELS)
