import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from batches.exports import write_csv, write_jsonl
from batches.management.commands.batch_status import find_batch


class Command(BaseCommand):
    help = "Export a batch's results as JSON Lines or CSV (formula cells escaped)."

    def add_arguments(self, parser):
        parser.add_argument("batch_id")
        parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
        parser.add_argument("--output", help="File to write (default: standard output).")

    def handle(self, *args, **opts):
        batch = find_batch(opts["batch_id"])
        writer = write_csv if opts["format"] == "csv" else write_jsonl
        if opts["output"]:
            with Path(opts["output"]).open("w", encoding="utf-8", newline="") as out:
                count = writer(batch, out)
            self.stderr.write(f"Wrote {count} rows to {opts['output']}")
        else:
            writer(batch, sys.stdout)
