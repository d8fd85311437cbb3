from django.core.management.base import BaseCommand, CommandError

from templates_app.access import MissingPermissions, staff_groups_setup


class Command(BaseCommand):
    help = "Create or repair the staff groups: operators, template editors, reviewers (idempotent)."

    def handle(self, *args, **opts):
        try:
            report = staff_groups_setup()
        except MissingPermissions as exc:
            raise CommandError(str(exc)) from exc
        for name, count in report.items():
            self.stdout.write(f"group {name!r}: {count} permissions")
        self.stdout.write("Add staff users to a group under Authentication and Authorization > Users.")
