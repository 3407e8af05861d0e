"""The WebSocket at /ws/events: one open page or app of one person, hearing that person's events.

A client that has seen events before says so with ``?after=<number of the last one it saw>``: it is
sent everything numbered after that, in order, before anything new, and never the same number twice.

A socket lives only as long as the session it was opened under (``authority``): it is closed the
moment that session ends, and checks it again before it sends anything. What every open socket needs
now and then (the sign-in checked again, the page counted as open, a look for events that passed it
by) is done for all of this process's sockets together, by ``watch``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.utils import timezone

from breathingroom.events import authority, presence, publish, tickets, watch
from breathingroom.events.authority import UNAUTHORIZED, Authority

# A handshake asks for a ticket (43 characters) and a number; a longer one is not from a client.
LONGEST_QUERY = 512
# Clients only ever ping (16 bytes); a bigger frame is closed on with WebSocket's "message too big".
LARGEST_FRAME = 4096
TOO_BIG = 1009

# Channel layers forget group members a day after they joined (channels' group_expiry), and an
# idle phone can keep one socket open longer than that. Joining again now and then, on a ping,
# keeps a long-lived connection in its group at the cost of one cheap call an hour.
REJOIN_SECONDS = 60 * 60
JOIN_WITHIN = 3.0


class EventsConsumer(AsyncWebsocketConsumer):
    # None before the socket opens and from the moment it is closed: nothing is sent without it.
    authority: Authority | None = None
    person_id: int | None = None
    # Not channels' own "groups", which it would join before the socket knows whose it is.
    hearing: tuple[str, ...] = ()
    joined_at = 0.0
    heard_at = 0.0
    # The number of the last event this client was sent; None when it asked for nothing past.
    sent: int = 0

    async def connect(self) -> None:
        held = await self._authority()
        if held is None:
            # Closing before accepting refuses the handshake, so nothing at all is sent. Servers answer
            # it with HTTP 403 and the code goes no further than ASGI, where the tests read it.
            await self.close(code=UNAUTHORIZED)
            return
        self.authority = held
        self.person_id = person_id = held.person_id
        # The person's group carries their events; the session's, the word that the session is over.
        self.hearing = (publish.group_for(person_id), held.group)
        # Joined before reading what was missed, so nothing committed in between falls through: it
        # is either in the catch-up or arrives live afterwards (and is skipped if it was in both).
        # A layer that does not answer refuses the handshake rather than hold it open: the client
        # polls meanwhile and tries again.
        await asyncio.wait_for(self._join(), JOIN_WITHIN)
        await self.accept()
        self.heard_at = time.monotonic()
        catch_up = await database_sync_to_async(self._opened)(person_id, self._after())
        # The server's clock, so a page can time its own switches even when the device's clock is
        # off, and the number the client is up to once the catch-up that follows is read.
        await self._send({"type": "hello", "at": timezone.now().isoformat(), "last": self.sent})
        for message in catch_up:
            await self._send(message)
        watch.watch().add(self)

    def _opened(self, person_id: int, after: int | None) -> list[dict[str, Any]]:
        """Counted as an open page, and what was missed: one trip to the database, not three."""
        presence.opened(person_id, self.channel_name)
        latest = publish.latest_seq(person_id)
        if after is None or after >= latest:
            # Nothing asked for, or nothing missed (a number from the future, too, starts afresh).
            self.sent = latest
            return []
        self.sent = after
        return self._missed_now()

    async def disconnect(self, code: int) -> None:
        self.authority = None
        watch.watch().discard(self)
        if self.hearing:
            for group in self.hearing:
                await self.channel_layer.group_discard(group, self.channel_name)
            await database_sync_to_async(presence.closed)(self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        size = len(text_data.encode()) if text_data is not None else len(bytes_data or b"")
        if size > LARGEST_FRAME:
            await self.end(TOO_BIG)
            return
        self.heard_at = time.monotonic()
        # Clients only ever ping. Anything else, well-formed or not, is dropped without a word, so a
        # confused or hostile client cannot make the server do work or fail.
        try:
            message = json.loads(text_data or "")
        except (ValueError, RecursionError):
            return
        if isinstance(message, dict) and message.get("type") == "ping" and self.authority is not None:
            # Nothing more: the sign-in, the open page and anything missed are looked after by ``watch``.
            if time.monotonic() - self.joined_at > REJOIN_SECONDS:
                await self._join()
            await self._send({"type": "pong"})

    async def event_deliver(self, message: dict[str, Any]) -> None:
        event = message["event"]
        seq = event.get("id", 0)
        if seq <= self.sent:
            return  # already sent, in the catch-up
        if not await self._still_held():
            return
        if seq == self.sent + 1:
            self.sent = seq
            await self._send(event)
            return
        # A gap: something was not heard live (the layer was down, or a message was dropped). The
        # database has all of it, in order.
        for missed in await self._missed():
            await self._send(missed)

    async def events_behind(self, message: dict[str, Any]) -> None:
        """Word from ``watch`` that this person has events this socket has not sent."""
        if await self._still_held():
            for missed in await self._missed():
                await self._send(missed)

    async def socket_close(self, message: dict[str, Any]) -> None:
        """Word from ``authority`` that what this socket was opened under is over."""
        if self.authority is None or message.get("keeping") == self.authority.group:
            return
        await self.end(int(message["code"]))

    async def _still_held(self) -> bool:
        if self.authority is None:
            return False
        if await database_sync_to_async(authority.holds)(self.authority):
            return True
        await self.end(UNAUTHORIZED)
        return False

    async def end(self, code: int) -> None:
        # Nothing more goes out, even what is already on its way to this consumer.
        self.authority = None
        with contextlib.suppress(Exception):
            await self.close(code=code)

    async def _missed(self) -> list[dict[str, Any]]:
        return await database_sync_to_async(self._missed_now)()

    def _missed_now(self) -> list[dict[str, Any]]:
        assert self.person_id is not None
        messages: list[dict[str, Any]] = []
        while True:
            batch = publish.missed(self.person_id, self.sent)
            for event in batch:
                messages.append(event.as_message())
                self.sent = event.seq
            if len(batch) < 200:
                return messages

    def _query(self) -> dict[str, list[str]]:
        return parse_qs(self.scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)

    def _after(self) -> int | None:
        raw = self._query().get("after", [""])[0]
        if not raw.isdecimal() or len(raw) > 18:
            return None
        return int(raw)

    async def _authority(self) -> Authority | None:
        if len(self.scope.get("query_string", b"")) > LONGEST_QUERY:
            return None
        query = self._query()
        if "ticket" in query:
            # A ticket, when given, decides alone: a bad one is not rescued by a cookie.
            return await database_sync_to_async(tickets.redeem)(query["ticket"][0])
        return await database_sync_to_async(authority.of_session)(self.scope.get("session_key"))

    async def _join(self) -> None:
        for group in self.hearing:
            await self.channel_layer.group_add(group, self.channel_name)
        self.joined_at = time.monotonic()

    async def _send(self, data: dict[str, Any]) -> None:
        if self.authority is not None:
            await self.send(text_data=json.dumps(data))
