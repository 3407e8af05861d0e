"""/ws/events?after=<n>: a page or app that was away is sent exactly what it missed, then what is new.

Whatever the socket sends, counted by number, is 1, 2, 3… from where the client was: nothing
skipped, nothing twice, and never anyone else's.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from channels.layers import get_channel_layer
from django.db import transaction
from django.test import Client

from breathingroom.accounts.models import Person
from breathingroom.breaks import space
from breathingroom.breaks.models import Break
from breathingroom.breaks.tests.conftest import REASSURANCE
from breathingroom.conftest import client_for
from breathingroom.events import publish as events
from breathingroom.events.models import Event
from breathingroom.events.tests.communicator import Headers, Socket, ticket_for
from breathingroom.events.tests.test_stream import browser_of, committed, run

pytestmark = pytest.mark.django_db(transaction=True)


def before(*people: Person, n: int) -> None:
    """``n`` events for each of ``people``, committed before any socket opens."""
    with transaction.atomic():
        for i in range(n):
            events.publish([p.pk for p in people], "break.extended", {"n": i + 1})


async def open_after(headers: Headers, after: object = None, ticket: str = "") -> tuple[Socket, dict[str, Any]]:
    """An accepted socket, and its hello."""
    query = [f"ticket={ticket}"] if ticket else []
    if after is not None:
        query.append(f"after={after}")
    ws = Socket(headers, "/ws/events?" + "&".join(query) if query else "/ws/events")
    assert await ws.connect() == (True, None)
    hello = await ws.receive_json()
    assert hello["type"] == "hello"
    return ws, hello


async def numbers(ws: Socket, count: int) -> list[int]:
    """The numbers of the next ``count`` events, and then that nothing more is on its way."""
    got = [(await ws.receive_json())["id"] for _ in range(count)]
    assert await ws.receive_nothing()
    return got


# --- Catching up on connecting -----------------------------------------------------------------


def test_a_page_that_saw_up_to_2_is_sent_3_to_5_then_what_is_new(alex):
    before(alex, n=5)
    headers = browser_of(alex)

    async def scenario():
        ws, hello = await open_after(headers, after=2)
        assert hello["last"] == 5
        sent = [await ws.receive_json() for _ in range(3)]
        assert [(e["id"], e["type"], e["data"]) for e in sent] == [
            (3, "break.extended", {"n": 3}),
            (4, "break.extended", {"n": 4}),
            (5, "break.extended", {"n": 5}),
        ]
        assert await ws.receive_nothing()
        await committed([alex.pk], "break.ended", {})
        assert await numbers(ws, 1) == [6]
        await ws.disconnect()

    run(scenario)


def test_a_page_that_saw_nothing_yet_is_sent_everything_kept(alex):
    before(alex, n=3)
    headers = browser_of(alex)

    async def scenario():
        ws, hello = await open_after(headers, after=0)
        assert hello["last"] == 3
        assert await numbers(ws, 3) == [1, 2, 3]
        await ws.disconnect()

    run(scenario)


def test_without_after_nothing_old_is_sent_and_hello_says_where_the_person_is(alex):
    before(alex, n=4)
    headers = browser_of(alex)

    async def scenario():
        ws, hello = await open_after(headers)
        assert hello["last"] == 4
        assert await ws.receive_nothing()
        await committed([alex.pk], "break.ended", {})
        assert await numbers(ws, 1) == [5]
        await ws.disconnect()

    run(scenario)


def test_a_page_that_is_up_to_date_is_sent_nothing_old(alex):
    before(alex, n=2)
    headers = browser_of(alex)

    async def scenario():
        ws, hello = await open_after(headers, after=2)
        assert hello["last"] == 2
        assert await ws.receive_nothing()
        await ws.disconnect()

    run(scenario)


@pytest.mark.parametrize("after", ["9", "-1", "abc", "", "1.5", "+1", "0x2", str(10**30), "2" * 19])
def test_a_number_from_the_future_or_junk_sends_nothing_old_and_the_true_newest(alex, after):
    before(alex, n=3)
    headers = browser_of(alex)

    async def scenario():
        ws, hello = await open_after(headers, after=after)
        assert hello["last"] == 3
        assert await ws.receive_nothing()
        # Picks up from the true newest: the next event is 4, sent once.
        await committed([alex.pk], "break.ended", {})
        assert await numbers(ws, 1) == [4]
        await ws.disconnect()

    run(scenario)


def test_more_than_200_missed_are_all_sent_in_order(alex):
    before(alex, n=450)
    headers = browser_of(alex)

    async def scenario():
        ws, hello = await open_after(headers, after=5)
        assert hello["last"] == 450
        assert await numbers(ws, 445) == list(range(6, 451))
        await committed([alex.pk], "break.ended", {})
        assert await numbers(ws, 1) == [451]
        await ws.disconnect()

    run(scenario)


def test_a_catch_up_holds_only_the_persons_own_events(alex, sam, robin):
    before(alex, sam, n=3)
    before(robin, n=2)  # robin's first event was his own pairing with casey
    headers = browser_of(robin)

    async def scenario():
        ws, hello = await open_after(headers, after=0)
        assert hello["last"] == 3
        sent = [await ws.receive_json() for _ in range(3)]
        assert [e["type"] for e in sent] == ["couple.joined", "break.extended", "break.extended"]
        assert "Alex" not in str(sent)
        assert await ws.receive_nothing()
        await ws.disconnect()

    run(scenario)


def test_an_app_with_a_ticket_catches_up_too(alex):
    before(alex, n=4)
    ticket = ticket_for(alex)

    async def scenario():
        ws, hello = await open_after([], after=1, ticket=ticket)
        assert hello["last"] == 4
        assert await numbers(ws, 3) == [2, 3, 4]
        await ws.disconnect()

    run(scenario)


def test_after_may_come_before_the_ticket_in_the_url(alex):
    before(alex, n=2)
    ticket = ticket_for(alex)

    async def scenario():
        ws = Socket([], f"/ws/events?after=1&ticket={ticket}")
        assert await ws.connect() == (True, None)
        assert (await ws.receive_json())["last"] == 2
        assert await numbers(ws, 1) == [2]
        await ws.disconnect()

    run(scenario)


# --- Dropped connections and lost deliveries ---------------------------------------------------


def test_a_dropped_socket_is_sent_exactly_what_it_missed_on_reconnecting(alex):
    headers = browser_of(alex)

    async def scenario():
        ws, _ = await open_after(headers)
        await committed([alex.pk], "break.started", {})
        await committed([alex.pk], "break.extended", {})
        last = (await numbers(ws, 2))[-1]
        await ws.disconnect()

        for _ in range(3):
            await committed([alex.pk], "break.extended", {})

        again, hello = await open_after(headers, after=last)
        assert hello["last"] == last + 3
        assert await numbers(again, 3) == [last + 1, last + 2, last + 3]
        await again.disconnect()

    run(scenario)


def test_a_lost_live_delivery_is_sent_before_the_next_event(alex, monkeypatch):
    deliver = events._deliver
    lost: list[list[Event]] = []

    def lossy(sent: list[Event]) -> None:
        # The layer drops the first delivery after the socket opens.
        if not lost:
            lost.append(sent)
            return
        deliver(sent)

    headers = browser_of(alex)

    async def scenario():
        ws, hello = await open_after(headers)
        assert hello["last"] == 0
        monkeypatch.setattr(events, "_deliver", lossy)
        await committed([alex.pk], "break.started", {"which": "lost"})
        assert await ws.receive_nothing()
        await committed([alex.pk], "break.ended", {"which": "next"})
        first, second = await ws.receive_json(), await ws.receive_json()
        assert [(first["id"], first["data"]), (second["id"], second["data"])] == [
            (1, {"which": "lost"}),
            (2, {"which": "next"}),
        ]
        assert await ws.receive_nothing()
        await ws.disconnect()

    run(scenario)


def test_a_layer_that_fails_to_send_loses_nothing_either(alex, monkeypatch):
    headers = browser_of(alex)

    async def scenario():
        ws, _ = await open_after(headers)
        layer = get_channel_layer()
        group_send = layer.group_send
        failed: list[str] = []

        async def down_once(group: str, message: dict[str, Any]) -> None:
            if not failed:
                failed.append(group)
                raise ConnectionError("layer down")
            await group_send(group, message)

        monkeypatch.setattr(layer, "group_send", down_once)
        await committed([alex.pk], "break.started", {})
        assert await ws.receive_nothing()
        await committed([alex.pk], "break.extended", {})
        assert await numbers(ws, 2) == [1, 2]
        await ws.disconnect()

    run(scenario)


def test_two_deliveries_arriving_the_wrong_way_round_are_sent_in_order_once(alex, monkeypatch):
    deliver = events._deliver
    held: list[list[Event]] = []

    def late_first(sent: list[Event]) -> None:
        # The first change's delivery arrives only after the second's.
        if not held:
            held.append(sent)
            return
        deliver(sent)
        deliver(held[0])

    headers = browser_of(alex)

    async def scenario():
        ws, _ = await open_after(headers)
        monkeypatch.setattr(events, "_deliver", late_first)
        await committed([alex.pk], "break.started", {})
        await committed([alex.pk], "break.extended", {})
        assert await numbers(ws, 2) == [1, 2]
        await ws.disconnect()

    run(scenario)


def test_an_event_in_the_catch_up_and_arriving_live_is_sent_once(alex, monkeypatch):
    before(alex, n=2)
    newest = events.latest_seq

    def committed_while_connecting(person_id: int) -> int:
        # A change commits after the socket joined its group and before the catch-up is read: it
        # goes out live and is in the catch-up as well.
        with transaction.atomic():
            events.publish([person_id], "break.ended", {"while": "connecting"})
        return newest(person_id)

    monkeypatch.setattr(events, "latest_seq", committed_while_connecting)
    headers = browser_of(alex)

    async def scenario():
        ws, hello = await open_after(headers, after=1)
        assert hello["last"] == 3
        assert await numbers(ws, 2) == [2, 3]
        monkeypatch.setattr(events, "latest_seq", newest)
        await committed([alex.pk], "break.started", {})
        assert await numbers(ws, 1) == [4]
        await ws.disconnect()

    run(scenario)


def test_an_event_reads_the_same_live_as_on_catching_up(alex):
    """Data with a moment or an id in it: the page gets the same text either way."""
    headers = browser_of(alex)
    data = {"break": uuid.UUID(int=7), "returns_at": datetime(2030, 1, 2, 3, 4, tzinfo=UTC)}

    async def scenario():
        ws, _ = await open_after(headers)
        await committed([alex.pk], "break.started", data)
        live = await ws.receive_json()
        await ws.disconnect()
        again, _ = await open_after(headers, after=0)
        assert await again.receive_json() == live
        await again.disconnect()

    run(scenario)


# --- Pages pick up where they were rendered ----------------------------------------------------


def live_after(response) -> str:
    assert response.status_code == 200
    found = re.search(r'<body[^>]*\sdata-live-after="([^"]*)"', response.content.decode())
    assert found, "no data-live-after on <body>"
    return found.group(1)


def test_a_signed_in_page_says_the_number_of_the_persons_newest_event(alex, sam, couple):
    space.take_space(alex, 30, REASSURANCE)
    # Sam heard of the pairing (1) and of the break (2).
    assert [e.type for e in Event.objects.filter(recipient=sam)] == ["couple.joined", "break.started"]
    assert live_after(client_for(sam).get("/")) == "2"
    for path in ("/", "/agreement/", "/calm/", "/settings/"):
        assert live_after(client_for(alex).get(path)) == "2"


def test_someone_who_heard_nothing_yet_starts_at_zero(jo):
    assert live_after(client_for(jo).get("/")) == "0"


def test_a_signed_out_page_opens_no_socket(db):
    page = Client().get("/").content.decode()
    assert "data-live" not in page


def test_a_page_opens_its_socket_after_what_it_showed_and_misses_nothing_since(alex, sam, couple):
    space.take_space(sam, 30, REASSURANCE)
    after = live_after(client_for(alex).get("/"))
    # Between the page being rendered and its socket opening, sam changes the break.
    space.extend(sam, Break.objects.get().pk, 15, "A little longer")
    headers = browser_of(alex)

    async def scenario():
        ws, hello = await open_after(headers, after=after)
        assert hello["last"] == int(after) + 1
        event = await ws.receive_json()
        assert (event["id"], event["type"]) == (int(after) + 1, "break.extended")
        assert await ws.receive_nothing()
        await ws.disconnect()

    run(scenario)
