"""The WebSocket at /ws/events: one open page or app of one person, hearing that person's events."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.utils import timezone

from breathingroom.accounts.models import Person
from breathingroom.events import tickets
from breathingroom.events.publish import group_for

# Why a connection was refused, as ASGI sees it: like HTTP's 401, sign in or fetch a new ticket.
UNAUTHORIZED = 4401

# Channel layers forget group members a day after they joined (channels' group_expiry), and an
# idle phone can keep one socket open longer than that. Joining again now and then, on a ping,
# keeps a long-lived connection in its group at the cost of one cheap call an hour.
REJOIN_SECONDS = 60 * 60


class EventsConsumer(AsyncWebsocketConsumer):
    group: str | None = None
    joined_at = 0.0

    async def connect(self) -> None:
        person = await self._person()
        if person is None:
            # Closing before accepting refuses the handshake, so nothing at all is sent. Servers answer
            # it with HTTP 403 and the code goes no further than ASGI, where the tests read it.
            await self.close(code=UNAUTHORIZED)
            return
        self.group = group_for(person.pk)
        # Joined before the hello goes out, so whatever is published after a client sees the hello
        # reaches it; a client that polls once on hello has missed nothing.
        await self._join()
        await self.accept()
        # The server's clock, so a page can time its own switches even when the device's clock is off.
        await self._send({"type": "hello", "at": timezone.now().isoformat()})

    async def disconnect(self, code: int) -> None:
        if self.group is not None:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        # Clients only ever ping. Anything else, well-formed or not, is dropped without a word, so a
        # confused or hostile client cannot make the server do work or fail.
        try:
            message = json.loads(text_data or "")
        except (ValueError, RecursionError):
            return
        if isinstance(message, dict) and message.get("type") == "ping":
            if time.monotonic() - self.joined_at > REJOIN_SECONDS:
                await self._join()
            await self._send({"type": "pong"})

    async def event_deliver(self, message: dict[str, Any]) -> None:
        await self._send(message["event"])

    async def _person(self) -> Person | None:
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        if "ticket" in query:
            # A ticket, when given, decides alone: a bad one is not rescued by a cookie.
            return await database_sync_to_async(tickets.redeem)(query["ticket"][0])
        user = self.scope.get("user")
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None

    async def _join(self) -> None:
        await self.channel_layer.group_add(self.group, self.channel_name)
        self.joined_at = time.monotonic()

    async def _send(self, data: dict[str, Any]) -> None:
        await self.send(text_data=json.dumps(data))
