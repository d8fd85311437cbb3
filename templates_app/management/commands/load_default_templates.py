from django.core.management.base import BaseCommand

from templates_app.services import rules_load_defaults, templates_load_defaults


class Command(BaseCommand):
    help = "Load the default eviction templates and state notice rules (idempotent; keeps staff edits)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Reset edited defaults to the shipped text.")

    def handle(self, *args, **opts):
        from templates_app.defaults.prompts import DEFAULT_PROMPTS
        from templates_app.defaults.state_rules import STATE_RULES
        from templates_app.defaults.templates import DEFAULT_TEMPLATES

        for label, report in (
            ("templates", templates_load_defaults(templates=DEFAULT_TEMPLATES + DEFAULT_PROMPTS, force=opts["force"])),
            ("notice rules", rules_load_defaults(rules=STATE_RULES, force=opts["force"])),
        ):
            self.stdout.write(
                f"{label}: {report.created} created, {report.updated} reset, {report.unchanged} unchanged, "
                f"{report.kept_edits} edited by staff and kept"
            )
