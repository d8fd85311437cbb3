from django.core.management.base import BaseCommand

from batches.services.schedules import schedules_ensure


class Command(BaseCommand):
    help = "Create or update the periodic django-q2 schedules (the reconciler). Idempotent."

    def handle(self, *args, **opts):
        for name, created in schedules_ensure():
            self.stdout.write(f"schedule {name}: {'created' if created else 'up to date'}")
