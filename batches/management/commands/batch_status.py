import json

from django.core.management.base import BaseCommand, CommandError

from batches.management.commands.process_batch import batch_document
from batches.models import Batch


class Command(BaseCommand):
    help = "Show a batch's status and metrics."

    def add_arguments(self, parser):
        parser.add_argument("batch_id", help="Batch number, or the file's batchId.")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        batch = find_batch(opts["batch_id"])
        doc = batch_document(batch, with_results=False)
        if opts["json"]:
            self.stdout.write(json.dumps(doc, indent=2))
            return
        self.stdout.write(f"Batch #{batch.pk} {batch.name}: {batch.status}")
        for key, value in doc["metrics"].items():
            self.stdout.write(f"  {key}: {value}")


def find_batch(ref: str) -> Batch:
    batch = Batch.objects.filter(pk=int(ref)).first() if ref.isdigit() else None
    batch = batch or Batch.objects.filter(external_id=ref).first()
    if batch is None:
        raise CommandError(f"No batch {ref!r}.")
    return batch
