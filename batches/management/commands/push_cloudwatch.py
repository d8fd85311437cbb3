"""Push the batch and cache metrics to CloudWatch (CLOUDWATCH_NAMESPACE), once or in a loop."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from batches.monitoring import cloudwatch_push


class Command(BaseCommand):
    help = "Send batch/item/cache metrics to CloudWatch with put_metric_data."

    def add_arguments(self, parser):
        parser.add_argument("--namespace", default=settings.CLOUDWATCH_NAMESPACE)
        parser.add_argument("--every", type=float, default=0, help="Repeat every N seconds (0 = once).")

    def handle(self, *args, **options):
        namespace = options["namespace"]
        if not namespace:
            raise CommandError("Set CLOUDWATCH_NAMESPACE (or pass --namespace).")
        while True:
            count = cloudwatch_push(namespace=namespace)
            self.stdout.write(f"pushed {count} metric(s) to {namespace}")
            if not options["every"]:
                return
            time.sleep(options["every"])
