"""How many requests one web process works on at once; the rest wait their turn, in order.

Under ASGI, Django runs each request's code in a thread of its own, so a hundred requests at once
were a hundred threads sharing one interpreter lock. The request holding the database's write
lock then got a sliver of the time it needed while every other writer queued behind it: writes
took seconds and, past the timeout, failed. A few at a time, each finishes quickly; the others
wait in the event loop, which costs nothing. The wait starts once a request's body has arrived,
so a slow client holds no place.
"""

from __future__ import annotations

import asyncio
import weakref

import django
from django.conf import settings
from django.core.handlers.asgi import ASGIHandler
from django.http import HttpRequest, HttpResponseBase


class PacedASGIHandler(ASGIHandler):
    def __init__(self) -> None:
        super().__init__()
        # One queue per event loop: a semaphore belongs to the loop it first waited on.
        self._rooms: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
            weakref.WeakKeyDictionary()
        )

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        loop = asyncio.get_running_loop()
        room = self._rooms.get(loop)
        if room is None:
            room = self._rooms[loop] = asyncio.Semaphore(settings.REQUESTS_AT_ONCE)
        async with room:
            return await super().get_response_async(request)


def get_asgi_application() -> PacedASGIHandler:
    """Django's own ``get_asgi_application``, paced."""
    django.setup(set_prefix=False)
    return PacedASGIHandler()
