from django.core.management.base import BaseCommand, CommandError

from templates_app.services import LoadReport, rules_load_defaults, templates_load_defaults

REVIEW_LINES = 10  # `make setup` prints this on every start: list a few, count the rest


class Command(BaseCommand):
    help = (
        "Load the default eviction templates and state notice rules (idempotent): create missing rows, "
        "upgrade rows nobody edited to a changed default, keep staff edits."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Also reset staff-edited defaults to the shipped text."
        )
        parser.add_argument(
            "--reviewed",
            action="store_true",
            help="Keep the staff edits listed for review and stop listing them until their default changes again.",
        )

    def handle(self, *args, **opts):
        from templates_app.defaults.prompts import DEFAULT_PROMPTS
        from templates_app.defaults.state_rules import STATE_RULES
        from templates_app.defaults.templates import DEFAULT_TEMPLATES

        if opts["force"] and opts["reviewed"]:
            raise CommandError("--force resets staff edits, --reviewed keeps them: give one of them.")
        mode = {"force": opts["force"], "reviewed": opts["reviewed"]}
        for label, report in (
            ("templates", templates_load_defaults(templates=DEFAULT_TEMPLATES + DEFAULT_PROMPTS, **mode)),
            ("notice rules", rules_load_defaults(rules=STATE_RULES, **mode)),
        ):
            self.stdout.write(f"{label}: {summary(report)}")
            self._review(report, verbose=opts["verbosity"] > 1)

    def _review(self, report: LoadReport, *, verbose: bool) -> None:
        shown = report.review if verbose else report.review[:REVIEW_LINES]
        for entry in shown:
            self.stdout.write(f"  kept (edited by staff); the shipped default changed — review: {entry}")
        if len(shown) < len(report.review):
            self.stdout.write(f"  ... and {len(report.review) - len(shown)} more (-v 2 lists them all)")
        if report.review:
            # --reviewed marks every listed row, the ones cut from this output too: say so.
            count = f"all {len(report.review)}" if len(shown) < len(report.review) else "them"
            self.stdout.write(
                f"  after review, `manage.py load_default_templates --reviewed` keeps {count} and stops the list"
            )


def summary(report: LoadReport) -> str:
    """One line; a count that is zero is left out (except unchanged, so the line is never empty)."""
    parts = [
        (report.created, "created"),
        (report.updated, "updated to the new default"),
        (report.reset, "reset to the default (--force)"),
        (report.unchanged, "unchanged"),
        (report.kept_edits, "kept (edited by staff)"),
        (report.marked_reviewed, "of them marked reviewed"),
    ]
    return ", ".join(f"{n} {what}" for n, what in parts if n or what == "unchanged")
