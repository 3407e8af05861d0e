"""A break stays in view on every calm tool: the partner's words, one's own time, a way back."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.models import Repair, Timing
from breathingroom.conftest import page_text
from breathingroom.tests.clocks import as_shown

TOOLS = ["/calm/breathe/", "/calm/ground/", "/body/", "/calm/unsent/", "/calm/reasons/"]
HELD = "/calm/held/"
WORDS = "I love you. Back soon to finish this."


def banner(response) -> str:
    found = re.search(r'<div id="held".*?</div>\s*</div>', page_text(response), re.DOTALL)
    assert found is not None, "no banner region on the page"
    return found.group(0)


def header(response) -> str:
    return page_text(response).split("<header", 1)[1].split("</header>", 1)[0]


@pytest.fixture
def brk(alex, couple):
    return space.take_space(alex, 20, WORDS)


@pytest.mark.parametrize("url", TOOLS)
def test_the_waiting_partner_keeps_the_words_and_the_time_on_every_tool(sam_client, brk, url):
    shown = banner(sam_client.get(url))
    assert "Alex is taking some space" in shown
    assert WORDS in shown
    # Sam lives in New York: the time is his own.
    assert f"Back at <strong>{as_shown(brk.returns_at, 'America/New_York')}</strong>, your time" in shown
    assert 'href="/">Back to the break</a>' in shown
    # The page asks again by itself when the time comes.
    refresh_at = re.search(r'data-refresh-at="([^"]+)"', shown).group(1)
    assert datetime.fromisoformat(refresh_at) == brk.returns_at


@pytest.mark.parametrize("url", TOOLS)
def test_the_one_taking_space_keeps_their_own_time_and_the_way_back(alex_client, brk, url):
    response = alex_client.get(url)
    shown = banner(response)
    assert "You are taking space" in shown
    assert f"You will come back at <strong>{as_shown(brk.returns_at, 'Europe/London')}</strong>" in shown
    assert 'href="/">Back to your break</a>' in shown
    # Their own words are theirs to remember on the break page; the banner stays small.
    assert WORDS not in shown
    # Nothing in the header urges more space: a quiet way back to the break instead.
    assert "I need space" not in header(response)
    assert 'class="header-break" href="/">Your break</a>' in header(response)


@pytest.mark.parametrize(
    ("who", "zone", "says"),
    [
        ("alex", "Europe/London", "You will come back at <strong>tomorrow at 00:18</strong>"),
        ("sam", "America/New_York", "Back at <strong>tomorrow at 00:18</strong>, your time"),
    ],
)
def test_a_break_taken_just_before_midnight_comes_back_tomorrow(
    alex, couple, alex_client, sam_client, monkeypatch, who, zone, says
):
    # The clock runs on from 23:58 on the reader's own clock (the last one gone by): twenty
    # minutes on is 00:18 on the next day there, and the banner names that day.
    real_now = timezone.now
    late = datetime.combine(timezone.localtime(real_now(), ZoneInfo(zone)).date(), time(23, 58), ZoneInfo(zone))
    shift = late - timedelta(days=1) - real_now()
    monkeypatch.setattr(timezone, "now", lambda: real_now() + shift)
    brk = space.take_space(alex, 20, WORDS)
    shown = banner({"alex": alex_client, "sam": sam_client}[who].get("/calm/breathe/"))
    assert as_shown(brk.returns_at, zone) == "tomorrow at 00:18"
    assert says in shown


def test_the_waiting_partner_may_still_take_space_too(sam_client, brk):
    assert "I need space" in header(sam_client.get("/calm/breathe/"))


def test_without_a_break_there_is_no_banner_and_the_header_offers_space(alex_client):
    response = alex_client.get("/calm/breathe/")
    assert 'class="held"' not in banner(response)
    assert "I need space" in header(response)
    assert "Your break" not in header(response)


def test_the_banner_appears_live_and_goes_when_the_break_is_over(alex, sam, sam_client):
    empty = sam_client.get(HELD)
    assert empty.status_code == 200
    seen = re.search(r"seen=(\w+)", empty.content.decode()).group(1)
    # Nothing changed: the live check answers with no content.
    assert sam_client.get(HELD, {"seen": seen}).status_code == 204

    brk = space.take_space(alex, 20, WORDS)
    started = sam_client.get(HELD, {"seen": seen})
    assert started.status_code == 200
    assert WORDS in page_text(started)

    # Alex is ready early: the time to come back has come, and the banner says so.
    space.ready_to_talk(alex, brk.id)
    now = page_text(sam_client.get(HELD))
    assert "Time to come back together" in now
    assert f'href="{reverse("breaks:reconnect", args=[brk.id])}">Start reconnecting</a>' in now
    assert WORDS not in now

    # Over once each partner has said how the coming back went.
    for person in (alex, sam):
        reconnecting.record_outcome(person, brk.id, Timing.ON_TIME, Repair.REPAIRED)
    over = sam_client.get(HELD)
    assert 'class="held"' not in over.content.decode()
    assert 'class="held"' not in banner(sam_client.get("/calm/ground/"))


def test_someone_without_a_partner_gets_an_empty_banner(jo_client):
    response = jo_client.get(HELD)
    assert response.status_code == 200
    assert 'class="held"' not in response.content.decode()


def test_the_banner_is_only_read(alex_client):
    assert alex_client.post(HELD).status_code == 405


def test_the_banner_asks_a_stranger_to_sign_in(client):
    response = client.get(HELD)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
