"""/ws/events under attack: pages of other origins, tickets raced, replayed, forged or swollen, hostile
frames, and listening in on someone else. Each is tried with a real socket on the real application;
the race, and closing from another process, with two real uvicorn processes sharing a Redis.
"""

from __future__ import annotations

import json
import secrets
import time

import pytest
from asgiref.sync import sync_to_async
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from breathingroom.breaks import space
from breathingroom.breaks.tests.conftest import REASSURANCE
from breathingroom.conftest import at_once, client_for
from breathingroom.events.consumers import LARGEST_FRAME, TOO_BIG
from breathingroom.events.tests.communicator import Socket, ticket_for
from breathingroom.events.tests.test_stream import browser_of, committed, opened, refused, run, with_ticket
from breathingroom.tests.servers import AppProcess

pytestmark = pytest.mark.django_db(transaction=True)


# --- Only this site's own pages ------------------------------------------------------------------


def knocks_from(origin: str, cookie: tuple[bytes, bytes]) -> bool:
    """Whether a page at ``origin``, sending the person's cookie as browsers do, gets a socket."""
    ws = Socket([(b"origin", origin.encode()), cookie])
    answer: list[bool] = []

    async def scenario():
        connected, _ = await ws.connect()
        answer.append(connected)
        if connected:
            await ws.disconnect()

    run(scenario)
    return answer[0]


EMBEDDED = "http://127.0.0.1:8000"


@pytest.mark.parametrize("origin", ["http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"])
def test_the_embedded_site_is_its_own_address_under_each_loopback_name(alex, settings, origin):
    settings.SITE_URL = EMBEDDED
    assert knocks_from(origin, browser_of(alex)[1])


@pytest.mark.parametrize(
    "origin",
    [
        "http://127.0.0.1:1",  # another program on this machine
        "http://localhost:3000",  # a developer's other project
        "http://[::1]:8001",
        "http://localhost",
        "https://127.0.0.1:8000",  # the right port under another scheme
        "https://localhost:8000",
        "ws://localhost:8000",
        "http://localhost.evil.example:8000",
        "http://127.0.0.1.nip.io:8000",
        "http://192.168.1.20:8000",
        "http://evil.example",
        "null",  # a sandboxed frame, a file, a redirect
        "file://",
        "http://127.0.0.1:8000@evil.example",
    ],
)
def test_any_other_scheme_port_or_host_is_refused_on_the_embedded_site(alex, settings, origin):
    settings.SITE_URL = EMBEDDED
    assert not knocks_from(origin, browser_of(alex)[1])


@pytest.mark.parametrize(
    ("origin", "let_in"),
    [
        ("https://breathingroom.example", True),
        ("http://breathingroom.example", False),
        ("https://breathingroom.example:8443", False),
        ("https://www.breathingroom.example", False),
        ("https://breathingroom.example.evil.example", False),
        ("https://localhost", False),
        ("http://127.0.0.1:8000", False),
    ],
)
def test_a_public_site_takes_its_own_origin_only(alex, settings, origin, let_in):
    settings.SITE_URL = "https://breathingroom.example"
    assert knocks_from(origin, browser_of(alex)[1]) is let_in


# --- Tickets ---------------------------------------------------------------------------------------


def test_a_ticket_is_good_until_its_thirtieth_second_and_not_at_it(alex, monkeypatch):
    issued = time.time()
    on_time, late = ticket_for(alex), ticket_for(alex)
    # The ticket's own clock is moved, nothing else: its deadline is checked against time.time().
    monkeypatch.setattr(time, "time", lambda: issued + 29.9)
    run(lambda: opened(with_ticket(on_time)))
    monkeypatch.setattr(time, "time", lambda: issued + 30.5)
    run(lambda: refused(with_ticket(late)))


@pytest.mark.parametrize(
    "ticket",
    [
        secrets.token_urlsafe(32),  # shaped like one, never issued
        "x" * 100_000,
        "%00" * 1000,
    ],
    # Named, not shown: every test process must collect the same tests, and the forged one is random.
    ids=["forged", "swollen", "escaped-nul"],
)
def test_a_forged_or_swollen_ticket_is_refused(alex, ticket):
    run(lambda: refused(with_ticket(ticket)))


def test_a_swollen_handshake_is_refused_even_with_a_good_cookie(alex):
    ws = Socket(browser_of(alex), f"/ws/events?after={'9' * 100_000}")
    run(lambda: refused(ws))


# --- Frames ----------------------------------------------------------------------------------------

