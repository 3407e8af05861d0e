"""Deleting an account: everything of the person goes at once; the former partner keeps only their own."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client

from breathingroom.accounts.models import Person
from breathingroom.agreements.models import Agreement
from breathingroom.body.models import CheckIn as BodyCheckIn
from breathingroom.breaks.models import (
    Break,
    CheckIn,
    Extension,
    NextTry,
    Preparation,
    Reconnection,
    Taker,
    ThinkingOfYou,
)
from breathingroom.calm.models import UnsentNote
from breathingroom.conftest import PASSWORD
from breathingroom.couples.models import Couple, Invitation, Membership
from breathingroom.events.models import Event
from breathingroom.notify.models import NotificationSettings, PushSubscription
from breathingroom.yourdata import deletion
from breathingroom.yourdata.models import Export
from breathingroom.yourdata.tests.conftest import ALEX_EMAIL, ALEX_NAME, ALEX_OTHER_EMAIL, History, build_export

PERSON_TABLE = Person._meta.db_table


def _person_columns(cursor, table: str) -> set[str]:
    """Columns of ``table`` that hold a person's id: declared references, and any named like one."""
    relations = connection.introspection.get_relations(cursor, table)
    found = {column for column, (_target_column, target) in relations.items() if target == PERSON_TABLE}
    if table == PERSON_TABLE:
        found.add("id")
    return found


def scan_every_table(person_id: int, needles: list[str]) -> list[str]:
    """Every place in the whole database where ``person_id`` or any of ``needles`` still appears."""
    leaks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            ids = _person_columns(cursor, table)
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (names from the schema)
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if column in ids and value is not None and int(value) == person_id:
                        leaks.append(f"{table}.{column} = {person_id}")
                    if isinstance(value, memoryview | bytes):
                        value = bytes(value).decode("utf-8", "replace")
                    if isinstance(value, str):
                        leaks.extend(
                            f"{table}.{column} holds {needle!r}"
                            for needle in needles
                            if needle.casefold() in value.casefold()
                        )
    return leaks


@pytest.fixture
def deleted(history: History) -> History:
    # Sam made a copy while Alex was still here: it holds Alex's name and words.
    build_export(history.alex)
    build_export(history.sam)
    history.alex_sessions = list(UserSession.objects.filter(user=history.alex).values_list("session_key", flat=True))
    assert len(history.alex_sessions) == 2, "signed in in a browser and in the app"
    assert deletion.delete_account(history.alex)
    return history


def test_no_trace_of_the_deleted_person_is_left_in_any_table(deleted: History):
    needles = [ALEX_NAME, ALEX_EMAIL, ALEX_OTHER_EMAIL, "alex@example.com", '"Alex"', *deleted.alex_wrote]
    assert scan_every_table(deleted.alex.pk, needles) == []


def test_the_scan_would_have_found_them(history: History):
    # The same scan before the deletion finds the id, the name and the addresses: it is looking.
    leaks = scan_every_table(history.alex.pk, [ALEX_NAME, ALEX_EMAIL, ALEX_OTHER_EMAIL])
    assert any(leak.startswith(f"{PERSON_TABLE}.id") for leak in leaks)
    assert any("breaks_taker.person_id" in leak for leak in leaks)
    assert any(ALEX_NAME in leak for leak in leaks)
    assert any(ALEX_OTHER_EMAIL in leak for leak in leaks)


def test_the_scan_knows_every_column_that_points_at_a_person(history: History):
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        pointing = {table: _person_columns(cursor, table) for table in tables}
    assert pointing[Taker._meta.db_table] == {"person_id"}
    assert pointing[Agreement._meta.db_table] == {"proposed_by_id", "accepted_by_id"}
    assert pointing[EmailAddress._meta.db_table] == {"user_id"}


def test_everything_alex_wrote_is_gone_through_the_orm(deleted: History):
    assert not Person.objects.filter(email=ALEX_EMAIL).exists()
    assert not EmailAddress.objects.filter(email__in=[ALEX_EMAIL, ALEX_OTHER_EMAIL]).exists()
    texts = set(deleted.alex_wrote)
    for model, fields in (
        (Taker, ["reassurance"]),
        (Extension, ["reassurance"]),
        (NextTry, ["text"]),
        (Preparation, ["felt", "need", "my_part"]),
        (BodyCheckIn, ["own_feeling", "note"]),
        (UnsentNote, ["text"]),
        (Agreement, ["own_way"]),
    ):
        for row in model.objects.all():
            for name in fields:
                assert getattr(row, name) not in texts, (model.__name__, name)
    for agreement in Agreement.objects.all():
        assert not texts & set(agreement.words.values())
        assert len(agreement.words) <= 1
    assert not Extension.objects.exists()
    assert not PushSubscription.objects.filter(endpoint__contains="alex").exists()
    assert not Authenticator.objects.exists()
    assert not Export.objects.exists(), "Alex's copy and Sam's older copy, which held Alex's words"
    for event in Event.objects.all():
        assert ALEX_NAME not in json.dumps(event.data, ensure_ascii=False)


def test_every_session_and_sign_in_method_ends(deleted: History):
    assert not Session.objects.filter(session_key__in=deleted.alex_sessions).exists()
    assert not UserSession.objects.filter(session_key__in=deleted.alex_sessions).exists()
    assert deleted.alex_client.get("/api/v1/me").status_code == 401
    assert Client().get("/api/v1/me", HTTP_X_SESSION_TOKEN=deleted.alex_token).status_code == 401


