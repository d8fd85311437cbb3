"""Score the analyzer on labeled notices (the format of shared/samples/notices.json)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from batches.analysis.evaluation import FIELDS, evaluate
from batches.services.single import notice_assess
from templates_app.selectors import rules_as_dicts


class Command(BaseCommand):
    help = "Run the analyzer on LABELS.json and print per-field accuracy and every miss."

    def add_arguments(self, parser):
        parser.add_argument("labels", help="Labeled notices: a JSON list of {id, extracted_text, ...}.")
        parser.add_argument("--analyzer", choices=["rules", "openai"], default=None)
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args, **opts):
        labels = self._load(opts["labels"])
        analyzer = opts["analyzer"] or settings.TENANTARMOR_ANALYZER
        rules = _rules()
        report = evaluate(
            labels,
            lambda label: notice_assess(
                text=label["extracted_text"],
                state=label.get("user_selected_state"),
                analyzer_name=analyzer,
                rules=rules,
            ),
        )
        if opts["json"]:
            self.stdout.write(json.dumps(report, indent=2))
            return
        self.stdout.write(f"{report['total']} labeled notices, analyzer '{analyzer}'")
        for field in FIELDS:
            stats = report["fields"][field]
            accuracy = "n/a" if stats["accuracy"] is None else f"{stats['accuracy']:.1%}"
            self.stdout.write(f"  {field:<22} {accuracy:>7}  ({stats['correct']}/{stats['scored']})")
        for miss in report["misses"]:
            self.stdout.write(
                f"  MISS {miss['id']} {miss['field']}: expected {miss['expected']!r}, got {miss['actual']!r}"
            )

    def _load(self, path: str) -> list[dict]:
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            labels = json.loads(file.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise CommandError(f"{path} is not valid JSON: {exc}") from exc
        if not isinstance(labels, list) or not all(isinstance(x, dict) and "extracted_text" in x for x in labels):
            raise CommandError(f"{path} must be a JSON list of labeled notices with 'extracted_text'.")
        return labels


def _rules() -> list[dict]:
    """The rules staff maintain in the database; the shipped defaults when none are loaded."""
    rules = rules_as_dicts()
    if rules:
        return rules
    from templates_app.defaults.state_rules import STATE_RULES

    return [dict(rule) for rule in STATE_RULES]
