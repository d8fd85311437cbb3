"""Move the test database's templates_app schema to a migration and back, for the tests of
data migrations (which must restore the code's schema in `finally`)."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(target: tuple[str, str]):
    """Migrate to `target`; the historical apps registry of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def migrate_to_latest() -> None:
    """Back to the schema the code expects (the app's leaf migration)."""
    migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes("templates_app")[0])
