"""Admin forms: the two upload steps and the retry choice. Forms validate; services act."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.template.defaultfilters import filesizeformat

from batches.models import Analyzer
from batches.services.ingest import UploadOptions

UPLOAD_FORMATS_HELP = (
    'An SQS event ({"Records": [...]}), a batch body ({"batchRequests": [...]}), a JSON list of '
    "requests, JSON Lines (one request per line), CSV with a header row, or a ZIP of notice documents."
)
START_CHOICES = [("launch", "Launch now"), ("draft", "Save as draft")]


def _default_concurrency() -> int:
    return settings.BATCH_CONCURRENCY


class BatchOptionsForm(forms.Form):
    """The options both steps carry: the preview repeats them as hidden fields."""

    name = forms.CharField(
        max_length=200, required=False, help_text="Staff-facing name. Default: the file's batchId or file name."
    )
    concurrency = forms.IntegerField(
        min_value=1,
        initial=_default_concurrency,
        help_text="How many items of this batch are analysed at the same time.",
    )
    analyzer = forms.ChoiceField(choices=Analyzer.choices, initial=Analyzer.RULES)
    start = forms.ChoiceField(choices=START_CHOICES, initial="launch", widget=forms.RadioSelect, label="When confirmed")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        concurrency = self.fields["concurrency"]
        concurrency.validators.append(MaxValueValidator(settings.BATCH_MAX_CONCURRENCY))
        concurrency.widget.attrs["max"] = settings.BATCH_MAX_CONCURRENCY
        concurrency.help_text += f" At most {settings.BATCH_MAX_CONCURRENCY}."

    def upload_options(self, *, user, skip_invalid: bool) -> UploadOptions:
        data = self.cleaned_data
        return UploadOptions(
            name=data["name"],
            analyzer=data["analyzer"],
            concurrency=data["concurrency"],
            launch=data["start"] == "launch",
            skip_invalid=skip_invalid,
            user=user,
        )


class BatchUploadForm(BatchOptionsForm):
    file = forms.FileField(
        help_text=UPLOAD_FORMATS_HELP,
        widget=forms.ClearableFileInput(
            attrs={"accept": ".json,.jsonl,.ndjson,.csv,.txt,.zip,application/json,text/csv,application/zip"}
        ),
    )

    field_order = ["file", "name", "concurrency", "analyzer", "start"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is {filesizeformat(upload.size)}; the limit is {filesizeformat(limit)} "
                f"(UPLOAD_MAX_BYTES). Split it into smaller files, or use `manage.py process_batch`."
            )
        return upload


class BatchConfirmForm(BatchOptionsForm):
    """Step 2: the token of the stashed file, the repeated options, and skip-invalid."""

    token = forms.CharField(max_length=64, widget=forms.HiddenInput)
    filename = forms.CharField(max_length=255, required=False, widget=forms.HiddenInput)
    skip_invalid = forms.BooleanField(
        required=False, label="Skip invalid rows", help_text="Create the batch from the valid rows only."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "concurrency", "analyzer", "start"):
            self.fields[name].widget = forms.HiddenInput()


class RetryForm(forms.Form):
    templates = forms.ChoiceField(
        choices=[
            ("same", "Same template versions (the ones the batch pinned)"),
            ("latest", "Latest template versions (pick up template edits)"),
        ],
        initial="same",
        widget=forms.RadioSelect,
        label="Templates for the retried items",
    )

    @property
    def latest_templates(self) -> bool:
        return self.cleaned_data["templates"] == "latest"
