"""live.js in a real browser: events arrive as DOM events, and a page is asked to poll when they can't.

No template loads live.js yet, so each test opens a signed-in page and adds it the way the base
template will: ``<body data-live="/ws/events">`` and a module script from /static/.
"""

from __future__ import annotations

import asyncio
import json
import re
from datetime import timedelta
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from playwright.sync_api import Page, WebSocketRoute, expect
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from breathingroom.accounts.models import Person
from breathingroom.conftest import client_for
from breathingroom.events.consumers import EventsConsumer
from breathingroom.events.publish import publish
from breathingroom.events.tests.communicator import ticket_for

# Page and script behaviour alike on every database; the first CI pass proves it.
pytestmark = [pytest.mark.browser, pytest.mark.once]

# Everything live.js tells the page, in order, with the page's clock.
RECORD = """() => {
    window.heard = [];
    for (const name of ["br:event", "br:break-started", "br:break-ended", "br:poll"]) {
        document.body.addEventListener(name, (e) => window.heard.push({name, detail: e.detail, at: Date.now()}));
    }
}"""


def heard(page: Page, name: str) -> list[dict[str, Any]]:
    return [h for h in page.evaluate("window.heard") if h["name"] == name]


@pytest.fixture
def server_loop(monkeypatch) -> list[asyncio.AbstractEventLoop]:
    """The event loop the server runs sockets on, known once a page has connected.

    Events must be sent from there. The test's own thread cannot (Playwright keeps an event loop
    running in it, and async_to_sync refuses to block one), and the in-memory layer's queues may
    only be touched from the loop that waits on them.
    """
    loops: list[asyncio.AbstractEventLoop] = []
    original = EventsConsumer.connect

    async def noting_the_loop(self: EventsConsumer) -> None:
        # The server runs in this process, so it sends through the very layer the tests publish to.
        assert self.channel_layer is get_channel_layer()
        loops.append(asyncio.get_running_loop())
        await original(self)

    monkeypatch.setattr(EventsConsumer, "connect", noting_the_loop)
    return loops


def publish_on(loop: asyncio.AbstractEventLoop, recipients: list[int], type: str, data: dict[str, Any]) -> None:
    """Publish as a view would: in a worker thread of the server, committed, then sent on its loop."""

    def commit() -> None:
        try:
            with transaction.atomic():
                publish(recipients, type, data)
        finally:
            connection.close()

    asyncio.run_coroutine_threadsafe(sync_to_async(commit)(), loop).result(timeout=5)


def sign_in(page: Page, server, person: Person) -> None:
    cookie = client_for(person).cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": server.url}])


def go_live(page: Page, server) -> None:
    page.goto("/")
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    page.evaluate("document.body.dataset.live = '/ws/events'")
    page.add_script_tag(url=f"{server.url}/static/breathingroom/live.js", type="module")
    page.wait_for_function("() => document.body.dataset.liveState === 'open'", timeout=5_000)
    page.evaluate(RECORD)


def assert_clean(problems, server) -> None:
    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == [], [r.getMessage() for r in server.errors]


def test_an_event_reaches_the_page_as_dom_events_at_once(phone, server, problems, alex, robin, server_loop):
    page = phone("Alex", "Europe/London")
    sign_in(page, server, alex)
    go_live(page, server)
    # Open at all means the page's policy (connect-src 'self') lets it reach ws:// on its own host.

    publish_on(server_loop[-1], [robin.pk], "break.started", {"break": "robin's"})
    publish_on(server_loop[-1], [alex.pk], "break.started", {"break": "b-1"})
    page.wait_for_function("() => window.heard.length >= 2", timeout=2_000)

    names = [h["name"] for h in page.evaluate("window.heard")]
    assert names == ["br:event", "br:break-started"]
    for h in page.evaluate("window.heard"):
        assert h["detail"]["type"] == "break.started"
        assert h["detail"]["data"] == {"break": "b-1"}
    assert_clean(problems, server)


