"""The reads written once give exactly what the ORM gives, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import available_timezones

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, get_user
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from breathingroom.accounts.models import Person
from breathingroom.events.models import Cursor
from breathingroom.events.publish import latest_seq
from breathingroom.rows import Row
from breathingroom.security.session_store import SessionStore

pytestmark = pytest.mark.django_db

EVERY_FIELD = [field.attname for field in Person._meta.concrete_fields]


def as_the_orm_reads(person: Person) -> dict[str, object]:
    return {name: getattr(Person.objects.get(pk=person.pk), name) for name in EVERY_FIELD}


def as_read_once(person: Person) -> dict[str, object]:
    found = Row(Person, "pk").get(person.pk)
    assert found is not None
    return {name: getattr(found, name) for name in EVERY_FIELD}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60),
    zone=st.sampled_from(sorted(available_timezones())),
    active=st.booleans(),
    staff=st.booleans(),
    signed_in_before=st.booleans(),
    heart=st.none() | st.integers(30, 120),
)
def test_a_person_read_once_is_the_person_the_orm_reads(name, zone, active, staff, signed_in_before, heart):
    person = Person.objects.create_user(
        email=f"p{Person.objects.count()}@example.com",
        password="a long enough password",
        display_name=name,
        time_zone=zone,
        is_active=active,
        is_staff=staff,
        resting_heart_rate=heart,
        last_login=timezone.now() - timedelta(days=3) if signed_in_before else None,
    )
    assert as_read_once(person) == as_the_orm_reads(person)
    found = Row(Person, "pk").get(person.pk)
    assert found is not None
    assert found._state.adding is False
    assert found._state.db == "default"
    assert found.zone == person.zone


def test_no_row_is_none_and_a_chosen_column_alone_is_read(alex):
    assert Row(Person, "pk").get(alex.pk + 1000) is None
    found = Row(Person, "pk", fields=["email"]).get(alex.pk)
    assert found is not None
    assert found.email == alex.email
    assert found.get_deferred_fields() >= {"display_name", "password"}


def test_the_newest_event_number_is_read_once_as_it_is_kept(alex):
    assert latest_seq(alex.pk) == 0
    Cursor.objects.create(person=alex, last_seq=41)
    assert latest_seq(alex.pk) == 41
    with CaptureQueriesContext(connection) as seen:
        latest_seq(alex.pk)
    assert len(seen.captured_queries) == 1


def test_a_session_is_read_until_it_expires_and_not_after(alex):
    browser = Client()
    browser.force_login(alex)
    key = browser.session.session_key
    assert SessionStore(key).load()["_auth_user_id"] == str(alex.pk)
    assert SessionStore().exists(key)
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    store = SessionStore(key)
    assert store.load() == {}
    # As Django's own store: a key that found nothing is dropped, so saving makes a new one.
    assert store.session_key is None
    # It still exists until it is cleared, as in Django's store: its key is not given out again.
    assert SessionStore().exists(key)
    Session.objects.filter(session_key=key).delete()
    assert not SessionStore().exists(key)
    assert not SessionStore().exists("")
    assert not SessionStore().exists(None)


def test_a_session_removed_by_hand_signs_nobody_in_on_the_next_request(alex):
    browser = Client()
    browser.force_login(alex)
    assert browser.get("/", follow=False).context["user"] == alex
    Session.objects.filter(session_key=browser.session.session_key).delete()
    request = RequestFactory().get("/")
    request.session = SessionStore(browser.cookies["sessionid"].value)
    assert not get_user(request).is_authenticated


def test_a_person_made_inactive_is_signed_out_on_the_next_request(alex):
    browser = Client()
    browser.force_login(alex)
    Person.objects.filter(pk=alex.pk).update(is_active=False)
    request = RequestFactory().get("/")
    request.session = SessionStore(browser.cookies["sessionid"].value)
    assert not get_user(request).is_authenticated


def _token_of(person: Person) -> str:
    browser = Client()
    browser.force_login(person)
    return browser.session.session_key


def test_an_app_s_token_is_its_session_read_once_and_not_after_it_expires_or_goes(alex):
    token = _token_of(alex)
    phone = Client()
    with CaptureQueriesContext(connection) as queries:
        assert phone.get("/api/v1/me", headers={"X-Session-Token": token}).json()["id"] == str(alex.public_id)
    assert sum("django_session" in q["sql"] for q in queries.captured_queries) == 1
    Session.objects.filter(session_key=token).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert phone.get("/api/v1/me", headers={"X-Session-Token": token}).status_code == 401
    fresh = _token_of(alex)
    Session.objects.filter(session_key=fresh).delete()
    assert phone.get("/api/v1/me", headers={"X-Session-Token": fresh}).status_code == 401


@pytest.mark.parametrize("token", ["", "short", "x" * 40, "a" * 5000, "\u00e9t\u00e9" * 8, "../../etc/passwd"])
def test_a_token_that_is_no_session_is_401(alex, token):
    _token_of(alex)  # someone is signed in: no token but their own reaches them
    assert Client().get("/api/v1/me", headers={"X-Session-Token": token}).status_code == 401


def test_sessions_made_by_the_old_ways_of_signing_in_are_kept_signed_in(alex):
    from importlib import import_module

    migration = import_module("breathingroom.accounts.migrations.0007_sessions_name_the_new_backends")
    browsers = {}
    for old in migration.RENAMED:
        browser = Client()
        browser.force_login(alex, backend=old)
        browsers[old] = browser
    foreign = Session.objects.create(
        session_key="x" * 32, session_data="not signed by us", expire_date=timezone.now() + timedelta(days=1)
    )

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection  # type: ignore[attr-defined]
    from django.apps import apps

    migration.forwards(apps, editor)
    for old, browser in browsers.items():
        data = SessionStore(browser.session.session_key).load()
        assert data[BACKEND_SESSION_KEY] == migration.RENAMED[old]
        request = RequestFactory().get("/")
        request.session = SessionStore(browser.session.session_key)
        assert get_user(request) == alex
    foreign.refresh_from_db()
    assert foreign.session_data == "not signed by us"

    migration.backwards(apps, editor)
    for old, browser in browsers.items():
        assert SessionStore(browser.session.session_key).load()[BACKEND_SESSION_KEY] == old