HOSTILE = [
    "not json",
    '{"type": "ping"',
    "[" * 2_000 + "]" * 2_000,
    '{"a":' * 600 + "1" + "}" * 600,
    '{"type": "subscribe", "person": 1}',
    '{"type": "event.deliver", "event": {"id": 999, "type": "break.started"}}',
    '{"type": "socket.close", "code": 4401}',
    '{"type": ["ping"]}',
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    "",
]


def test_hostile_frames_are_ignored_and_the_socket_carries_on(alex):
    ws = Socket(browser_of(alex))

    async def scenario():
        await opened(ws)
        for frame in HOSTILE:
            await ws.send_text(frame)
        await ws.send_bytes(b'{"type": "ping"}')
        await ws.send_bytes(bytes(range(256)))
        await ws.send_text(" " * (LARGEST_FRAME - 16) + '{"type": "ping"}')
        # The last frame was just within the limit: it is a ping like any other.
        assert await ws.receive_json() == {"type": "pong"}
        assert await ws.receive_nothing()
        await committed([alex.pk], "break.ended", {})
        assert (await ws.receive_json())["type"] == "break.ended"
        await ws.disconnect()

    run(scenario)


@pytest.mark.parametrize("frame", ["text", "bytes"])
def test_a_frame_over_the_limit_closes_the_socket(alex, frame):
    ws = Socket(browser_of(alex))
    big = '{"type": "ping", "pad": "' + "x" * LARGEST_FRAME + '"}'

    async def scenario():
        await opened(ws)
        await (ws.send_text(big) if frame == "text" else ws.send_bytes(big.encode()))
        assert await ws.closed() == TOO_BIG
        await committed([alex.pk], "break.started", {})
        assert await ws.receive_nothing()
        await ws.disconnect()

    run(scenario)


# --- Nobody hears another ------------------------------------------------------------------------


def test_robin_hears_nothing_of_alexs_break(alex, sam, couple, robin):
    at_robin, at_sam = Socket(browser_of(robin)), Socket(browser_of(sam))

    async def scenario():
        await opened(at_robin)
        await opened(at_sam)
        await sync_to_async(space.take_space)(alex, 30, REASSURANCE)
        started = await at_sam.receive_json()
        assert started["type"] == "break.started"
        assert await at_robin.receive_nothing()
        await at_robin.disconnect()
        await at_sam.disconnect()

    run(scenario)


# --- Across processes, on Redis --------------------------------------------------------------------


@pytest.fixture
def two_webs(app_processes, private_redis) -> tuple[AppProcess, AppProcess]:
    url = private_redis.url
    return app_processes.web("web-a", redis_url=url), app_processes.web("web-b", redis_url=url)


def socket_url(web: AppProcess, query: str = "") -> str:
    return web.url.replace("http://", "ws://") + "/ws/events" + query


def ticket_from(web: AppProcess, session_key: str) -> str:
    import urllib.request

    request = urllib.request.Request(  # noqa: S310 (the app's own http:// address)
        web.url + "/api/v1/events/ticket", method="POST", headers={"X-Session-Token": session_key}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
        return json.loads(answer.read())["ticket"]


def test_of_two_processes_raced_with_one_ticket_exactly_one_lets_it_in(two_webs, alex):
    web_a, web_b = two_webs
    # An app's session token is its session's key; this one is alex's.
    ticket = ticket_from(web_a, client_for(alex).session.session_key)

    def knock(web: AppProcess) -> str:
        try:
            with connect(socket_url(web, f"?ticket={ticket}"), open_timeout=10) as ws:
                return json.loads(ws.recv(timeout=10))["type"]
        except InvalidStatus as refusal:
            return f"refused {refusal.response.status_code}"

    for _ in range(3):
        outcomes = at_once(lambda: knock(web_a), lambda: knock(web_b))
        assert sorted(map(str, outcomes)) == ["hello", "refused 403"]
        ticket = ticket_from(web_b, client_for(alex).session.session_key)


def test_signing_out_through_one_process_closes_the_socket_held_by_another(two_webs, alex):
    from breathingroom.tests.test_fault_redis_down import Browser

    web_a, web_b = two_webs
    laptop = Browser(web_b)
    laptop.sign_in_as(alex)
    (cookie,) = list(laptop.cookies)
    headers = {"Cookie": f"{cookie.name}={cookie.value}", "Origin": web_a.url}

    with connect(socket_url(web_a), additional_headers=headers, open_timeout=10) as ws:
        assert json.loads(ws.recv(timeout=10))["type"] == "hello"
        assert laptop.post_form("/accounts/logout/", {}) == 302
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=5)
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == 4401
