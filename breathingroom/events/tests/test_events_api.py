"""GET /api/v1/events: what an app missed while it was away, a page at a time, its owner's only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils.dateparse import parse_datetime

from breathingroom.accounts.models import Person
from breathingroom.conftest import assert_json, client_for
from breathingroom.events.publish import publish
from breathingroom.events.tests.test_tickets import phone, token_for

EVENTS = "/api/v1/events"


def events_for(*people: Person, n: int) -> None:
    with transaction.atomic():
        for i in range(n):
            publish([p.pk for p in people], "break.extended", {"n": i + 1})


def ids(body: dict) -> list[int]:
    return [e["id"] for e in body["events"]]


def test_an_app_is_sent_what_came_after_the_last_event_it_saw(jo):
    events_for(jo, n=4)
    token = token_for("jo@example.com")
    body = assert_json(phone().get(EVENTS, {"after": 1}, headers={"X-Session-Token": token}), 200)
    assert set(body) == {"events", "last", "more"}
    assert ids(body) == [2, 3, 4]
    assert (body["last"], body["more"]) == (4, False)
    first = body["events"][0]
    assert set(first) == {"id", "type", "data", "at"}
    assert (first["type"], first["data"]) == ("break.extended", {"n": 2})
    assert parse_datetime(first["at"]) is not None


def test_a_signed_in_browser_may_ask_too(jo):
    events_for(jo, n=2)
    body = assert_json(client_for(jo).get(EVENTS), 200)
    assert ids(body) == [1, 2]
    assert body["last"] == 2


def test_an_event_reads_as_it_was_kept(jo):
    events_for(jo, n=1)
    kept = jo.events.get().as_message()
    [sent] = assert_json(client_for(jo).get(EVENTS), 200)["events"]
    assert {**sent, "at": None} == {**kept, "at": None}
    # The API writes moments to the millisecond, the socket to the microsecond: the same moment.
    assert abs(parse_datetime(sent["at"]) - parse_datetime(kept["at"])) < timedelta(milliseconds=1)


def test_only_my_own_events_are_listed(alex, sam, couple, robin):
    events_for(alex, sam, n=2)
    events_for(robin, n=1)
    mine = assert_json(client_for(alex).get(EVENTS), 200)
    assert [e["type"] for e in mine["events"]] == ["couple.joined", "break.extended", "break.extended"]
    assert mine["last"] == 3
    theirs = assert_json(client_for(robin).get(EVENTS), 200)
    assert [e["type"] for e in theirs["events"]] == ["couple.joined", "break.extended"]
    assert theirs["events"][0]["data"]["names"] == ["Robin", "Casey"]


def test_someone_with_nothing_yet_gets_an_empty_list_at_zero(jo):
    assert assert_json(client_for(jo).get(EVENTS), 200) == {"events": [], "last": 0, "more": False}


def test_an_app_that_is_up_to_date_gets_nothing_and_the_same_last(jo):
    events_for(jo, n=3)
    assert assert_json(client_for(jo).get(EVENTS, {"after": 3}), 200) == {"events": [], "last": 3, "more": False}


def test_a_number_from_the_future_gets_nothing_and_the_true_newest(jo):
    events_for(jo, n=3)
    assert assert_json(client_for(jo).get(EVENTS, {"after": 500}), 200) == {"events": [], "last": 3, "more": False}


def test_a_long_absence_comes_a_page_at_a_time(jo):
    events_for(jo, n=5)
    browser = client_for(jo)
    first = assert_json(browser.get(EVENTS, {"limit": 2}), 200)
    assert (ids(first), first["last"], first["more"]) == ([1, 2], 2, True)
    second = assert_json(browser.get(EVENTS, {"after": first["last"], "limit": 2}), 200)
    assert (ids(second), second["last"], second["more"]) == ([3, 4], 4, True)
    rest = assert_json(browser.get(EVENTS, {"after": second["last"], "limit": 2}), 200)
    assert (ids(rest), rest["last"], rest["more"]) == ([5], 5, False)


def test_a_page_that_ends_exactly_at_the_newest_says_there_is_no_more(jo):
    events_for(jo, n=4)
    body = assert_json(client_for(jo).get(EVENTS, {"limit": 4}), 200)
    assert (ids(body), body["more"]) == ([1, 2, 3, 4], False)


def test_at_most_200_come_at_once_by_default_100(jo):
    events_for(jo, n=250)
    browser = client_for(jo)
    default = assert_json(browser.get(EVENTS), 200)
    assert (ids(default), default["more"]) == (list(range(1, 101)), True)
    most = assert_json(browser.get(EVENTS, {"limit": 200}), 200)
    assert (ids(most), most["more"]) == (list(range(1, 201)), True)
    rest = assert_json(browser.get(EVENTS, {"after": 200, "limit": 200}), 200)
    assert (ids(rest), rest["last"], rest["more"]) == (list(range(201, 251)), 250, False)


@pytest.mark.parametrize(
    "query",
    [
        {"after": -1},
        {"after": "abc"},
        {"after": "1.5"},
        {"after": str(10**30)},
        {"after": str(2**63)},
        {"limit": 0},
        {"limit": -5},
        {"limit": 201},
        {"limit": "ten"},
        {"limit": str(10**30)},
    ],
)
def test_a_bad_after_or_limit_is_refused_with_a_reason(jo, query):
    assert_json(client_for(jo).get(EVENTS, query), 422)


def test_the_largest_after_allowed_is_just_nothing_new(jo):
    events_for(jo, n=1)
    assert assert_json(client_for(jo).get(EVENTS, {"after": 2**62}), 200) == {"events": [], "last": 1, "more": False}


def test_no_events_without_signing_in(jo):
    events_for(jo, n=1)
    assert_json(phone().get(EVENTS), 401)
    assert_json(phone().get(EVENTS, headers={"X-Session-Token": "bogus"}), 401)


def test_events_are_only_read_never_written(jo):
    browser = client_for(jo)
    assert browser.post(EVENTS, {}, content_type="application/json").status_code == 405
    assert browser.delete(EVENTS).status_code == 405
