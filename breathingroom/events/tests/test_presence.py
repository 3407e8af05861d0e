"""Whether someone has a page or app open right now: while its socket is up and still talking.

A phone that is looked at needs no push; one whose pages are all closed, or gone quiet, does.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from django.utils import timezone

from breathingroom.accounts.models import Person
from breathingroom.events import presence, watch
from breathingroom.events.models import Connection
from breathingroom.events.tests.communicator import Socket, ticket_for
from breathingroom.events.tests.test_stream import browser_of, opened, run, with_ticket

pytestmark = pytest.mark.django_db(transaction=True)

LONG_AGO = presence.GONE_AFTER + timedelta(seconds=1)


@sync_to_async
def open_page(person: Person) -> bool:
    return presence.has_open_page(person.pk)


@sync_to_async
def connections_of(person: Person) -> list[Connection]:
    return list(Connection.objects.filter(person=person))


@sync_to_async
def quiet_since(person: Person, ago: timedelta) -> None:
    Connection.objects.filter(person=person).update(seen_at=timezone.now() - ago)


async def closed_by_server(ws: Socket, within: float) -> bool:
    message = await ws.receive_output(timeout=within)
    return message["type"] == "websocket.close"


# --- The socket keeps its row ------------------------------------------------------------------


def test_an_open_page_counts_until_it_closes(alex, sam):
    ws = Socket(browser_of(alex))

    async def scenario():
        assert not await open_page(alex)
        await opened(ws)
        [row] = await connections_of(alex)
        assert abs(row.seen_at - timezone.now()) < timedelta(seconds=5)
        assert await open_page(alex)
        assert not await open_page(sam)
        await ws.disconnect()
        assert await connections_of(alex) == []
        assert not await open_page(alex)

    run(scenario)


def test_an_app_with_a_ticket_counts_as_open_too(alex):
    ws = with_ticket(ticket_for(alex))

    async def scenario():
        await opened(ws)
        assert await open_page(alex)
        await ws.disconnect()
        assert not await open_page(alex)

    run(scenario)


def test_each_open_page_has_its_own_row_and_closing_one_leaves_the_other(alex):
    phone, laptop = Socket(browser_of(alex)), Socket(browser_of(alex))

    async def scenario():
        await opened(phone)
        await opened(laptop)
        assert len(await connections_of(alex)) == 2
        await phone.disconnect()
        assert len(await connections_of(alex)) == 1
        assert await open_page(alex)
        await laptop.disconnect()
        assert not await open_page(alex)

    run(scenario)


def test_a_refused_socket_leaves_no_row(alex):
    ws = with_ticket("unknown")

    async def scenario():
        assert (await ws.connect())[0] is False
        assert await connections_of(alex) == []

    run(scenario)


def test_the_heartbeat_keeps_a_quiet_page_counted(alex):
    ws = Socket(browser_of(alex))

    async def scenario():
        await opened(ws)
        await quiet_since(alex, LONG_AGO)
        assert not await open_page(alex)
        await watch.now(beat=True)
        [row] = await connections_of(alex)
        assert timezone.now() - row.seen_at < timedelta(seconds=5)
        assert await open_page(alex)
        await ws.disconnect()

    run(scenario)


def test_a_page_whose_row_was_tidied_away_after_a_late_heartbeat_counts_again(alex):
    """The socket outlived its row (a late heartbeat, tidied meanwhile): the next heartbeat brings it back."""
    ws = Socket(browser_of(alex))

    async def scenario():
        await opened(ws)
        await quiet_since(alex, LONG_AGO)
        assert await sync_to_async(presence.forget_gone)() == 1
        await watch.now(beat=True)
        assert await open_page(alex)
        await ws.disconnect()
        assert await connections_of(alex) == []

    run(scenario)


# --- Rows left behind --------------------------------------------------------------------------


def _row(person: Person, name: str, seen: timedelta) -> Connection:
    now = timezone.now()
    return Connection.objects.create(channel_name=name, person=person, opened_at=now - seen, seen_at=now - seen)


def test_a_row_not_heard_from_for_too_long_does_not_count(alex):
    _row(alex, "dead-process!1", LONG_AGO)
    assert not presence.has_open_page(alex.pk)
    _row(alex, "live-process!1", presence.GONE_AFTER - timedelta(seconds=5))
    assert presence.has_open_page(alex.pk)


def test_forgetting_the_gone_removes_only_stale_rows(alex, sam):
    _row(alex, "dead!1", LONG_AGO)
    _row(sam, "dead!2", timedelta(days=3))
    _row(sam, "live!1", timedelta(seconds=1))
    assert presence.forget_gone() == 2
    assert list(Connection.objects.values_list("channel_name", flat=True)) == ["live!1"]
    assert presence.forget_gone() == 0


def test_a_channel_name_used_again_is_one_row_for_its_new_person(alex, sam):
    _row(alex, "reused!1", LONG_AGO)
    presence.opened(sam.pk, "reused!1")
    row = Connection.objects.get()
    assert row.person == sam
    assert presence.has_open_page(sam.pk)
    assert not presence.has_open_page(alex.pk)


# --- A socket that says nothing ----------------------------------------------------------------


def test_a_socket_that_says_nothing_is_closed_and_stops_counting(alex, monkeypatch):
    monkeypatch.setattr(watch, "SILENT_FOR", 0.3)
    monkeypatch.setattr(watch, "CATCH_UP_SECONDS", 0.05)
    ws = Socket(browser_of(alex))

    async def scenario():
        await opened(ws)
        assert await ws.receive_nothing(timeout=0.15)
        assert await closed_by_server(ws, within=1)
        # The server tells the app the socket is gone once it has closed it.
        await ws.disconnect()
        assert not await open_page(alex)

    run(scenario)


def test_between_heartbeats_a_quiet_page_is_left_alone(alex):
    ws = Socket(browser_of(alex))

    async def scenario():
        await opened(ws)
        await quiet_since(alex, LONG_AGO)
        await watch.now(beat=False)
        assert not await open_page(alex)
        await ws.disconnect()

    run(scenario)


def test_a_socket_that_keeps_pinging_stays_open(alex, monkeypatch):
    # Pinging for twice as long as a socket may stay silent; the margins leave room for a busy machine.
    monkeypatch.setattr(watch, "SILENT_FOR", 1.0)
    monkeypatch.setattr(watch, "CATCH_UP_SECONDS", 0.05)
    ws = Socket(browser_of(alex))

    async def scenario():
        await opened(ws)
        for _ in range(20):
            await asyncio.sleep(0.1)
            await ws.send_text('{"type": "ping"}')
            assert await ws.receive_json() == {"type": "pong"}
        assert await open_page(alex)
        assert await closed_by_server(ws, within=3)
        await ws.disconnect()

    run(scenario)
