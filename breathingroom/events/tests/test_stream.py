"""The WebSocket at /ws/events: who may open it, and that each person hears their own events only.

Each scenario is one coroutine run by ``async_to_sync``, so a connection lives in a single event
loop from start to finish. Sockets (and the sessions behind their cookies) are made before it
starts; database work inside goes through ``sync_to_async``, which runs it in the test's thread.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection, transaction

from breathingroom.accounts.models import Person
from breathingroom.conftest import client_for
from breathingroom.events import authority, tickets, watch
from breathingroom.events.authority import Authority
from breathingroom.events.consumers import UNAUTHORIZED
from breathingroom.events.publish import group_for, publish
from breathingroom.events.tests.communicator import Headers, Socket, ticket_for

pytestmark = pytest.mark.django_db(transaction=True)

SITE = (b"origin", b"http://localhost:8000")


def run(scenario: Callable[[], Awaitable[None]]) -> None:
    async def main() -> None:
        await scenario()

    async_to_sync(main)()


def browser_of(person: Person) -> Headers:
    """The handshake headers of a browser on this site, signed in as ``person``."""
    cookie = client_for(person).cookies[settings.SESSION_COOKIE_NAME]
    return [SITE, (b"cookie", f"{cookie.key}={cookie.value}".encode())]


def with_ticket(ticket: str, headers: Headers | None = None) -> Socket:
    # An app sends no Origin and no cookie: the ticket alone says who it is.
    return Socket(headers or [], f"/ws/events?ticket={ticket}")


async def opened(ws: Socket) -> Socket:
    assert await ws.connect() == (True, None)
    hello = await ws.receive_json()
    assert hello["type"] == "hello"
    assert set(hello) == {"type", "at", "last"}
    return ws


async def refused(ws: Socket) -> None:
    assert await ws.connect() == (False, UNAUTHORIZED)


@sync_to_async
def committed(recipients: list[int], type: str, data: dict[str, Any]) -> None:
    with transaction.atomic():
        publish(recipients, type, data)


class RolledBack(Exception):
    pass


@sync_to_async
def rolled_back(recipients: list[int], type: str, data: dict[str, Any]) -> None:
    try:
        with transaction.atomic():
            publish(recipients, type, data)
            raise RolledBack
    except RolledBack:
        pass


# --- Browsers, with their login cookie ---------------------------------------------------------


def test_a_signed_in_browser_hears_its_persons_event_once_committed(alex):
    ws = Socket(browser_of(alex))

    async def scenario():
        await opened(ws)
        await committed([alex.pk], "break.started", {"break": "b-1"})
        event = await ws.receive_json()
        assert set(event) == {"id", "type", "data", "at"}
        assert (event["type"], event["data"]) == ("break.started", {"break": "b-1"})
        assert await ws.receive_nothing()
        await ws.disconnect()

    run(scenario)


def test_an_event_of_a_rolled_back_change_is_never_sent(alex):
    ws = Socket(browser_of(alex))

    async def scenario():
        await opened(ws)
        await rolled_back([alex.pk], "break.started", {"break": "never"})
        await committed([alex.pk], "break.ended", {"break": "b-1"})
        # The committed event is the first and only thing to arrive.
        assert (await ws.receive_json())["data"] == {"break": "b-1"}
        assert await ws.receive_nothing()
        await ws.disconnect()

    run(scenario)


def test_every_open_page_of_a_person_hears_the_event(alex):
    phone, laptop = Socket(browser_of(alex)), Socket(browser_of(alex))

    async def scenario():
        await opened(phone)
        await opened(laptop)
        await committed([alex.pk], "agreement.proposed", {"version": 2})
        for ws in (phone, laptop):
            assert (await ws.receive_json())["type"] == "agreement.proposed"
            await ws.disconnect()

    run(scenario)


def test_no_one_hears_someone_elses_events(alex, sam, robin):
    at_alex, at_robin = Socket(browser_of(alex)), Socket(browser_of(robin))

    async def scenario():
        await opened(at_alex)
        await opened(at_robin)
        await committed([alex.pk, sam.pk], "break.started", {"break": "alex-and-sam"})
        assert (await at_alex.receive_json())["data"] == {"break": "alex-and-sam"}
        assert await at_robin.receive_nothing()
        await committed([robin.pk], "break.started", {"break": "robin"})
        assert (await at_robin.receive_json())["data"] == {"break": "robin"}
        assert await at_alex.receive_nothing()
        await at_alex.disconnect()
        await at_robin.disconnect()

    run(scenario)


def test_a_closed_socket_leaves_its_group(alex, monkeypatch):
    layer = get_channel_layer()
    left: list[str] = []
    discard = layer.group_discard

    async def spy(group: str, channel: str) -> None:
        left.append(group)
        await discard(group, channel)

    monkeypatch.setattr(layer, "group_discard", spy)
    ws = Socket(browser_of(alex))

    async def scenario():
        await opened(ws)
        assert left == []
        await ws.disconnect()
        assert left[0] == group_for(alex.pk)
        assert left[1].startswith("session.")
        assert len(left) == 2

    run(scenario)


def test_anyone_signed_out_is_refused(db):
    ws = Socket([SITE])
    run(lambda: refused(ws))


def test_a_forged_session_is_refused(db):
    ws = Socket([SITE, (b"cookie", f"{settings.SESSION_COOKIE_NAME}=forged".encode())])
    run(lambda: refused(ws))


def test_a_session_that_ended_is_refused(alex):
    browser = client_for(alex)
    cookie = browser.cookies[settings.SESSION_COOKIE_NAME]
    ws = Socket([SITE, (b"cookie", f"{cookie.key}={cookie.value}".encode())])
    browser.logout()
    run(lambda: refused(ws))


def test_a_deactivated_persons_session_is_refused(alex):
    ws = Socket(browser_of(alex))
    Person.objects.filter(pk=alex.pk).update(is_active=False)
    run(lambda: refused(ws))


@pytest.mark.parametrize("origin", [b"https://evil.example", b"http://localhost.evil.example", b"null"])
def test_a_page_of_another_site_is_refused_even_with_the_cookie(alex, origin):
    ws = Socket([(b"origin", origin), browser_of(alex)[1]])

    async def scenario():
        connected, _ = await ws.connect()
        assert not connected

    run(scenario)


def test_a_signed_in_client_without_an_origin_is_let_in(alex):
    ws = Socket([browser_of(alex)[1]])

    async def scenario():
        await opened(ws)
        await ws.disconnect()

    run(scenario)


# --- Apps, with a ticket -----------------------------------------------------------------------


def test_a_ticket_opens_the_stream_once(alex):
    ticket = ticket_for(alex)
    first, second = with_ticket(ticket), with_ticket(ticket)

    async def scenario():
        await opened(first)
        await committed([alex.pk], "reconnection.due", {"break": "b-1"})
        assert (await first.receive_json())["type"] == "reconnection.due"
        await refused(second)
        await first.disconnect()

    run(scenario)


@pytest.mark.parametrize("ticket", ["", "unknown", "x" * 5000, "%00", "%ZZ", "a&ticket=b"])
def test_an_unknown_ticket_is_refused_even_beside_a_signed_in_cookie(alex, ticket):
    ws = with_ticket(ticket, browser_of(alex))
    run(lambda: refused(ws))


def test_a_ticket_of_someone_since_deactivated_is_refused(alex):
    ws = with_ticket(ticket_for(alex))
    Person.objects.filter(pk=alex.pk).update(is_active=False)
    run(lambda: refused(ws))


def test_a_ticket_hears_only_its_own_persons_events(alex, robin):
    ws = with_ticket(ticket_for(robin))

    async def scenario():
        await opened(ws)
        await committed([alex.pk], "break.started", {"break": "alex"})
        assert await ws.receive_nothing()
        await ws.disconnect()

    run(scenario)


def test_of_many_connections_racing_with_one_ticket_only_one_gets_in(alex):
    ticket = ticket_for(alex)
    start = threading.Barrier(8)
    won: list[Authority | None] = []

    def redeem() -> None:
        start.wait()
        try:
            won.append(tickets.redeem(ticket))
        finally:
            connection.close()

    racers = [threading.Thread(target=redeem) for _ in range(8)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()
    assert len(won) == 8
    assert [held.person_id for held in won if held is not None] == [alex.pk]


def test_an_event_that_never_arrived_live_comes_with_the_watchs_next_round(alex, monkeypatch):
    # As with the worker on the in-memory layer: the event is kept, but this process never hears it.
    from breathingroom.events import publish as publishing

    ws = Socket(browser_of(alex))

    async def scenario():
        await opened(ws)
        monkeypatch.setattr(publishing, "_deliver", lambda events: None)
        await committed([alex.pk], "reconnection.due", {"break": "b-1"})
        assert await ws.receive_nothing()

        await watch.now(beat=False)
        missed = await ws.receive_json()
        assert (missed["type"], missed["id"]) == ("reconnection.due", 1)
        await watch.now(beat=False)
        await ws.send_text('{"type": "ping"}')
        assert await ws.receive_json() == {"type": "pong"}
        assert await ws.receive_nothing()
        await ws.disconnect()

    run(scenario)


def test_the_watch_comes_round_by_itself(alex, monkeypatch):
    from breathingroom.events import publish as publishing

    monkeypatch.setattr(watch, "CATCH_UP_SECONDS", 0.05)
    ws = Socket(browser_of(alex))

    async def scenario():
        await opened(ws)
        monkeypatch.setattr(publishing, "_deliver", lambda events: None)
        await committed([alex.pk], "reconnection.due", {"break": "b-1"})
        missed = await ws.receive_json()
        assert (missed["type"], missed["id"]) == ("reconnection.due", 1)
        await ws.disconnect()
        # Its last socket gone, the watch stops: nothing is left running in the loop.
        assert watch.watch().task is None

    run(scenario)


def test_one_round_asks_the_same_number_of_queries_for_one_socket_as_for_many(alex, sam, monkeypatch):
    from django.test.utils import CaptureQueriesContext

    def counted(sockets: int) -> int:
        people = [alex, sam]
        found = [
            watch.Socket(authority.of_session(client_for(people[i % 2]).session.session_key), f"c!{i}", 0)
            for i in range(sockets)
        ]
        with CaptureQueriesContext(connection) as seen:
            watch.check(found, beat=True)
        return len(seen.captured_queries)

    assert counted(1) == counted(40)
