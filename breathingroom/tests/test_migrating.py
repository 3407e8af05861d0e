"""A test that moves the schema back must bring every app forward again, through ``migrating``."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from breathingroom.tests.migrating import back_to_latest, migrate

ROOT = Path(__file__).resolve().parents[1]


def test_every_test_that_migrates_back_comes_forward_with_every_app():
    migrating = [
        path.relative_to(ROOT)
        for path in ROOT.rglob("test_*.py")
        if "MigrationExecutor" in (text := path.read_text()) and path.name != Path(__file__).name
        if "back_to_latest" not in text
    ]
    assert migrating == [], "These go back without coming forward with every app: use tests.migrating"


@pytest.mark.django_db(transaction=True)
def test_going_back_before_breaks_took_the_dance_with_it_and_coming_forward_brings_it_back():
    def tables() -> set[str]:
        with connection.cursor() as cursor:
            return set(connection.introspection.table_names(cursor))

    try:
        migrate([("breaks", "0001_initial")])
        assert "dance_episode" not in tables()
    finally:
        back_to_latest()
    assert "dance_episode" in tables()
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
