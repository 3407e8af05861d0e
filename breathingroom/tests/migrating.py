"""Moving the test database back to an older schema and forward again, for the tests of a data migration.

Going back unapplies every app whose migrations depend on the ones named, not only the app under
test (the dance's episodes follow breaks, say). So coming forward must bring every app back to its
latest migration, or the tests that run after it in the same process find tables missing.
"""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps


def migrate(targets: list[tuple[str, str | None]]) -> StateApps:
    """The database moved to ``targets``; answers the models as they were there."""
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def back_to_latest() -> None:
    """Every app at its latest migration again."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
