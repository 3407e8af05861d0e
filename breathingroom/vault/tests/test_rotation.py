"""Changing keys: a new key goes first, everything is encrypted again with it, the old key can go."""

from __future__ import annotations

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection

from breathingroom.agreements.models import Agreement
from breathingroom.body.models import CheckIn
from breathingroom.breaks.models import Extension, NextTry, Preparation, Taker
from breathingroom.calm.models import UnsentNote
from breathingroom.events.models import Event
from breathingroom.vault import keys, rotation
from breathingroom.vault.tests.conftest import COLUMNS, new_key, write_everything


def raw_tokens(columns: set[tuple[str, str]] = COLUMNS) -> dict[tuple[str, str], list[str]]:
    qn = connection.ops.quote_name
    tokens = {}
    with connection.cursor() as cursor:
        for table, column in sorted(columns):
            cursor.execute(f"SELECT {qn(column)} FROM {qn(table)} ORDER BY 1")  # noqa: S608 (fixed names)
            tokens[table, column] = [value for (value,) in cursor.fetchall()]
    return tokens


def everything_read() -> list[object]:
    """Every encrypted value, read the way the app reads it."""
    check_ins = [(c.feelings, c.need, c.own_feeling, c.note) for c in CheckIn.objects.order_by("pk")]
    return [
        check_ins,
        [n.text for n in UnsentNote.objects.order_by("pk")],
        [t.reassurance for t in Taker.objects.order_by("pk")],
        [e.reassurance for e in Extension.objects.order_by("pk")],
        [(p.felt, p.need, p.my_part) for p in Preparation.objects.order_by("pk")],
        [t.text for t in NextTry.objects.order_by("pk")],
        [(a.own_way, a.words) for a in Agreement.objects.order_by("pk")],
    ]


def rows_holding_tokens() -> int:
    """Rows with at least one encrypted value, counted from the tables themselves: each app's rows."""
    qn = connection.ops.quote_name
    total = 0
    with connection.cursor() as cursor:
        for model, fields in rotation.sealed_models():
            holding = " OR ".join(f"({qn(f.column)} IS NOT NULL AND {qn(f.column)} <> '')" for f in fields)
            cursor.execute(f"SELECT COUNT(*) FROM {qn(model._meta.db_table)} WHERE {holding}")  # noqa: S608
            total += cursor.fetchone()[0]
    return total


def test_rotating_lets_the_old_key_go(settings, old_key, alex, sam, couple):
    # The key comes first: pairing already writes events, which are encrypted too.
    write_everything(alex, sam)
    UnsentNote.objects.create(person=alex, text="a second note")
    before, tokens_before = everything_read(), raw_tokens()
    newest = new_key()
    settings.ENCRYPTION_KEYS = [newest, old_key]

    touched = rotation.rotate_all(batch_size=1)

    # Each row once, however many encrypted columns it has: 2 notes, 1 taker, 1 extension, 1
    # preparation, 1 next try, the agreement's 1 version, 1 waiting email, every event, and the rows
    # each app's own writer made.
    assert touched == rows_holding_tokens()
    assert touched >= 8 + Event.objects.count()
    settings.ENCRYPTION_KEYS = [newest]
    assert everything_read() == before
    tokens_after = raw_tokens()
    for column, tokens in tokens_after.items():
        assert all(Fernet(newest).decrypt(t.encode()) for t in tokens if t), column
        assert set(tokens).isdisjoint(t for t in tokens_before[column] if t), column


def test_rotating_keeps_empty_text_empty(settings, alex, old_key):
    UnsentNote.objects.create(person=alex, text="")
    settings.ENCRYPTION_KEYS = [new_key(), old_key]
    assert rotation.rotate_all() == 0
    assert raw_tokens()["calm_unsentnote", "text"] == [""]


def test_the_command_says_how_many_rows_it_touched(settings, alex, old_key):
    for n in range(3):
        UnsentNote.objects.create(person=alex, text=f"note {n}")
    newest = new_key()
    settings.ENCRYPTION_KEYS = [newest, old_key]
    out = StringIO()
    call_command("rotate_encryption_keys", "--batch-size", "2", stdout=out)
    assert "calm.UnsentNote: 3 rows" in out.getvalue()
    assert "Encrypted 3 rows again with the first key." in out.getvalue()
    settings.ENCRYPTION_KEYS = [newest]
    assert sorted(n.text for n in UnsentNote.objects.all()) == ["note 0", "note 1", "note 2"]


def test_the_command_stops_clearly_when_a_key_is_already_gone(settings, alex, old_key):
    UnsentNote.objects.create(person=alex, text="only the old key opens this")
    settings.ENCRYPTION_KEYS = [new_key()]
    before = raw_tokens()
    with pytest.raises(CommandError, match=r"calm\.UnsentNote\.text \(row [0-9a-f-]+\): .*cannot be opened") as error:
        call_command("rotate_encryption_keys", stdout=StringIO())
    assert "only the old key" not in str(error.value)
    assert raw_tokens() == before  # nothing half done


def test_the_command_prints_a_fresh_key(old_key):
    out = StringIO()
    call_command("rotate_encryption_keys", "--new-key", stdout=out)
    key = out.getvalue().strip()
    assert key != old_key
    assert Fernet(key).decrypt(Fernet(key).encrypt(b"works")) == b"works"


def test_rotating_with_one_key_changes_nothing_anyone_reads(alex, old_key):
    UnsentNote.objects.create(person=alex, text="still here")
    assert rotation.rotate_all() == 1
    assert UnsentNote.objects.get().text == "still here"
    assert keys.decrypt(raw_tokens()["calm_unsentnote", "text"][0]) == "still here"


def test_a_fresh_key_can_be_made_while_the_configured_one_is_broken(settings):
    settings.ENCRYPTION_KEYS = ["broken"]
    out = StringIO()
    call_command("rotate_encryption_keys", "--new-key", stdout=out)
    Fernet(out.getvalue().strip())
    with pytest.raises(CommandError, match="Key number 1 in ENCRYPTION_KEYS is not a Fernet key"):
        call_command("rotate_encryption_keys", stdout=StringIO())
