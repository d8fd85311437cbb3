from django.apps import AppConfig


class IngestionConfig(AppConfig):
    """Machine-facing ways in and out: API tokens, the SQS feed's rejection log."""

    name = "ingestion"
    verbose_name = "Ingestion and monitoring"
    default_auto_field = "django.db.models.BigAutoField"
