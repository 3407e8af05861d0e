"""Upgrading a database that already holds plain text encrypts it; going back opens it again."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from breathingroom.tests.migrating import back_to_latest
from breathingroom.vault.tests.conftest import COLUMNS, WRITERS, write_everything
from breathingroom.vault.tests.test_rotation import everything_read, raw_tokens

BEFORE_ENCRYPTION = [
    ("calm", "0001_initial"),
    ("breaks", "0001_initial"),
    ("agreements", "0001_initial"),
    ("events", "0001_events"),
]
# Columns that were encrypted from their first migration: no upgrade has plain text to find in them.
BORN_ENCRYPTED = {("notify_outgoingemail", "message"), ("agreements_agreement", "rhythm")}
# Apps that declare their own columns (``<app>/tests/vault.py``) all came after encryption.
BORN_ENCRYPTED |= {column for writer in WRITERS for column in writer.COLUMNS}


def migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_existing_rows_are_encrypted_by_the_upgrade_and_opened_by_a_downgrade(alex, sam, couple):
    written = write_everything(alex, sam)
    read = everything_read()
    try:
        migrate(BEFORE_ENCRYPTION)
        # Columns born encrypted may not exist yet at that point (SQLite would read a missing
        # column's quoted name as a string; PostgreSQL says it is missing).
        plain = raw_tokens(COLUMNS - BORN_ENCRYPTED)
        for column, texts in written.items():
            if column in BORN_ENCRYPTED:
                continue
            assert plain[column], column
            # Every value holds its words, except events, only some of which carry a reassurance.
            holding = [value for value in plain[column] if any(text in value for text in texts)]
            assert holding == plain[column] or (column == ("events_event", "data") and holding), column
    finally:
        back_to_latest()
    encrypted = raw_tokens()
    assert set(encrypted) == COLUMNS
    for column, texts in written.items():
        assert all(value.startswith("gAAAA") for value in encrypted[column] if value), column
        assert not any(text in value for text in texts for value in encrypted[column]), column
    assert everything_read() == read