def test_sam_keeps_their_own_writing_and_the_shape_of_the_history(deleted: History):
    sam = deleted.sam
    assert Person.objects.filter(pk=sam.pk).exists()
    assert UnsentNote.objects.written_by(sam).get().text == "Sam-unsent: I miss you when you go quiet"
    assert BodyCheckIn.objects.written_by(sam).get().own_feeling == "Sam-feeling: lonely"
    assert Preparation.objects.get(person=sam).felt == "Sam-felt: shut out"
    assert NextTry.objects.get(person=sam).text == "Sam-try: wait for the time we agreed"
    assert CheckIn.objects.get(person=sam).strength == 3
    assert Taker.objects.get(person=sam).reassurance == "Sam-reassurance: back soon, love"
    assert ThinkingOfYou.objects.get(sender=sam).brk_id == deleted.first.pk

    # The shape: both breaks, when, and how the reconnection went.
    first = Break.objects.get(pk=deleted.first.pk)
    assert (first.started_by, first.started_at, first.closed_at) == (
        None,
        deleted.first.started_at,
        deleted.first.closed_at,
    )
    reconnection = Reconnection.objects.get(brk=first)
    assert [(o.person, o.timing, o.repair) for o in reconnection.outcomes.all()] == [(sam, "late", "repaired")]
    assert Break.objects.filter(pk=deleted.second.pk, started_by=sam).exists()

    # The terms Sam accepted (and proposed) stay, with Sam's words only; Alex's proposal never accepted is gone.
    versions = {a.version: a for a in Agreement.objects.filter(couple=deleted.couple)}
    assert sorted(versions) == [1, 2]
    assert versions[1].proposed_by is None
    assert versions[1].accepted_by == sam
    assert versions[1].words == {str(sam.pk): "Sam-words: a hand on my shoulder"}
    assert versions[2].proposed_by == sam
    assert versions[2].accepted_by is None
    assert versions[2].extensions == 2

    couple = Couple.objects.get(pk=deleted.couple.pk)
    assert couple.ended_at is not None
    assert couple.ended_by is None
    assert list(Membership.objects.filter(couple=couple).values_list("person_id", flat=True)) == [sam.pk]
    assert not Invitation.objects.filter(inviter_id__isnull=True).exists()
    assert NotificationSettings.objects.count() == 0


def test_sam_is_told_the_couple_ended_without_a_name(deleted: History):
    left = Event.objects.get(recipient=deleted.sam, type="couple.left")
    assert left.data == {"couple": str(deleted.couple.pk)}
    # What Sam heard while paired with Alex is gone with Alex.
    assert list(Event.objects.filter(recipient=deleted.sam).values_list("type", flat=True)) == ["couple.left"]


def test_sams_history_shows_a_former_partner(deleted: History):
    copy = build_export(deleted.sam)
    with zipfile.ZipFile(io.BytesIO(bytes(copy.content))) as archive:
        everything = json.loads(archive.read("breathing-room.json"))
        text = "".join(archive.read(name).decode() for name in archive.namelist())
    assert everything["couples"][0]["partner"] == "a former partner"
    assert everything["couples"][0]["ended_by"] == "a former partner"
    first = next(b for b in everything["breaks"] if b["break"] == str(deleted.first.pk))
    assert first["started_by"] == "a former partner"
    assert first["on_the_break"] == []
    assert first["extensions"] == []
    assert first["thinking_of_you"] == [{"from": "Sam", "sent_at": first["thinking_of_you"][0]["sent_at"]}]
    reconnection = everything["reconnections"][0]
    assert [(v["by"], v["timing"], v["repair"]) for v in reconnection["how_it_went"]] == [("Sam", "late", "repaired")]
    assert reconnection["partner_check_in"] == {"checked_in": False, "strength": None}
    assert [t["by"] for t in reconnection["one_thing_to_try"]] == ["Sam"]
    assert everything["agreements"][0]["proposed_by"] == "a former partner"
    assert ALEX_NAME not in text
    assert "Alex-" not in text


def test_a_second_deletion_is_harmless(deleted: History):
    assert deletion.delete_account(deleted.alex) is False
    assert Person.objects.filter(pk=deleted.sam.pk).exists()


def test_deleting_someone_unpaired_leaves_everyone_else_alone(jo, robin):
    others = Person.objects.exclude(pk=jo.pk).count()
    events = Event.objects.count()
    assert deletion.delete_account(jo)
    assert Person.objects.count() == others
    assert Event.objects.count() == events


# --- Confirming who it is ------------------------------------------------------------------------


def test_the_password_is_needed(jo):
    with pytest.raises(deletion.WrongPassword, match="password is not right"):
        deletion.confirm_identity(jo, "not-the-password")
    with pytest.raises(deletion.WrongPassword):
        deletion.confirm_identity(jo, "")
    deletion.confirm_identity(jo, PASSWORD)


def test_with_two_step_sign_in_a_code_is_needed_too(history: History, rf):
    from allauth.core import context
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    with pytest.raises(deletion.CodeNeeded):
        deletion.confirm_identity(history.alex, PASSWORD)
    request = rf.post("/")
    request.user = history.alex
    request.session = {}
    with context.request_context(request):
        with pytest.raises(deletion.WrongCode):
            deletion.confirm_identity(history.alex, PASSWORD, "000000")
        code = format_hotp_value(hotp_value(history.totp_secret, next(yield_hotp_counters_from_time())))
        deletion.confirm_identity(history.alex, PASSWORD, code)
