"""A break's time to reconnect as a calendar file: on the page and in the API, for the couple only."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from breathingroom.breaks import calendar, space
from breathingroom.breaks.models import Break
from breathingroom.breaks.tests.conftest import REASSURANCE, until_reconnecting
from breathingroom.conftest import PASSWORD, assert_json

SITE = "https://couple.example.org"
MORE_WORDS = "A little longer, please. Still coming back to you."
JOINING_WORDS = "I need a moment too; I will be here after."
LINK_TEXT = "Add the time to my calendar"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


@pytest.fixture(autouse=True)
def _no_time_zone_left_active():
    # An API request activates the caller's zone and nothing deactivates it after the answer.
    yield
    timezone.deactivate()


@pytest.fixture
def brk(alex, couple) -> Break:
    return space.take_space(alex, 30, REASSURANCE)


def page(brk: Break) -> str:
    return reverse("breaks:calendar", args=[brk.id])


def api(break_id: object) -> str:
    return f"/api/v1/breaks/{break_id}/calendar.ics"


def event_in(response) -> Event:
    """The one event of a calendar file that was served as one."""
    assert response.status_code == 200, (response.status_code, response.content[:500])
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="reconnect.ics"'
    assert "no-store" in response["Cache-Control"]
    parsed = Calendar.from_ical(response.content)
    assert parsed["VERSION"] == "2.0"
    assert parsed["METHOD"] == "PUBLISH"
    assert parsed["PRODID"]
    events = parsed.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def start(event: Event) -> datetime:
    return event["DTSTART"].dt


def agreed_time(brk: Break) -> datetime:
    # iCalendar counts in whole seconds.
    return Break.objects.get(pk=brk.pk).returns_at.replace(microsecond=0)


def without_tokens(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


# --- What the file says -----------------------------------------------------------------------


def test_the_file_holds_the_agreed_time_to_reconnect(alex_client, brk):
    before = timezone.now().replace(microsecond=0)
    event = event_in(alex_client.get(page(brk)))
    assert start(event) == agreed_time(brk)
    assert start(event).utcoffset() == timedelta(0)
    assert event["UID"] == f"break-{brk.id}@couple.example.org"
    assert event["SEQUENCE"] == 0
    assert event["STATUS"] == "CONFIRMED"
    assert event["DURATION"].dt == timedelta(minutes=15)
    assert event["SUMMARY"] == "Time to reconnect"
    assert before <= event["DTSTAMP"].dt <= timezone.now()
    link = f"{SITE}/space/{brk.id}/reconnect/"
    assert link in event["DESCRIPTION"]
    assert event["URL"] == link
    (alarm,) = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(0)
    assert alarm["DESCRIPTION"]


def test_the_waiting_partner_gets_the_same_event(alex_client, sam_client, brk):
    theirs, mine = event_in(sam_client.get(page(brk))), event_in(alex_client.get(page(brk)))
    assert (theirs["UID"], start(theirs), theirs["SEQUENCE"]) == (mine["UID"], start(mine), mine["SEQUENCE"])


def test_extending_updates_the_same_event(alex_client, sam_client, alex, brk):
    first = event_in(sam_client.get(page(brk)))
    space.extend(alex, brk.id, 15, MORE_WORDS)
    again = event_in(sam_client.get(page(brk)))
    assert again["UID"] == first["UID"]
    assert (first["SEQUENCE"], again["SEQUENCE"]) == (0, 1)
    assert start(again) == agreed_time(brk) == start(first) + timedelta(minutes=15)


def test_taking_space_too_updates_the_same_event(alex_client, sam, brk):
    first = event_in(alex_client.get(page(brk)))
    space.take_space(sam, 60, JOINING_WORDS)
    again = event_in(alex_client.get(page(brk)))
    assert again["UID"] == first["UID"]
    assert again["SEQUENCE"] == 1
    assert start(again) == agreed_time(brk) > start(first)


def test_coming_back_early_cancels_the_event(alex_client, alex, brk):
    space.extend(alex, brk.id, 15, MORE_WORDS)
    space.ready_to_talk(alex, brk.id)
    event = event_in(alex_client.get(page(brk)))
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 2
    assert start(event) == agreed_time(brk)
    assert not event.walk("VALARM")


def test_a_break_that_ran_its_time_keeps_its_event(alex_client, brk):
    brk = until_reconnecting(brk)
    event = event_in(alex_client.get(page(brk)))
    assert (event["STATUS"], event["SEQUENCE"]) == ("CONFIRMED", 0)
    assert start(event) == agreed_time(brk)


def test_nothing_private_goes_in_the_file(alex_client, sam_client, alex, sam, brk):
    space.extend(alex, brk.id, 15, MORE_WORDS)
    space.take_space(sam, 60, JOINING_WORDS)
    for client in (alex_client, sam_client):
        response = client.get(page(brk))
        event_in(response)
        unfolded = re.sub(r"\r\n[ \t]", "", response.content.decode())
        for private in (REASSURANCE, MORE_WORDS, JOINING_WORDS, "Alex", "Sam", "alex@", "sam@"):
            assert private not in unfolded
        assert "I'm taking time" not in unfolded


def test_the_event_is_built_without_http(alex, brk):
    at = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    event = calendar.for_break(brk, now=at).walk("VEVENT")[0]
    assert event["DTSTAMP"].dt == at
    assert start(event) == agreed_time(brk)


# --- The API serves the same file -------------------------------------------------------------


def test_the_api_serves_the_same_event(alex_client, brk):
    from_page, from_api = event_in(alex_client.get(page(brk))), event_in(alex_client.get(api(brk.id)))
    del from_page["DTSTAMP"], from_api["DTSTAMP"]
    assert from_api.to_ical() == from_page.to_ical()


def test_a_phone_with_a_session_token_gets_the_file(alex, brk):
    login = Client().post(
        "/_allauth/app/v1/auth/login", {"email": alex.email, "password": PASSWORD}, content_type="application/json"
    )
    token = assert_json(login, 200)["meta"]["session_token"]
    event = event_in(Client().get(api(brk.id), headers={"X-Session-Token": token}))
    assert start(event) == agreed_time(brk)


def test_the_openapi_document_names_the_calendar_media_type(db):
    paths = assert_json(Client().get("/api/v1/openapi.json"), 200)["paths"]
    responses = paths[api("{break_id}")]["get"]["responses"]
    assert "text/calendar" in responses["200"]["content"]
    assert {"401", "404"} <= set(responses)


# --- Who may have it --------------------------------------------------------------------------


def test_an_outsider_finds_nothing(robin_client, brk):
    theirs, nowhere = robin_client.get(page(brk)), robin_client.get(f"/space/{uuid.uuid4()}/calendar.ics")
    assert theirs.status_code == nowhere.status_code == 404
    assert without_tokens(theirs) == without_tokens(nowhere)
    assert REASSURANCE not in theirs.content.decode()
    assert assert_json(robin_client.get(api(brk.id)), 404) == assert_json(robin_client.get(api(uuid.uuid4())), 404)


def test_someone_without_a_partner_finds_nothing(jo_client, brk):
    assert jo_client.get(page(brk)).status_code == 404
    assert_json(jo_client.get(api(brk.id)), 404)


def test_a_break_that_never_was_is_not_found(alex_client, brk):
    assert alex_client.get(f"/space/{uuid.uuid4()}/calendar.ics").status_code == 404
    assert alex_client.get("/space/not-a-break/calendar.ics").status_code == 404
    assert_json(alex_client.get(api(uuid.uuid4())), 404)
    assert_json(alex_client.get(api("not-a-break")), 404)


def test_anonymous_visitors_are_asked_to_sign_in(client, brk):
    response = client.get(page(brk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert_json(client.get(api(brk.id)), 401)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_file_is_only_read(alex_client, brk, method):
    assert getattr(alex_client, method)(page(brk)).status_code == 405
    assert_json(getattr(alex_client, method)(api(brk.id)), 405)


def test_a_past_break_replaced_by_a_new_one_still_has_its_file(alex_client, alex, brk):
    until_reconnecting(brk)
    newer = space.take_space(alex, 20, REASSURANCE)
    assert newer.id != brk.id
    assert start(event_in(alex_client.get(page(brk)))) == agreed_time(brk)


# --- The link on the page ---------------------------------------------------------------------


def calendar_link(client: Client, brk: Break) -> bool:
    content = client.get("/").content.decode()
    return f'href="{page(brk)}"' in content and LINK_TEXT in content


def test_both_partners_see_the_link_while_the_break_is_on(alex_client, sam_client, brk):
    assert calendar_link(alex_client, brk)
    assert calendar_link(sam_client, brk)


def test_the_live_panel_carries_the_link(sam_client, brk):
    assert LINK_TEXT in sam_client.get(reverse("breaks:now")).content.decode()


def test_the_link_goes_when_the_time_comes(alex_client, sam_client, brk):
    until_reconnecting(brk)
    assert not calendar_link(alex_client, brk)
    assert not calendar_link(sam_client, brk)


def test_the_link_goes_when_both_are_ready_early(alex_client, sam_client, alex, brk):
    space.ready_to_talk(alex, brk.id)
    assert not calendar_link(alex_client, brk)
    assert not calendar_link(sam_client, brk)


def test_no_link_without_a_break(alex_client):
    assert LINK_TEXT not in alex_client.get("/").content.decode()
