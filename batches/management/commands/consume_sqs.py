"""Long-poll the SQS event feed; one batch per message (batches/services/sqs.py)."""

import signal

from django.conf import settings
from django.core.management.base import BaseCommand

from batches.services.sqs import sqs_client, sqs_consume


class Command(BaseCommand):
    help = "Consume the SQS batch feed: create and launch one batch per message."

    def add_arguments(self, parser):
        parser.add_argument("--queue-url", required=True, help="The SQS queue URL.")
        parser.add_argument("--once", action="store_true", help="Receive once, handle what came, exit.")
        parser.add_argument("--wait-seconds", type=int, default=settings.SQS_WAIT_SECONDS, help="Long-poll (0-20).")
        parser.add_argument("--endpoint-url", default="", help="SQS endpoint (default SQS_ENDPOINT_URL / AWS).")

    def handle(self, *args, **options):
        stopping = []
        # SIGTERM: finish the message in hand, then exit (no half-ingested batch).
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        counts = sqs_consume(
            queue_url=options["queue_url"],
            wait_seconds=max(0, min(20, options["wait_seconds"])),
            once=options["once"],
            client=sqs_client(endpoint_url=options["endpoint_url"] or None),
            should_stop=lambda: bool(stopping),
        )
        summary = ", ".join(f"{k}={counts.get(k, 0)}" for k in ("ingested", "duplicate", "rejected"))
        self.stdout.write(summary)
