"""How many requests one web process works on at once; the rest wait their turn, in order.

Under ASGI, Django runs each request's code in a thread of its own, so a hundred requests at once
were a hundred threads sharing one interpreter lock. The request holding the database's write
lock then got a sliver of the time it needed while every other writer queued behind it: writes
took seconds and, past the timeout, failed. A few at a time, each finishes quickly; the others
wait in the event loop, which costs nothing. The wait starts once a request's body has arrived,
so a slow client holds no place.

Each request's code also runs on a thread that serves request after request, rather than on a new
thread started for it and ended after it, with its database connection opened once: starting the
thread and opening the connection had cost a signed-in page more than its own queries. Django's
handler gives every request a fresh "thread-sensitive context" (one thread for all of a request's
synchronous code); here that context is given a thread taken from those that are free, and the
thread goes back once the answer is sent.

And the request crosses from the event loop to its thread once, not four times. Django builds the
middleware of an ASGI server for the loop: every middleware here is synchronous, so a request went
to a thread for the middleware, back to the loop to find the view, and to the thread again for the
view, each crossing a wait for the other side's turn. Here the middleware and the view run as they
would under WSGI, all of them on the request's thread in one go.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import django
from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.conf import settings
from django.core.handlers.asgi import ASGIHandler
from django.http import HttpRequest, HttpResponseBase
from django.urls import get_resolver

# Free threads kept for the next requests; past this, a thread that finishes ends, as a burst of
# slow clients would otherwise leave threads behind.
THREADS_KEPT = 16


class PacedASGIHandler(ASGIHandler):
    def __init__(self) -> None:
        super().__init__()
        self._free_threads: list[ThreadPoolExecutor] = []
        # One queue per event loop: a semaphore belongs to the loop it first waited on.
        self._rooms: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
            weakref.WeakKeyDictionary()
        )

    async def __call__(
        self,
        scope: dict[str, Any],
        receive: Callable[[], Awaitable[Mapping[str, Any]]],
        send: Callable[[Mapping[str, Any]], Awaitable[None]],
    ) -> None:
        thread = self._free_threads.pop() if self._free_threads else ThreadPoolExecutor(1, "request")
        try:
            async with ThreadSensitiveContext(executor=thread):
                await super().__call__(scope, receive, send)
        finally:
            if len(self._free_threads) < THREADS_KEPT:
                self._free_threads.append(thread)
            else:
                thread.shutdown(wait=False)

    def load_middleware(self, is_async: bool = False) -> None:
        super().load_middleware(is_async=False)

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        loop = asyncio.get_running_loop()
        room = self._rooms.get(loop)
        if room is None:
            room = self._rooms[loop] = asyncio.Semaphore(settings.REQUESTS_AT_ONCE)
        async with room:
            return await sync_to_async(self.get_response, thread_sensitive=True)(request)


def get_asgi_application() -> PacedASGIHandler:
    """Django's own ``get_asgi_application``, paced, with every view imported before the first request.

    Django imports the URLconf, and with it every view and the API, on the first request that needs
    it: a second on a quiet machine, paid by whoever asks first after a start, and under load by
    every request queued behind them while the process holds the interpreter to import.
    """
    django.setup(set_prefix=False)
    handler = PacedASGIHandler()
    get_resolver().url_patterns  # noqa: B018 - the property imports them
    return handler
