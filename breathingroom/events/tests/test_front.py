"""The one cookie the events socket reads, among whatever else a browser sends."""

from __future__ import annotations

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from breathingroom.events.front import session_key
from breathingroom.events.tests.communicator import Socket
from breathingroom.events.tests.test_stream import SITE, browser_of, opened, refused, run

NAME = settings.SESSION_COOKIE_NAME
# The sockets run in event loops of their own, which see only what is committed.
sockets = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("cookie", "expected"),
    [
        (f"{NAME}=abc123", "abc123"),
        (f"theme=dark; {NAME}=abc123; csrftoken=zzz", "abc123"),
        (f"{NAME}=", None),
        ("theme=dark", None),
        ("", None),
        (f"  {NAME} = abc123 ", "abc123"),
    ],
)
def test_the_session_key_is_read_from_the_cookie_header_alone(cookie, expected):
    assert session_key([(b"user-agent", b"x"), (b"cookie", cookie.encode())]) == expected


def test_no_cookie_header_is_no_session():
    assert session_key([(b"origin", b"http://localhost:8000")]) is None


@given(st.binary(max_size=200))
def test_any_cookie_bytes_give_a_key_or_none_and_never_fail(raw):
    found = session_key([(b"cookie", raw)])
    assert found is None or isinstance(found, str)


@sockets
def test_a_socket_opens_with_the_session_cookie_among_others(alex):
    (site, (_, cookie)) = browser_of(alex)
    crowded = b"theme=dark; " + cookie + b"; last_seen=42"

    async def scenario():
        ws = await opened(Socket([site, (b"cookie", crowded)]))
        await ws.disconnect()

    run(scenario)


@sockets
def test_another_cookie_of_the_same_value_does_not_sign_in(alex):
    (site, (_, cookie)) = browser_of(alex)
    value = cookie.split(b"=", 1)[1]

    async def scenario():
        await refused(Socket([site, (b"cookie", b"not_the_session=" + value)]))

    run(scenario)


@sockets
def test_a_made_up_session_key_is_refused():
    async def scenario():
        await refused(Socket([SITE, (b"cookie", f"{NAME}=madeup0000000000000000000000000".encode())]))

    run(scenario)


def test_the_socket_keeps_the_session_key_and_none_of_the_handshakes_headers():
    import asyncio

    from breathingroom.events.front import SessionKey

    seen: list[dict] = []

    async def app(scope, receive, send):
        seen.append(scope)

    scope = {"type": "websocket", "headers": [(b"user-agent", b"x" * 300), (b"cookie", f"{NAME}=abc123".encode())]}
    asyncio.run(SessionKey(app)(scope, None, None))
    [passed] = seen
    assert passed["session_key"] == "abc123"
    # Changed where it is, not copied: the server's own scope lets the headers go too.
    assert passed is scope
    assert passed["headers"] == []
