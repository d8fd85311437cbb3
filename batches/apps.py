from django.apps import AppConfig


class BatchesConfig(AppConfig):
    name = "batches"
    verbose_name = "Batches"

    def ready(self) -> None:
        import batches.admin_documents  # noqa: F401 - ItemDocument admin (issue 8), in its own module
        from batches import checks, receivers  # noqa: F401 - register the system check and receivers
