"""Batches of eviction notices and their items. The item rows, not the task queue, are the
truth about progress: every transition is a conditional update on these tables."""

from django.conf import settings
from django.db import models


class BatchStatus(models.TextChoices):
    DRAFT = "DRAFT", "Draft"
    QUEUED = "QUEUED", "Queued"
    RUNNING = "RUNNING", "Running"
    PAUSED = "PAUSED", "Paused"
    COMPLETED = "COMPLETED", "Completed"
    COMPLETED_WITH_ERRORS = "COMPLETED_WITH_ERRORS", "Completed with errors"
    FAILED = "FAILED", "Failed"
    CANCELLED = "CANCELLED", "Cancelled"


BATCH_ACTIVE = (BatchStatus.QUEUED, BatchStatus.RUNNING)
BATCH_TERMINAL = (
    BatchStatus.COMPLETED,
    BatchStatus.COMPLETED_WITH_ERRORS,
    BatchStatus.FAILED,
    BatchStatus.CANCELLED,
)


class ItemStatus(models.TextChoices):
    PENDING = "PENDING", "Pending"
    EXTRACTING = "EXTRACTING", "Extracting text"
    PROCESSING = "PROCESSING", "Processing"
    ANALYSIS_COMPLETE = "ANALYSIS_COMPLETE", "Analysis complete"
    FAILED = "FAILED", "Failed"
    CANCELLED = "CANCELLED", "Cancelled"


ITEM_TERMINAL = (ItemStatus.ANALYSIS_COMPLETE, ItemStatus.FAILED, ItemStatus.CANCELLED)


class ErrorCategory(models.TextChoices):
    VALIDATION = "VALIDATION", "Invalid input"
    TEMPLATE_NOT_FOUND = "TEMPLATE_NOT_FOUND", "Template not found"
    TEXT_EXTRACTION_FAILED = "TEXT_EXTRACTION_FAILED", "Text extraction failed"
    LLM_RATE_LIMITED = "LLM_RATE_LIMITED", "LLM rate limited"
    LLM_TIMEOUT = "LLM_TIMEOUT", "LLM timeout"
    LLM_UNAVAILABLE = "LLM_UNAVAILABLE", "LLM unavailable"
    LLM_AUTH = "LLM_AUTH", "LLM authentication"
    LLM_QUOTA = "LLM_QUOTA", "LLM quota exhausted"
    LLM_BAD_REQUEST = "LLM_BAD_REQUEST", "LLM rejected the request"
    LLM_BAD_OUTPUT = "LLM_BAD_OUTPUT", "LLM output unusable"
    WORKER_LOST = "WORKER_LOST", "Worker lost"
    CANCELLED = "CANCELLED", "Cancelled"
    INTERNAL = "INTERNAL", "Internal error"


class Analyzer(models.TextChoices):
    RULES = "rules", "Rules engine (offline)"
    OPENAI = "openai", "OpenAI-compatible LLM"


class Batch(models.Model):
    """One uploaded batch. Metrics are computed from its items by `batches.selectors`."""

    name = models.CharField(max_length=200, help_text="Staff-facing name of the batch.")
    external_id = models.CharField(
        max_length=128,
        unique=True,
        null=True,
        blank=True,
        help_text="The `batchId` from the uploaded file or SQS event; a repeated id is not ingested twice.",
    )
    status = models.CharField(
        max_length=24,
        choices=BatchStatus.choices,
        default=BatchStatus.DRAFT,
        db_index=True,
        help_text="DRAFT until launched; QUEUED/RUNNING while workers process it; then a final status.",
    )
    analyzer = models.CharField(
        max_length=16,
        choices=Analyzer.choices,
        default=Analyzer.RULES,
        help_text="Which analyzer extracts the notice facts.",
    )
    concurrency = models.PositiveSmallIntegerField(
        default=5, help_text="How many items of this batch are analysed at the same time."
    )
    source_format = models.CharField(
        max_length=16, blank=True, help_text="Format of the uploaded file (sqs-event, jsonl, csv, ...)."
    )
    source_name = models.CharField(max_length=255, blank=True, help_text="Original file name of the upload.")
    source_file = models.FileField(
        upload_to="batches/%Y/%m/", blank=True, help_text="The uploaded file as received (stored privately)."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Staff user who uploaded the batch.",
    )
    template_versions = models.JSONField(
        default=dict,
        blank=True,
        help_text="Template versions pinned when the batch was launched: {cache key: version}.",
    )
    status_message = models.TextField(
        blank=True, help_text="Why the batch is paused or failed, in words staff can act on."
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text="When the batch was uploaded.")
    queued_at = models.DateTimeField(null=True, blank=True, help_text="When the batch was launched.")
    started_at = models.DateTimeField(null=True, blank=True, help_text="When a worker first picked it up.")
    finished_at = models.DateTimeField(null=True, blank=True, help_text="When its last item finished.")

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "batches"
        # Staff groups (templates_app setup): operators get all three plus add/change/view;
        # reviewers get view + retry_items + export_results.
        permissions = [
            ("launch_batch", "Can launch, cancel and resume batches"),
            ("retry_items", "Can retry failed batch items"),
            ("export_results", "Can export batch results"),
        ]

    def __str__(self) -> str:
        return f"Batch #{self.pk} {self.name}"


