"""Every default template rendered against the analysis of every shared sample notice, exactly
as the renderer rendered it when the fixture was generated.

tests/templates_app/data/render_samples.json was generated at a3b1dcb (before rendering.py
became a package and before template_render stopped formatting build_render_context's values
a second time). It holds its own copy of the 44 default templates and of the rules analyzer's
analysis of the 14 shared samples, so edits to the defaults or the analyzer do not move it: it
pins the renderer only. It records each context (readable on failure) and the sha256 of each
render, the letter and court instructions both rendered with the context of the meta template
of the same state/reason, as a batch renders them.

After a deliberate change to what a rendered letter says, regenerate the recorded contexts and
hashes from the stored inputs: `.venv/bin/python -m tests.templates_app.test_render_samples`.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from templates_app.rendering import build_render_context, template_render

FIXTURE = Path(__file__).resolve().parent / "data" / "render_samples.json"
DATA = json.loads(FIXTURE.read_text(encoding="utf-8"))
TODAY = date.fromisoformat(DATA["today"])
META_METADATA = {(t["state"], t["reason"]): t["metadata"] for t in DATA["templates"] if t["template_type"] == "meta"}
ANALYSES = DATA["analyses"]
# Contexts are recorded per state: a meta template's metadata depends on its state only.
STATE_METADATA = {state: metadata for (state, _), metadata in META_METADATA.items()}


def _key(template: dict) -> str:
    return f"{template['state']}/{template['reason']}/{template['template_type']}"


def _context(analysis: dict, metadata: dict):
    return build_render_context(
        notice=analysis["notice"],
        compliance=analysis["compliance"],
        advice=analysis["advice"],
        meta_metadata=metadata,
        today=TODAY,
    )


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _renders(analysis: dict) -> dict[str, str]:
    return {
        _key(t): _sha256(template_render(t["content"], _context(analysis, META_METADATA[(t["state"], t["reason"])])))
        for t in DATA["templates"]
    }


def test_the_fixture_covers_every_sample_and_template():
    assert len(ANALYSES) == 14 and len(DATA["templates"]) == 44
    assert all(len(DATA["renders"][a["id"]]) == 44 for a in ANALYSES)
    assert all(metadata == STATE_METADATA[state] for (state, _), metadata in META_METADATA.items())


@pytest.mark.parametrize("analysis", ANALYSES, ids=[a["id"] for a in ANALYSES])
def test_context_is_the_recorded_text(analysis):
    for state, recorded in DATA["contexts"][analysis["id"]].items():
        assert dict(_context(analysis, STATE_METADATA[state])) == recorded, state


@pytest.mark.parametrize("analysis", ANALYSES, ids=[a["id"] for a in ANALYSES])
def test_every_default_template_renders_byte_for_byte_as_recorded(analysis):
    recorded = DATA["renders"][analysis["id"]]
    rendered = _renders(analysis)
    assert [key for key in recorded if rendered[key] != recorded[key]] == []


def _regenerate() -> None:
    for analysis in ANALYSES:
        DATA["contexts"][analysis["id"]] = {s: dict(_context(analysis, m)) for s, m in STATE_METADATA.items()}
        DATA["renders"][analysis["id"]] = _renders(analysis)
    FIXTURE.write_text(json.dumps(DATA, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    _regenerate()