class Outage:
    """Stands between the page and the server's socket; ``begin`` drops it and turns new ones away."""

    def __init__(self) -> None:
        self.down = False
        self.turned_away = 0
        self.open: list[WebSocketRoute] = []

    def route(self, ws: WebSocketRoute) -> None:
        if self.down:
            self.turned_away += 1
            ws.close()
            return
        ws.connect_to_server()
        self.open.append(ws)

    def begin(self) -> None:
        self.down = True
        for ws in self.open:
            ws.close()
        self.open.clear()


def test_while_the_socket_is_down_the_page_polls_and_catches_up_when_it_is_back(
    phone, server, problems, alex, server_loop
):
    page = phone("Alex", "Europe/London")
    outage = Outage()
    # The socket asks for what came after the last event the page saw: /ws/events?after=n.
    page.route_web_socket(re.compile(r"/ws/events(\?|$)"), outage.route)
    sign_in(page, server, alex)
    go_live(page, server)

    outage.begin()
    page.wait_for_function("() => document.body.dataset.liveState === 'offline'", timeout=2_000)
    page.wait_for_function("() => window.heard.some((h) => h.name === 'br:poll')", timeout=7_000)
    assert page.evaluate("document.body.dataset.liveState") == "offline"
    # It kept trying, but backing off: about 1 s, 2 s, 4 s apart, not once a second.
    assert 2 <= outage.turned_away <= 4, outage.turned_away

    polls = len(heard(page, "br:poll"))
    outage.down = False
    # A phone coming back online does not wait out the backoff.
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_function("() => document.body.dataset.liveState === 'open'", timeout=2_000)
    # Back: one poll at once, for whatever was missed meanwhile.
    page.wait_for_function(
        f"() => window.heard.filter((h) => h.name === 'br:poll').length === {polls + 1}", timeout=1_000
    )
    back_at = heard(page, "br:poll")[-1]["at"]

    publish_on(server_loop[-1], [alex.pk], "break.ended", {"break": "b-1"})
    page.wait_for_function("() => window.heard.some((h) => h.name === 'br:break-ended')", timeout=2_000)

    # And no more polling while the socket is open.
    page.wait_for_timeout(max(0, back_at + 5_500 - page.evaluate("Date.now()")))
    assert len(heard(page, "br:poll")) == polls + 1
    assert_clean(problems, server)


def swap_in(page: Page, moments: list[str], box: str) -> None:
    """Have htmx fetch and add a region showing ``moments``, as a live region's refresh would."""
    html = f'<div id="{box}">' + "".join(f'<p data-refresh-at="{m}"></p>' for m in moments) + "</div>"
    page.route(f"**/{box}", lambda route: route.fulfill(content_type="text/html", body=html))
    page.evaluate(f"() => htmx.ajax('GET', '/{box}', {{target: 'main', swap: 'beforeend'}})")


def swap_out(page: Page, box: str) -> None:
    page.route(f"**/{box}/gone", lambda route: route.fulfill(content_type="text/html", body=""))
    page.evaluate(f"() => htmx.ajax('GET', '/{box}/gone', {{target: '#{box}', swap: 'outerHTML'}})")


def test_the_page_polls_when_a_moment_it_shows_comes(phone, server, problems, alex):
    page = phone("Alex", "Europe/London")
    sign_in(page, server, alex)
    go_live(page, server)

    now = timezone.now()
    soon = (now + timedelta(seconds=1)).isoformat()
    gone = (now + timedelta(milliseconds=1_500)).isoformat()
    swap_in(page, [soon, soon, "not a time", (now + timedelta(days=3)).isoformat()], "swapped-in")
    swap_in(page, [gone], "swapped-out")
    swap_out(page, "swapped-out")
    expect(page.locator("[data-refresh-at]")).to_have_count(4)

    page.wait_for_function("() => window.heard.some((h) => h.name === 'br:poll')", timeout=3_000)
    (poll,) = heard(page, "br:poll")
    due = (now + timedelta(seconds=1)).timestamp() * 1000
    assert due + 200 <= poll["at"] <= due + 1_000, poll["at"] - due

    # The refreshed page shows the same moment again: it is past, and does not poll a second time.
    swap_in(page, [soon], "refreshed")
    page.wait_for_timeout(max(0, poll["at"] + 2_200 - page.evaluate("Date.now()")))
    assert len(heard(page, "br:poll")) == 1

    # Coming back to the tab (as after the phone slept) polls once.
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    assert len(heard(page, "br:poll")) == 2
    assert_clean(problems, server)


