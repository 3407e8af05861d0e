"""A copy of the database alone shows nothing readable of what people wrote."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from breathingroom.agreements.models import Agreement
from breathingroom.body.models import CheckIn
from breathingroom.breaks.models import Extension, NextTry, Preparation, Taker
from breathingroom.calm.models import UnsentNote
from breathingroom.vault.rotation import sealed_models
from breathingroom.vault.tests.conftest import COLUMNS, write_everything


def raw_rows(table: str) -> list[tuple[object, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (names from introspection)
        return list(cursor.fetchall())


def raw_column(table: str, column: str) -> list[str]:
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {qn(column)} FROM {qn(table)}")  # noqa: S608 (names from COLUMNS)
        return [value for (value,) in cursor.fetchall()]


def database_files() -> bytes:
    """The bytes of the database as a copy of it would have them."""
    if connection.vendor == "sqlite":
        database = Path(connection.settings_dict["NAME"])
        # Committed rows sit in the write-ahead log until a checkpoint copies them into the file.
        return b"".join(path.read_bytes() for path in (database, Path(f"{database}-wal")) if path.exists())
    # PostgreSQL: every table's own files, once a checkpoint has written them out.
    with connection.cursor() as cursor:
        cursor.execute("CHECKPOINT")
        cursor.execute("SHOW data_directory")
        [(directory,)] = cursor.fetchall()
        cursor.execute(
            "SELECT pg_relation_filepath(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 't')"
        )
        paths = [Path(directory) / path for (path,) in cursor.fetchall() if path]
        cursor.execute(
            "SELECT pg_relation_filepath(c.reltoastrelid) FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.reltoastrelid <> 0"
        )
        paths += [Path(directory) / path for (path,) in cursor.fetchall() if path]
    return b"".join(path.read_bytes() for path in paths if path.exists())


def test_every_encrypted_field_is_one_the_tests_write():
    fields = {(model._meta.db_table, f.column) for model, found in sealed_models() for f in found}
    assert fields == COLUMNS


@pytest.mark.django_db(transaction=True)
def test_the_columns_hold_only_tokens(alex, sam, couple):
    written = write_everything(alex, sam)
    for (table, column), texts in written.items():
        values = raw_column(table, column)
        assert values, (table, column)
        for value in values:
            assert value.startswith("gAAAA"), (table, column, value[:20])  # a Fernet token
            assert not any(text in value for text in texts), (table, column)


@pytest.mark.django_db(transaction=True)
def test_no_table_shows_the_words(alex, sam, couple):
    written = write_everything(alex, sam)
    texts = [text for found in written.values() for text in found]
    leaks = {
        (table, text)
        for table in connection.introspection.table_names()
        for row in raw_rows(table)
        for text in texts
        if text in repr(row)
    }
    assert leaks == set()


@pytest.mark.django_db(transaction=True)
def test_the_database_files_show_none_of_the_words(alex, sam, couple):
    written = write_everything(alex, sam)
    texts = [text for found in written.values() for text in found]
    data = database_files()
    assert len(data) > 0
    assert [text for text in texts if text.encode() in data] == []


@pytest.mark.django_db(transaction=True)
def test_people_still_read_their_own_words(alex, sam, couple):
    written = write_everything(alex, sam)

    def one(column: tuple[str, str]) -> str:
        [text] = written[column]
        return text

    check_in = CheckIn.objects.get(person=alex)
    assert (check_in.own_feeling, check_in.note) == (
        one(("body_checkin", "own_feeling")),
        one(("body_checkin", "note")),
    )
    assert (check_in.feelings, check_in.need) == (["anxious", "lonely"], "reassurance")
    assert UnsentNote.objects.get(person=alex).text == one(("calm_unsentnote", "text"))
    assert Taker.objects.get(person=alex).reassurance == one(("breaks_extension", "reassurance"))
    assert Extension.objects.get(person=alex).reassurance == one(("breaks_extension", "reassurance"))
    notes = Preparation.objects.get(person=sam)
    assert [notes.felt, notes.need, notes.my_part] == [
        one(("breaks_preparation", "felt")),
        one(("breaks_preparation", "need")),
        one(("breaks_preparation", "my_part")),
    ]
    assert NextTry.objects.get(person=alex).text == one(("breaks_nexttry", "text"))
    agreement = Agreement.objects.get()
    assert agreement.own_way == one(("agreements_agreement", "own_way"))
    assert sorted(agreement.words.values()) == sorted(written["agreements_agreement", "words"])
    assert agreement.terms().words_for(sam) == written["agreements_agreement", "words"][1]
