import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from batches.services.single import notice_analyze
from templates_app.models import US_STATES


class Command(BaseCommand):
    help = "Analyse one notice (a text file, or - for standard input) and print the JSON result."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--state", required=True, help="The state the user selected (USPS code).")
        parser.add_argument("--analyzer", choices=["rules", "openai"], default=None)

    def handle(self, *args, **opts):
        state = opts["state"].strip().upper()
        if state not in US_STATES:
            raise CommandError(f"--state {opts['state']!r} is not a US state code.")
        text = sys.stdin.read() if opts["file"] == "-" else self._read(opts["file"])
        if not text.strip():
            raise CommandError("The notice text is empty.")
        result = notice_analyze(text=text, state=state, analyzer_name=opts["analyzer"] or settings.TENANTARMOR_ANALYZER)
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))

    def _read(self, path: str) -> str:
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        return file.read_text(encoding="utf-8-sig")
