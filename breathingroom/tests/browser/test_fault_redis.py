"""Redis dies during a break, and comes back: the waiting partner still learns everything, in order.

The app runs as a real uvicorn process whose channel layer and cache are a Redis of this test's
own, which the test kills (SIGKILL) and starts again on the same port.
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from breathingroom.breaks.models import Break
from breathingroom.events.models import Event
from breathingroom.events.publish import latest_seq
from breathingroom.tests.servers import (
    assert_not_reloaded,
    go_live,
    heard,
    live_after,
    server_errors,
    sockets,
    unexpected,
)

# Redis here is always a private one this test stops and freezes, so a second pass repeats the first.
pytestmark = [pytest.mark.browser, pytest.mark.once]

STILL_HERE = "I'm still here. Back soon, Redis or not."
LONGER = "A little longer. Still coming back."
# While Redis is down, every try to reopen a socket is refused (the handshake fails with a 500).
SOCKET_REFUSED = "Error during WebSocket handshake: Unexpected response code: 500"


def test_redis_stopped_during_a_break(app_processes, private_redis, phones, problems, shoot, alex, sam, couple):
    web = app_processes.web(redis_url=private_redis.url)
    alex_page = phones.open(web.url, alex)
    sam_page = phones.open(web.url, sam, "America/New_York")
    go_live(alex_page)
    go_live(sam_page)
    sam_body = sam_page.locator("body")

    private_redis.kill()

    # Alex steps away while Redis is gone: the step itself works, and takes no longer.
    alex_page.get_by_role("link", name="I need space").click()
    alex_page.get_by_label("Your words to your partner").fill(STILL_HERE)
    started = time.monotonic()
    alex_page.get_by_role("button", name="20 minutes").click()
    expect(alex_page.get_by_role("heading", name="You are taking space")).to_be_visible()
    took = time.monotonic() - started
    assert took < 3, f"taking space took {took:.1f} s with Redis down"

    # Sam's socket is down, the page says so, and polls: the words arrive without a reload.
    expect(sam_body).to_have_attribute("data-live-state", "offline")
    expect(sam_page.get_by_role("heading", name="Alex is taking some space")).to_be_visible(timeout=8_000)
    expect(sam_page.locator(".reassurance")).to_have_text(STILL_HERE)
    assert sam_page.evaluate("document.body.dataset.liveState") == "offline"
    assert_not_reloaded(sam_page)
    shoot(sam_page, "fault-redis-down-sam-polls")

    private_redis.start()
    restarted = time.strftime("%H:%M:%S")
    # The page reconnects by itself, on its own backoff: at most 30 s between tries.
    try:
        expect(sam_body).to_have_attribute("data-live-state", "open", timeout=40_000)
    except AssertionError as e:
        tries = sockets(sam_page)
        stuck = tries.splitlines()[-1].split()[1] == "new"
        why = " (its last socket was never answered: the hang in test_fault_redis_down.py)" if stuck else ""
        raise AssertionError(
            f"Sam's page stayed offline after Redis came back at {restarted}{why}. Its sockets:\n{tries}"
        ) from e

    # Live again: Alex asks for more time, and Sam's open page hears it at once.
    alex_page.get_by_role("link", name="I need more time").click()
    alex_page.get_by_label("Your words to your partner").fill(LONGER)
    alex_page.get_by_role("button", name="+15 minutes").click()
    expect(sam_page.locator(".reassurance")).to_have_text(LONGER, timeout=2_000)
    assert sam_page.evaluate("document.body.dataset.liveState") == "open"
    assert_not_reloaded(sam_page)
    shoot(sam_page, "fault-redis-back-sam-live")

    # Nothing lost: the page is up to Sam's newest event, and the feed has every number once.
    newest = latest_seq(sam.pk)
    assert Event.objects.get(recipient=sam, seq=newest).type == "break.extended"
    expect(sam_body).to_have_attribute("data-live-after", str(newest))
    assert heard(sam_page)[-1] == {"id": newest, "type": "break.extended"}
    response = sam_page.request.get("/api/v1/events")
    assert response.status == 200
    feed = response.json()
    assert [e["id"] for e in feed["events"]] == list(range(1, newest + 1))
    assert feed["last"] == newest == live_after(sam_page)
    started_event, extended_event = feed["events"][-2:]
    assert (started_event["type"], extended_event["type"]) == ("break.started", "break.extended")
    assert started_event["data"]["break"] == str(Break.objects.get().id)

    assert unexpected(problems, SOCKET_REFUSED) == []
    assert server_errors(web) == []
