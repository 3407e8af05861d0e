"""Upgrading a database whose check-ins the calm tools kept: every one moves, under its own id, none lost."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from breathingroom.body import checking_in
from breathingroom.body.checking_in import Place
from breathingroom.body.models import CheckIn
from breathingroom.tests.migrating import back_to_latest
from breathingroom.vault import keys

BEFORE = [("calm", "0002_encrypt_private_text"), ("body", "0001_check_ins")]


def migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)


def tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


@pytest.mark.django_db(transaction=True)
def test_every_old_check_in_moves_with_its_words_and_the_old_table_goes(alex, sam):
    then = timezone.now() - timedelta(days=3)
    try:
        before = migrate(BEFORE)
        old = before.loader.project_state(BEFORE).apps.get_model("calm", "BodyCheckIn")
        kept = [
            old.objects.create(
                person_id=alex.pk, created_at=then, where="chest", sensation="tight", strength=8,
                feeling="dread", heart_rate=104, note="shoulders up by my ears",
            ),
            old.objects.create(person_id=alex.pk, where="arms_hands", sensation="restless", strength=0),
            old.objects.create(
                person_id=sam.pk, where="whole_body", sensation="other", strength=10, feeling="lonely ☁️"
            ),
        ]  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute("SELECT note FROM calm_bodycheckin WHERE heart_rate = 104")
            [(token,)] = cursor.fetchall()
        assert keys.decrypt(token) == "shoulders up by my ears"  # encrypted before, as after
        assert not CheckIn.objects.exists()
    finally:
        back_to_latest()

    assert "calm_bodycheckin" not in tables()
    assert CheckIn.objects.count() == 3
    first = CheckIn.objects.get(pk=kept[0].pk)
    assert (first.person, first.created_at, first.heart_rate) == (alex, then, 104)
    assert (first.own_feeling, first.note, first.feelings, first.need) == ("dread", "shoulders up by my ears", [], "")
    assert [(s.region, s.sensation, s.intensity) for s in first.places] == [("chest", "tight", 8)]
    calm = CheckIn.objects.get(pk=kept[1].pk)
    assert [(s.region, s.sensation, s.intensity) for s in calm.places] == [("arms_hands", "restless", 0)]
    assert (calm.own_feeling, calm.note, calm.heart_rate) == ("", "", None)
    sams = CheckIn.objects.get(pk=kept[2].pk)
    assert (sams.person, sams.own_feeling) == (sam, "lonely ☁️")
    assert [(s.region, s.intensity) for s in sams.places] == [("whole_body", 10)]
    assert not CheckIn.objects.filter(shared_in__isnull=False).exists()  # private, as they were


@pytest.mark.django_db(transaction=True)
def test_going_back_and_forth_keeps_what_is_here_and_doubles_nothing(alex):
    kept = checking_in.record(alex, [Place("chest", "tight", 3), Place("legs", "heavy", 2)], note="mine")
    try:
        migrate(BEFORE)
        assert "calm_bodycheckin" in tables()
    finally:
        back_to_latest()
    assert list(CheckIn.objects.all()) == [kept]
    assert CheckIn.objects.get().note == "mine"
    assert CheckIn.objects.get().spots.count() == 2