class BatchItem(models.Model):
    """One notice in a batch. Carries the request fields, the processing state (lease,
    attempts, timings) and the result. `__str__` is free of personal data on purpose:
    the admin log stores it."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="items", help_text="Owning batch.")
    row_number = models.PositiveIntegerField(help_text="Position of the item in the uploaded file.")
    analysis_id = models.CharField(max_length=128, unique=True, help_text="The request's `analysisId`.")
    user_id = models.CharField(max_length=128, blank=True, db_index=True, help_text="The request's `userId`.")
    user_selected_state = models.CharField(
        max_length=2, blank=True, help_text="State the user selected (normalised USPS code)."
    )
    user_form_data = models.JSONField(
        default=dict, blank=True, help_text="The request's `userFormData` (tenantName, landlordName, ...)."
    )
    is_image_upload = models.BooleanField(default=False, help_text="The notice arrived as an image.")
    extracted_text = models.TextField(help_text="The notice text to analyse (personal data).")
    reason_guess = models.CharField(
        max_length=32, blank=True, help_text="Reason guessed at upload (used to pre-warm templates)."
    )
    status = models.CharField(
        max_length=20,
        choices=ItemStatus.choices,
        default=ItemStatus.PENDING,
        help_text="PENDING -> PROCESSING -> ANALYSIS_COMPLETE | FAILED (or CANCELLED).",
    )
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="Processing attempts, counted when the item is claimed (before any work)."
    )
    lease_owner = models.CharField(max_length=64, blank=True, help_text="Worker that holds the item's lease.")
    lease_expires_at = models.DateTimeField(
        null=True, blank=True, help_text="When the lease lapses and the reconciler may re-queue the item."
    )
    retry_after_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Not claimed again before this time: set when the LLM asked us to wait (429 Retry-After).",
    )
    error = models.TextField(blank=True, help_text="Why the item failed, readable by staff.")
    error_category = models.CharField(
        max_length=32, choices=ErrorCategory.choices, blank=True, db_index=True, help_text="Failure class."
    )
    state = models.CharField(max_length=2, blank=True, help_text="State whose law governs the notice.")
    reason = models.CharField(max_length=32, blank=True, help_text="Reason found by the analysis.")
    analyzer = models.CharField(max_length=16, blank=True, help_text="Analyzer that produced the result.")
    analysis_results = models.JSONField(
        null=True,
        blank=True,
        help_text="The versioned analysisResults document (notice, compliance, response...).",
    )
    template_versions = models.JSONField(
        default=dict, blank=True, help_text="Templates used for the result: {type: {id, key, version}}."
    )
    fallback_used = models.BooleanField(default=False, help_text="A general template stood in for a state one.")
    cache_hits = models.PositiveSmallIntegerField(default=0, help_text="Template lookups served from cache.")
    cache_misses = models.PositiveSmallIntegerField(default=0, help_text="Template lookups read from the database.")
    tokens = models.PositiveIntegerField(default=0, help_text="LLM tokens used (0 for the rules analyzer).")
    processing_ms = models.PositiveIntegerField(null=True, blank=True, help_text="Time spent analysing the item.")
    started_at = models.DateTimeField(null=True, blank=True, help_text="When the last attempt started.")
    finished_at = models.DateTimeField(null=True, blank=True, help_text="When the item reached a final status.")
    created_at = models.DateTimeField(auto_now_add=True, help_text="When the item was uploaded.")

    class Meta:
        ordering = ["batch_id", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "row_number"], name="uniq_item_batch_row"),
            # One result per item lives on the row itself (analysis_id is unique); a completed
            # item without its result would be a lost result, so the database refuses it.
            models.CheckConstraint(
                condition=~models.Q(status="ANALYSIS_COMPLETE") | models.Q(analysis_results__isnull=False),
                name="item_complete_has_result",
            ),
        ]
        indexes = [
            models.Index(fields=["batch", "status"], name="item_batch_status"),
            models.Index(fields=["status", "lease_expires_at"], name="item_status_lease"),
            # Covering indexes for batch_metrics and the admin at 100,000s of items: the
            # notice text makes rows wide, so reading these small columns from the index
            # instead of the table is ~6x faster (SQLite and PostgreSQL index-only scans).
            models.Index(
                fields=["batch", "status", "processing_ms", "cache_hits", "cache_misses", "tokens", "fallback_used"],
                name="item_batch_metrics",
            ),
            models.Index(fields=["batch", "state"], name="item_batch_state"),
            models.Index(fields=["batch", "reason"], name="item_batch_reason"),
        ]

    def __str__(self) -> str:
        return f"Item {self.analysis_id}"


class RateLimitWindow(models.Model):
    """One fixed one-minute window of a shared rate limit (requests or tokens per minute).
    Every worker process spends from the same row with a conditional UPDATE, so the limit
    holds across processes and machines without a lock server."""

    key = models.CharField(max_length=64, unique=True, help_text="Which limit: llm:rpm, llm:tpm, batch:<id>:rpm.")
    window_start = models.DateTimeField(help_text="Start of the current one-minute window.")
    used = models.PositiveBigIntegerField(default=0, help_text="Requests or tokens spent in this window.")

    def __str__(self) -> str:
        return f"{self.key} ({self.used} used)"


# --- Documents (issue 8): a notice that arrived as a PDF or image ---------------------


class DocumentKind(models.TextChoices):
    PDF = "pdf", "PDF"
    IMAGE = "image", "Image (PNG, JPEG, TIFF)"


class ExtractionMethod(models.TextChoices):
    PDF_TEXT = "pdf-text", "PDF text layer"
    TESSERACT = "tesseract", "OCR (Tesseract)"
    TEXTRACT = "textract", "OCR (AWS Textract)"
    TEXT = "text", "Plain text"


def document_upload_to(instance, filename: str) -> str:
    """documents/<year>/<month>/<uuid>.<ext>: never the uploaded name. `filename` is the
    generated "document.<ext>" from batches.extraction.storage; only its extension is kept."""
    import uuid

    from django.utils import timezone

    extension = filename.rsplit(".", 1)[-1].lower()
    if extension not in ("pdf", "png", "jpg", "tif"):
        extension = "bin"
    return timezone.now().strftime(f"documents/%Y/%m/{uuid.uuid4().hex}.{extension}")


class ItemDocument(models.Model):
    """The original file of an item that arrived as a PDF or image, and how its text was
    extracted. The file is stored under a generated name; the original name is display-only."""

    item = models.OneToOneField(
        BatchItem, on_delete=models.CASCADE, related_name="document", help_text="The item this document belongs to."
    )
    file = models.FileField(
        upload_to=document_upload_to,
        max_length=255,
        help_text="The document as received, stored privately under a generated name (documents/YYYY/MM/uuid.ext).",
    )
    original_name = models.CharField(
        max_length=300, blank=True, help_text="Name inside the uploaded ZIP, escaped; for display only, never a path."
    )
    kind = models.CharField(max_length=8, choices=DocumentKind.choices, help_text="PDF or image, from its content.")
    size = models.PositiveBigIntegerField(help_text="Size of the stored file in bytes.")
    sha256 = models.CharField(max_length=64, help_text="SHA-256 of the file, checked before extraction.")
    page_count = models.PositiveIntegerField(
        null=True, blank=True, help_text="Pages (PDF) or frames (TIFF) read when the text was extracted."
    )
    extraction_method = models.CharField(
        max_length=16,
        choices=ExtractionMethod.choices,
        blank=True,
        help_text="How the text was obtained: PDF text layer, Tesseract OCR, AWS Textract or plain text.",
    )
    extraction_confidence = models.FloatField(
        null=True,
        blank=True,
        help_text="0..1: 1.0 for a text layer; the mean OCR word confidence otherwise. Low values deserve review.",
    )
    extracted_at = models.DateTimeField(null=True, blank=True, help_text="When the text was last extracted.")
    extraction_error = models.TextField(
        blank=True, help_text="Why extraction failed (encrypted PDF, too many pages, no text found...)."
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text="When the document was stored.")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(extraction_confidence__isnull=True)
                | models.Q(extraction_confidence__gte=0, extraction_confidence__lte=1),
                name="itemdocument_confidence_0_1",
            ),
        ]

    def __str__(self) -> str:
        return f"Document of item #{self.item_id} ({self.kind})"
