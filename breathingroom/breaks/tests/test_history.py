"""Our breaks, remembered: the page and the API list the same breaks the same way, and keep private things private."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.describe import describe
from breathingroom.breaks.history import history_for, last_try
from breathingroom.breaks.models import Break, Repair, Timing
from breathingroom.breaks.tests.conftest import REASSURANCE, pass_time, until_reconnecting
from breathingroom.conftest import assert_json, client_for, page_text

HISTORY = "/space/history/"
API = "/api/v1/breaks"
ALEX_TRIES = "Say the words before I walk out."
SAM_TRIES = "Breathe before I answer."
SECRET = "A note only Alex should ever read."


def reconnect(alex, sam, brk: Break, *, alex_says=("on_time", "repaired"), sam_says=("on_time", "partly")) -> Break:
    """Both come back: Alex shares a check-in of 3, Sam keeps a 5 private; each names a try and says how it went."""
    reconnecting.check_in(alex, brk.pk, 3, shared=True)
    reconnecting.check_in(sam, brk.pk, 5)
    reconnecting.name_next_try(alex, brk.pk, ALEX_TRIES)
    reconnecting.name_next_try(sam, brk.pk, SAM_TRIES)
    if alex_says:
        reconnecting.record_outcome(alex, brk.pk, *alex_says)
    if sam_says:
        reconnecting.record_outcome(sam, brk.pk, *sam_says)
    return Break.objects.get(pk=brk.pk)


@pytest.fixture
def remembered(alex, sam, couple) -> Break:
    """Alex took thirty minutes and was back a minute after the time; both said how it went."""
    brk = until_reconnecting(space.take_space(alex, 30, REASSURANCE))
    reconnecting.prepare(alex, brk.pk, SECRET, "", "")
    return reconnect(alex, sam, brk)


# --- The describer ------------------------------------------------------------------------------


def test_a_break_remembers_the_length_asked_and_the_length_it_took(alex, remembered):
    seen = describe(remembered, alex)
    assert (seen.asked_minutes, seen.actual_minutes) == (30, 31)
    assert seen.came_back == Timing.ON_TIME


def test_coming_back_well_after_the_time_is_remembered_as_late(alex, sam, couple):
    brk = pass_time(space.take_space(alex, 20, REASSURANCE), 20 + 25)
    seen = describe(reconnect(alex, sam, brk), sam)
    assert seen.came_back == Timing.LATE
    assert seen.actual_minutes == 45


def test_an_extended_break_remembers_what_was_first_asked(alex, sam, couple):
    brk = space.take_space(alex, 20, REASSURANCE)
    space.extend(alex, brk.pk, 15, "A little longer, I am still here.")
    assert describe(Break.objects.get(pk=brk.pk), sam).asked_minutes == 20


def test_each_partner_sees_their_own_check_in_and_the_others_only_if_shared(alex, sam, remembered):
    by_alex = {(c.is_me, c.strength) for c in describe(remembered, alex).check_ins}
    by_sam = {(c.is_me, c.strength) for c in describe(remembered, sam).check_ins}
    assert by_alex == {(True, 3), (False, None)}
    assert by_sam == {(True, 5), (False, 3)}


def test_both_tries_and_both_views_are_told_to_each_from_their_side(alex, sam, remembered):
    seen = describe(remembered, sam)
    assert [(t.name, t.is_me, t.text) for t in seen.tries] == [("Alex", False, ALEX_TRIES), ("Sam", True, SAM_TRIES)]
    assert [(o.name, o.is_me, o.repair) for o in seen.outcomes] == [
        ("Alex", False, Repair.REPAIRED),
        ("Sam", True, Repair.PARTLY),
    ]


def test_a_view_is_kept_from_the_partner_until_the_break_closes(alex, sam, couple):
    brk = until_reconnecting(space.take_space(alex, 30, REASSURANCE))
    brk = reconnect(alex, sam, brk, sam_says=None)
    assert [o.name for o in describe(brk, alex).outcomes] == ["Alex"]
    assert describe(brk, sam).outcomes == []


def test_the_history_is_the_couples_newest_first(alex, sam, robin, couple, remembered):
    newer = space.take_space(sam, 40, REASSURANCE)
    space.take_space(robin, 20, REASSURANCE)
    breaks = history_for(sam)
    assert len(breaks) == 2
    assert [b.id for b in breaks[0:10]] == [newer.id, remembered.id]


# --- Last time's try -----------------------------------------------------------------------------


def test_the_last_try_is_the_persons_own_latest(alex, sam, couple, remembered):
    assert last_try(alex, couple) == ALEX_TRIES
    assert last_try(sam, couple) == SAM_TRIES
    later = until_reconnecting(space.take_space(sam, 20, REASSURANCE))
    reconnecting.check_in(alex, later.pk, 2)
    reconnecting.name_next_try(alex, later.pk, "Ask for the break sooner.")
    assert last_try(alex, couple) == "Ask for the break sooner."
    # Seen from the break it was named in, it is not yet "last time".
    assert last_try(alex, couple, before=later.started_at) == ALEX_TRIES


def test_without_a_try_there_is_nothing_to_remember(alex, couple):
    assert last_try(alex, couple) is None


# --- The page ------------------------------------------------------------------------------------


def item_of(html: str, brk: Break) -> str:
    found = re.search(rf'aria-labelledby="break-{brk.id}".*?</li>', html, re.DOTALL)
    assert found is not None, "the break is not listed"
    return found.group(0)


def test_the_page_tells_each_break_in_the_viewers_own_time(sam_client, remembered):
    html = item_of(page_text(sam_client.get(HISTORY)), remembered)
    # Sam lives in New York: the day and time are his own.
    local = remembered.started_at.astimezone(ZoneInfo("America/New_York"))
    assert local.strftime("%H:%M") in html
    assert "Alex took space." in html
    assert "30 minutes" in html
    assert "31 minutes" in html
    assert "Back on time" in html
    assert ALEX_TRIES in html
    assert SAM_TRIES in html
    assert "How Alex felt it went" in html
    assert "How you felt it went" in html


def test_the_page_keeps_an_unshared_number_and_preparation_notes_private(alex_client, sam_client, remembered):
    alex_sees = item_of(page_text(alex_client.get(HISTORY)), remembered)
    sam_sees = item_of(page_text(sam_client.get(HISTORY)), remembered)
    assert "Your check-in</dt>\n              <dd>3 out of 10" in alex_sees
    assert "5 out of 10" not in alex_sees
    assert "5 out of 10" in sam_sees
    assert "3 out of 10" in sam_sees
    for html in (alex_sees, sam_sees):
        assert SECRET not in html


def test_the_page_and_the_api_tell_the_same_breaks(sam_client, remembered):
    body = assert_json(sam_client.get(API), 200)
    item = body["items"][0]
    assert (item["asked_minutes"], item["actual_minutes"], item["came_back"]) == (30, 31, "on_time")
    assert [t["text"] for t in item["tries"]] == [ALEX_TRIES, SAM_TRIES]
    assert [(c["is_me"], c["strength"]) for c in item["check_ins"]] == [(False, 3), (True, 5)]
    assert [o["repair"] for o in item["outcomes"]] == ["repaired", "partly"]
    assert SECRET not in str(body)
    html = page_text(sam_client.get(HISTORY))
    assert all(t["text"] in html for t in item["tries"])


def test_the_api_keeps_the_partners_unshared_number(alex_client, remembered):
    item = assert_json(alex_client.get(API), 200)["items"][0]
    assert [(c["is_me"], c["strength"]) for c in item["check_ins"]] == [(True, 3), (False, None)]


def test_the_page_comes_in_pages_newest_first(alex, sam, alex_client, couple):
    started = []
    for n in range(12):
        brk = space.take_space(alex, 20 + n, REASSURANCE)
        space.ready_to_talk(alex, brk.pk)
        started.append(brk)
    first, second = page_text(alex_client.get(HISTORY)), page_text(alex_client.get(HISTORY, {"page": 2}))
    assert first.count("history-break") == 10
    assert second.count("history-break") == 2
    assert first.index(f"break-{started[-1].id}") < first.index(f"break-{started[-2].id}")
    assert f"break-{started[0].id}" in second
    assert "Page 1 of 2" in first
    assert 'href="?page=2"' in first


def test_before_any_break_the_page_says_so_kindly(alex_client):
    html = page_text(alex_client.get(HISTORY))
    assert "No breaks yet, and that is fine." in html
    assert "history-break" not in html


def test_someone_without_a_partner_finds_no_page(jo_client):
    assert jo_client.get(HISTORY).status_code == 404


def test_another_couple_sees_only_their_own_breaks(robin, remembered):
    html = page_text(client_for(robin).get(HISTORY))
    assert str(remembered.id) not in html
    assert ALEX_TRIES not in html


def test_home_and_the_end_of_a_reconnection_lead_to_our_breaks(alex_client, remembered):
    assert 'href="/space/history/"' in page_text(alex_client.get("/"))
    assert 'href="/space/history/"' in page_text(alex_client.get(f"/space/{remembered.id}/reconnect/"))


def test_a_break_on_now_is_listed_as_on_now(alex, alex_client, couple):
    space.take_space(alex, 20, REASSURANCE)
    assert "On now." in page_text(alex_client.get(HISTORY))


# --- Last time's try, shown back ----------------------------------------------------------------


def test_taking_space_again_shows_what_you_said_you_would_try(alex_client, sam_client, remembered):
    assert f'Last time you said you would try: <q dir="auto">{ALEX_TRIES}</q>' in page_text(alex_client.get("/space/"))
    take_page = page_text(sam_client.get("/space/"))
    assert SAM_TRIES in take_page
    assert ALEX_TRIES not in take_page


def test_the_waiting_partner_is_shown_their_own_last_try_while_they_wait(alex, alex_client, sam_client, remembered):
    space.take_space(alex, 20, REASSURANCE)
    waiting = page_text(sam_client.get("/"))
    assert f'Last time you said you would try: <q dir="auto">{SAM_TRIES}</q>' in waiting
    assert ALEX_TRIES not in waiting
    assert "Last time you said" not in page_text(alex_client.get("/"))


def test_with_nothing_named_yet_nothing_is_said(alex, alex_client, sam_client, couple):
    assert "Last time you said" not in page_text(alex_client.get("/space/"))
    space.take_space(alex, 20, REASSURANCE)
    assert "Last time you said" not in page_text(sam_client.get("/"))


def test_a_longer_history_costs_no_more_queries(alex, sam, couple):
    def queries_for_a_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            history_for(sam)[0:10]
        return len(captured.captured_queries)

    counts = []
    for n in (2, 6):
        while len(history_for(sam)) < n:
            reconnect(alex, sam, until_reconnecting(space.take_space(alex, 30, REASSURANCE)))
        counts.append(queries_for_a_page())
    assert counts[0] == counts[1]
