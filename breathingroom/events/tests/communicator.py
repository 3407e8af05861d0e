"""A test client for the WebSocket, speaking ASGI to the real application.

channels.testing cannot be imported without daphne, which this project does not serve with, so
this is its WebsocketCommunicator cut down to what the tests use.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote, urlsplit

from asgiref.testing import ApplicationCommunicator

from breathingroom.accounts.models import Person
from breathingroom.asgi import application
from breathingroom.conftest import client_for
from breathingroom.events import authority, tickets

Headers = list[tuple[bytes, bytes]]


class Socket(ApplicationCommunicator):
    def __init__(self, headers: Headers, path: str = "/ws/events") -> None:
        url = urlsplit(path)
        scope = {
            "type": "websocket",
            "path": unquote(url.path),
            "query_string": url.query.encode(),
            "headers": headers,
            "subprotocols": [],
        }
        super().__init__(application, scope)

    async def connect(self) -> tuple[bool, int | None]:
        """(True, None) when accepted, (False, close code) when refused."""
        await self.send_input({"type": "websocket.connect"})
        answer = await self.receive_output()
        if answer["type"] == "websocket.close":
            return False, answer.get("code", 1000)
        assert answer["type"] == "websocket.accept", answer
        return True, None

    async def send_text(self, text: str) -> None:
        await self.send_input({"type": "websocket.receive", "text": text})

    async def send_bytes(self, data: bytes) -> None:
        await self.send_input({"type": "websocket.receive", "bytes": data})

    async def receive_json(self) -> Any:
        message = await self.receive_output()
        assert message["type"] == "websocket.send", message
        return json.loads(message["text"])

    async def closed(self) -> int:
        """The code the server closed the socket with; fails if anything else comes first."""
        message = await self.receive_output()
        assert message["type"] == "websocket.close", message
        return int(message.get("code", 1000))

    async def disconnect(self) -> None:
        await self.send_input({"type": "websocket.disconnect", "code": 1000})
        await self.wait()


def ticket_for(person: Person) -> str:
    """A ticket as an app gets one: taken with a session of its own, which it stays tied to."""
    session_key = client_for(person).session.session_key
    held = authority.of_session(session_key)
    assert held is not None
    return tickets.issue(held)