def test_an_app_opens_the_stream_with_a_ticket_over_the_real_server(server, alex):
    url = server.url.replace("http://", "ws://") + "/ws/events"
    # Like an app: no Origin, no cookie. Without a ticket the handshake itself is refused.
    with pytest.raises(InvalidStatus) as refusal:
        connect(url, open_timeout=5)
    assert refusal.value.response.status_code == 403

    with connect(f"{url}?ticket={ticket_for(alex)}", open_timeout=5) as ws:
        assert json.loads(ws.recv(timeout=5))["type"] == "hello"
        ws.send(json.dumps({"type": "ping"}))
        assert json.loads(ws.recv(timeout=5)) == {"type": "pong"}


def test_live_parts_asked_to_refresh_while_the_server_is_unreachable_raise_no_error(
    phone, server, problems, alex, couple
):
    page = phone("Alex", "Europe/London")
    sign_in(page, server, alex)
    page.goto("/")
    page.wait_for_function("() => document.body.dataset.liveState === 'open'", timeout=5_000)
    parts = page.locator("[data-live-url][id]")
    assert parts.count() >= 2
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    # Every live part's address, whichever apps put parts on Home.
    paths = parts.evaluate_all("parts => parts.map(part => new URL(part.dataset.liveUrl, location.href).pathname)")
    unreachable = re.compile("|".join(re.escape(path) for path in paths))
    page.route(unreachable, lambda route: route.abort("connectionrefused"))

    # Every part refreshes at once, as on a poll while the server is gone: each fails on its own.
    page.evaluate("() => document.body.dispatchEvent(new CustomEvent('br:poll'))")
    for _ in range(30):
        if len(failed) >= parts.count():
            break
        page.wait_for_timeout(100)
    # A moment more for any rejection nobody handled to reach the page.
    page.wait_for_timeout(500)
    assert len(failed) == parts.count(), failed
    assert [p for p in problems.items if "uncaught" in p] == []

    # And once it is back, each part refreshes again: none was left waiting on the failure.
    page.unroute(unreachable)
    with page.expect_response(re.compile(r"/notifications/offer/")):
        page.evaluate("() => document.body.dispatchEvent(new CustomEvent('br:poll'))")


def test_a_refresh_that_brings_nothing_new_leaves_a_half_pressed_button_in_place(
    phone, server, problems, alex, sam, couple
):
    """A finger on a button while the ritual refreshes itself (the echo of a person's own step, a poll)
    still presses that button when lifted: a refresh that changes nothing replaces nothing."""
    from breathingroom.breaks import reconnecting, space
    from breathingroom.breaks.tests.conftest import agree, until_reconnecting

    agree(alex, sam)
    brk = until_reconnecting(space.take_space(alex, 20, "Back soon, love. I am settling, not leaving."))
    reconnecting.check_in(alex, brk.id, 3)
    reconnecting.check_in(sam, brk.id, 3)
    page = phone("Alex", "Europe/London")
    sign_in(page, server, alex)
    page.goto(f"/space/{brk.id}/reconnect/")
    page.wait_for_function("() => document.body.dataset.liveState === 'open'", timeout=5_000)
    # Sam waited, so Sam speaks first, and Alex, listening, says back what they heard.
    box = page.get_by_role("button", name="I said it back").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    with page.expect_response(re.compile(rf"/space/{brk.id}/reconnect/")):
        page.evaluate("() => document.body.dispatchEvent(new CustomEvent('br:poll'))")
    page.wait_for_timeout(200)  # the answer settles
    page.mouse.up()
    expect(page.get_by_role("button", name="I said it back")).to_have_count(0)
    expect(page.get_by_text("Waiting for Sam to say whether they felt heard.")).to_be_visible()
    assert problems.items == []
