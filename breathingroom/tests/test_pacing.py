"""How the web process runs a request's code: on a thread used again and again, with the database
connection it opened once, a few requests at a time, and the connection looked after on the same
thread that uses it."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
from typing import Any

import pytest
from asgiref.testing import ApplicationCommunicator
from django.conf import settings
from django.core.signals import request_started
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.utils import translation

from breathingroom.pacing import PacedASGIHandler

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.urls(__name__)]

# Two requests meet here only if they run at the same time, each on a thread of its own.
meeting = threading.Barrier(2, timeout=5)


def where(request: HttpRequest) -> JsonResponse:
    if request.GET.get("meet"):
        meeting.wait()
    connection.ensure_connection()
    return JsonResponse({"thread": threading.get_ident(), "connection": id(connection.connection)})


def spoken(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"thread": threading.get_ident(), "language": translation.get_language()})


def fails(request: HttpRequest) -> JsonResponse:
    raise RuntimeError("a view that fails")


urlpatterns = [path("where/", where), path("spoken/", spoken), path("fails/", fails)]


async def ask(app: PacedASGIHandler, address: str, *headers: tuple[bytes, bytes]) -> tuple[int, dict[str, Any]]:
    route, _, query = address.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": route,
        "raw_path": route.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    asking = ApplicationCommunicator(app, scope)
    await asking.send_input({"type": "http.request", "body": b"", "more_body": False})
    start = await asking.receive_output(10)
    body = b""
    while True:
        part = await asking.receive_output(10)
        body += part.get("body", b"")
        if not part.get("more_body"):
            break
    await asking.wait(10)
    return start["status"], (json.loads(body) if start["status"] == 200 else {})


def test_requests_one_after_another_share_a_thread_and_its_connection():
    app = PacedASGIHandler()

    async def three() -> list[dict[str, Any]]:
        return [(await ask(app, "/where/"))[1] for _ in range(3)]

    answers = asyncio.run(three())
    assert len({a["thread"] for a in answers}) == 1
    assert answers[0]["thread"] != threading.get_ident()
    # PostgreSQL lends connections from its pool and takes them back after each request; SQLite's
    # stays with the thread.
    if "pool" not in connection.settings_dict.get("OPTIONS", {}):
        assert len({a["connection"] for a in answers}) == 1


def test_requests_at_once_each_have_a_thread_of_their_own(settings):
    settings.REQUESTS_AT_ONCE = 2
    app = PacedASGIHandler()

    async def two() -> list[tuple[int, dict[str, Any]]]:
        return list(await asyncio.gather(ask(app, "/where/?meet=1"), ask(app, "/where/?meet=1")))

    answers = asyncio.run(two())
    assert [status for status, _ in answers] == [200, 200]
    assert answers[0][1]["thread"] != answers[1][1]["thread"]


def test_a_connection_is_looked_after_on_the_thread_that_uses_it():
    """Django checks a connection's age and health when a request starts and ends; the check must run
    on the thread that holds the connection, or it checks nothing."""
    app = PacedASGIHandler()
    started_on: list[int] = []

    def seen(**kwargs: object) -> None:
        started_on.append(threading.get_ident())

    request_started.connect(seen)
    try:
        status, answer = asyncio.run(ask(app, "/where/"))
    finally:
        request_started.disconnect(seen)
    assert status == 200
    assert started_on == [answer["thread"]]


def test_a_request_that_fails_gives_its_thread_back():
    app = PacedASGIHandler()

    async def fail_then_ask() -> tuple[int, dict[str, Any]]:
        failed, _ = await ask(app, "/fails/")
        assert failed == 500
        return await ask(app, "/where/")

    status, _ = asyncio.run(fail_then_ask())
    assert status == 200
    assert len(app._free_threads) == 1


def test_a_thread_used_again_carries_nothing_of_the_request_before():
    app = PacedASGIHandler()

    async def german_then_plain() -> list[dict[str, Any]]:
        german = (await ask(app, "/spoken/", (b"accept-language", b"de")))[1]
        plain = (await ask(app, "/spoken/"))[1]
        return [german, plain]

    german, plain = asyncio.run(german_then_plain())
    assert german["thread"] == plain["thread"]
    assert (german["language"], plain["language"]) == ("de", "en")


@pytest.mark.django_db(transaction=False)
def test_every_view_is_imported_before_the_first_request():
    # In a process of its own: this one has long imported them.
    program = (
        "import sys\n"
        "from breathingroom.pacing import get_asgi_application\n"
        "get_asgi_application()\n"
        "print(all(name in sys.modules for name in ('breathingroom.urls', 'breathingroom.api.api')))\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "breathingroom.settings"},
        cwd=settings.BASE_DIR,
    )
    assert shown.stdout.strip() == "True", shown.stderr
