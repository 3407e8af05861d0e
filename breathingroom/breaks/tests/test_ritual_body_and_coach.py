"""The ritual uses what the body check-in and the soft-start coach offer, and the journal offers the coach."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from breathingroom.body import checking_in
from breathingroom.body.models import CheckIn
from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.models import Break
from breathingroom.breaks.tests.conftest import until_reconnecting
from breathingroom.conftest import page_text

WORDS = "Back soon, love. I am settling, not leaving."


def ritual(client, brk: Break) -> str:
    response = client.get(f"/space/{brk.id}/reconnect/")
    assert response.status_code == 200
    return page_text(response)


def chosen_strength(page: str) -> str | None:
    found = re.search(r'<input type="radio" name="strength" value="(\d+)"[^>]*checked', page)
    return found.group(1) if found else None


@pytest.fixture
def brk(alex, couple) -> Break:
    return until_reconnecting(space.take_space(alex, 20, WORDS))


def test_a_body_check_in_during_the_break_starts_the_ritual_at_its_strongest_place(alex_client, sam_client, alex, brk):
    checking_in.record(
        alex, [checking_in.Place("chest", "tight", 7), checking_in.Place("stomach", "hollow", 3)], once="ritual-1"
    )
    page = ritual(alex_client, brk)
    assert "was strongest at 7 out of 10, so that is chosen below" in page
    assert chosen_strength(page) == "7"
    # Sam made none: nothing is chosen for them, and they are shown the way to the body map instead.
    theirs = ritual(sam_client, brk)
    assert chosen_strength(theirs) is None
    assert 'href="/body/">check in with your body</a>' in theirs


def test_a_check_in_from_before_the_break_is_not_used(alex_client, alex, brk):
    old = checking_in.record(alex, [checking_in.Place("shoulders", "heavy", 9)], once="before")
    CheckIn.objects.filter(pk=old.pk).update(created_at=brk.started_at - timedelta(minutes=5))
    page = ritual(alex_client, brk)
    assert chosen_strength(page) is None
    assert "was strongest at" not in page


def test_once_checked_in_the_body_check_in_is_not_offered_again(alex_client, alex, brk):
    checking_in.record(alex, [checking_in.Place("chest", "tight", 7)], once="ritual-2")
    reconnecting.check_in(alex, brk.id, 5)
    page = ritual(alex_client, brk)
    assert "You checked in at 5 out of 10." in page
    assert "was strongest at" not in page


def test_the_speaker_may_try_their_words_with_the_coach_and_the_listener_is_not_offered_it(
    alex_client, sam_client, alex, sam, brk
):
    reconnecting.check_in(alex, brk.id, 3)
    reconnecting.check_in(sam, brk.id, 3)
    # The waiting partner speaks first.
    speaker = ritual(sam_client, brk)
    assert "Try your words first (nothing is sent)" in speaker
    assert re.search(r'<textarea id="soft-start-turn"[^>]*data-soft-start', speaker)
    assert "softstart.js" in speaker
    listener = ritual(alex_client, brk)
    assert "Try your words first" not in listener


def test_the_journal_offers_the_coach_beside_the_words(alex_client):
    page = page_text(alex_client.get("/journal/write/"))
    assert re.search(r'<textarea name="text"[^>]*data-soft-start', page)
    assert "softstart.js" in page


def test_the_journal_is_in_the_main_navigation_and_calm_leads_to_the_coach_and_the_phrasebook(alex_client):
    page = page_text(alex_client.get("/calm/"))
    assert re.search(r'<a href="/journal/"\s*>Journal</a>', page)
    assert 'href="/soft-start/"' in page
    assert 'href="/phrasebook/"' in page
    assert re.search(r'<a href="/calm/"\s*aria-current="page">Calm</a>', page_text(alex_client.get("/body/")))
