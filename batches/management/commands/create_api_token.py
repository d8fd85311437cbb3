"""Create an API token for a staff user and print it once (only its hash is kept)."""

from django.core.management.base import BaseCommand, CommandError

from ingestion.tokens import api_token_create


class Command(BaseCommand):
    help = "Create an API token for a staff user; the token is printed once and cannot be shown again."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for.")

    def handle(self, *args, **options):
        try:
            _, raw = api_token_create(username=options["username"], name=options["name"])
        except Exception as exc:  # noqa: BLE001 - DoesNotExist or not staff: one clear message
            raise CommandError(f"Cannot create a token: {exc}") from exc
        self.stdout.write(raw)
        self.stderr.write("Store it now: it is not shown again. Send it as 'Authorization: Bearer <token>'.")
