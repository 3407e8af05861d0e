"""More than one app process, as an operator runs it: each partner's phone on a different uvicorn,
a worker beside them, Redis between them. Then one of those processes goes away mid-break.

Pages are served by real ``uvicorn`` subprocesses on the test database. Redis is the CI's when
REDIS_URL is set, otherwise one of this test's own: either way it is a real server.
"""

from __future__ import annotations

import time
from datetime import datetime

import pytest
from playwright.sync_api import expect

from breathingroom.breaks.models import Break
from breathingroom.breaks.tests.conftest import agree
from breathingroom.events.models import Connection, Event
from breathingroom.events.publish import latest_seq
from breathingroom.tests.servers import (
    assert_not_reloaded,
    go_live,
    heard,
    live_after,
    server_errors,
    unexpected,
    wait_for,
)

pytestmark = pytest.mark.browser

WORDS = "Stepping out for a moment. I'll be back, I promise."
MORE_TIME = "Ten more minutes, please. Still coming back."
# What a browser says while the process serving it goes and is gone: a request cut off, then its
# polls and socket refused, and htmx noting the failed poll.
# How a browser says a fetch found its server gone: refused, reset, or a kept-alive connection to the
# dead process that is no longer there.
PROCESS_GONE = (
    "net::ERR_CONNECTION_REFUSED",
    "net::ERR_CONNECTION_RESET",
    "net::ERR_SOCKET_NOT_CONNECTED",
    "htmx:afterRequest",
    "htmx:sendError",
)


@pytest.fixture
def redis_url(settings, request) -> str:
    """The configured Redis when there is one (the CI's second pass), else a private one."""
    return settings.REDIS_URL or request.getfixturevalue("private_redis").url


def test_partners_on_two_processes_hear_each_other_live(
    app_processes, redis_url, phones, problems, shoot, alex, sam, couple
):
    agree(alex, sam, shortest=10, presets=(10, 20, 30))
    web_a = app_processes.web("web-a", redis_url=redis_url, minute_seconds=1)
    web_b = app_processes.web("web-b", redis_url=redis_url, minute_seconds=1)
    worker = app_processes.worker(redis_url=redis_url, minute_seconds=1)
    alex_page = phones.open(web_a.url, alex)
    sam_page = phones.open(web_b.url, sam, "America/New_York")
    go_live(alex_page)
    go_live(sam_page)
    # Each process counts its own socket, and both see both: one open page each.
    assert Connection.objects.filter(person=alex).count() == Connection.objects.filter(person=sam).count() == 1

    alex_page.get_by_role("link", name="I need space").click()
    alex_page.get_by_label("Your words to your partner").fill(WORDS)
    started = time.monotonic()
    alex_page.get_by_role("button", name="10 minutes").click()

    # Process B hears what process A did, through Redis, at once.
    expect(sam_page.get_by_role("heading", name="Alex is taking some space")).to_be_visible(timeout=2_000)
    assert time.monotonic() - started < 2
    expect(sam_page.locator(".reassurance")).to_have_text(WORDS)
    assert heard(sam_page) == [{"id": latest_seq(sam.pk), "type": "break.started"}]
    assert_not_reloaded(sam_page)
    shoot(sam_page, "fault-processes-sam-on-b-waiting")

    # Ten break-minutes later the worker, a third process, calls both back: live on both pages.
    brk = Break.objects.get()
    expect(sam_page.get_by_role("heading", name="Time to come back together")).to_be_visible(timeout=15_000)
    expect(alex_page.get_by_role("heading", name="Time to come back together")).to_be_visible(timeout=2_000)
    due = wait_for(lambda: Event.objects.filter(recipient=sam, type="reconnection.due").first(), 5, "the call back")
    assert isinstance(due, Event)
    expect(sam_page.locator("body")).to_have_attribute("data-live-after", str(due.seq), timeout=2_000)
    *_, last = heard(sam_page, detail=True)
    assert (last["id"], last["type"], last["state"]) == (due.seq, "reconnection.due", "open")
    # Heard within a moment of the worker saying it, not at the page's next poll.
    lag = last["at"] / 1000 - due.at.timestamp()
    assert lag < 2, f"the call back reached the page {lag:.1f} s after it was said"
    assert due.at >= brk.returns_at
    assert "call_back state=SUCCESSFUL" in worker.logged()
    assert_not_reloaded(sam_page)
    shoot(sam_page, "fault-processes-sam-called-back")

    assert unexpected(problems) == []
    assert server_errors(web_a, web_b) == []


@pytest.mark.parametrize("how", ["crash", "restart"])
def test_a_page_whose_process_went_away_catches_up_on_exactly_what_it_missed(
    how, app_processes, redis_url, phones, problems, shoot, alex, sam, couple
):
    web_a = app_processes.web("web-a", redis_url=redis_url)
    web_b = app_processes.web("web-b", redis_url=redis_url)
    alex_page = phones.open(web_a.url, alex)
    sam_page = phones.open(web_b.url, sam, "America/New_York")
    go_live(alex_page)
    go_live(sam_page)
    sam_body = sam_page.locator("body")
    before = live_after(sam_page)
    assert before == latest_seq(sam.pk)

    # Sam's process goes: killed outright, or stopped as a deploy would (SIGTERM), and the page
    # loses its socket either way.
    if how == "crash":
        web_b.kill()
    else:
        took = web_b.stop()
        assert web_b.stops == [(took, False)], f"uvicorn had to be killed after {took:.1f} s"
    expect(sam_body).to_have_attribute("data-live-state", "offline", timeout=5_000)

    # Meanwhile Alex does two things, on process A.
    alex_page.get_by_role("link", name="I need space").click()
    alex_page.get_by_label("Your words to your partner").fill(WORDS)
    alex_page.get_by_role("button", name="20 minutes").click()
    alex_page.get_by_role("link", name="I need more time").click()
    alex_page.get_by_label("Your words to your partner").fill(MORE_TIME)
    alex_page.get_by_role("button", name="+15 minutes").click()
    expect(alex_page.get_by_role("heading", name="You are taking space")).to_be_visible()
    missed = list(Event.objects.filter(recipient=sam, seq__gt=before).order_by("seq"))
    assert [e.type for e in missed] == ["break.started", "break.extended"]

    # Taken before starting: the page may reconnect the moment the port opens, well before start()
    # has seen the process answer and returned.
    back_at = datetime.now().timestamp()
    web_b.start()
    # The page reconnects on its own backoff and is sent exactly what it missed, in order, once.
    expect(sam_body).to_have_attribute("data-live-state", "open", timeout=20_000)
    expect(sam_body).to_have_attribute("data-live-after", str(before + 2))
    assert heard(sam_page) == [{"id": e.seq, "type": e.type} for e in missed]
    expect(sam_page.locator(".reassurance")).to_have_text(MORE_TIME)
    assert_not_reloaded(sam_page)
    shoot(sam_page, f"fault-{how}-sam-caught-up")

    # And live from then on.
    alex_page.get_by_role("button", name="I\u2019m ready to talk").click()
    expect(sam_page.get_by_role("heading", name="Time to come back together")).to_be_visible(timeout=2_000)
    assert [h["type"] for h in heard(sam_page)][2:] == ["break.ended"]
    assert live_after(sam_page) == latest_seq(sam.pk) == before + 3
    assert all(h["at"] / 1000 >= back_at - 1 for h in heard(sam_page, detail=True))

    assert unexpected(problems, *PROCESS_GONE) == []
    assert server_errors(web_a, web_b) == []
