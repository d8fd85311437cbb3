"""Machine access: API tokens for the ingestion API and /metrics, and the record of every
feed message we refused (so staff see why a partner's batch never appeared)."""

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A bearer token for the ingestion API. Only its SHA-256 is stored; the token itself
    is printed once by `create_api_token`."""

    name = models.CharField(max_length=100, blank=True, help_text="What the token is for (e.g. the partner feed).")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text="Staff user the token acts as; an inactive or non-staff user's token is refused.",
    )
    token_hash = models.CharField(
        max_length=64, unique=True, editable=False, help_text="SHA-256 hex digest of the token (never the token)."
    )
    prefix = models.CharField(
        max_length=12, editable=False, help_text="First characters of the token, to tell tokens apart."
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text="When the token was created.")
    last_used_at = models.DateTimeField(null=True, blank=True, help_text="Last successful request with the token.")
    revoked_at = models.DateTimeField(null=True, blank=True, help_text="When set, the token is refused.")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name or self.user_id})"


class RejectionSource(models.TextChoices):
    SQS = "sqs", "SQS feed"
    API = "api", "Ingestion API"
    ADMIN = "admin", "Admin upload"


class IngestRejection(models.Model):
    """A feed message, API upload or admin upload that was not ingested, and why. Never holds
    notice text, form data or the upload's filename: an SQS message stays on the queue for
    its dead-letter redrive, an API caller got the row errors in its 400 response, a staff
    member saw them on the upload page."""

    source = models.CharField(
        max_length=8, choices=RejectionSource.choices, help_text="Where the message or upload came from."
    )
    queue_url = models.CharField(
        max_length=500,
        blank=True,
        help_text="The SQS queue the message was read from (blank for the API and the admin).",
    )
    message_id = models.CharField(
        max_length=128, blank=True, db_index=True, help_text="The SQS MessageId (blank for the API and the admin)."
    )
    batch_external_id = models.CharField(
        max_length=128, blank=True, help_text="The message's batchId, when it could be read."
    )
    reason = models.TextField(help_text="Why the message was refused (row errors or 'duplicate'), without notice text.")
    duplicate = models.BooleanField(
        default=False, help_text="The batchId was already ingested; nothing was created (an SQS message is deleted)."
    )
    receive_count = models.PositiveIntegerField(
        default=1,
        help_text=(
            "SQS ApproximateReceiveCount: how often the queue delivered this message (1 for the API and the admin)."
        ),
    )
    received_at = models.DateTimeField(auto_now_add=True, db_index=True, help_text="When we refused it.")

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.source} {self.message_id or self.pk}"
