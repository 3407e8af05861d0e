"""Fixtures for driving the real app in Chromium.

The app is served by uvicorn from a background thread, against pytest-django's test database, and
Debian's Chromium is driven through Playwright's sync API. One Chromium runs for the whole test
session; each module connects to it (over the DevTools protocol) and gives every phone a browser
context of its own, so nothing is shared between tests but the process. Nothing here downloads a
browser: when ``/usr/bin/chromium`` is missing the browser tests are skipped.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Error, Page, Response

PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module", autouse=True)
def _allow_orm_beside_playwright() -> Iterator[None]:
    # Playwright's sync API keeps an event loop running in the test thread, and Django refuses ORM
    # calls (including pytest-django's own flush after each test) from a thread with a running
    # loop. Only for these modules, so the check still guards every other test.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="module")
def browser(chromium: str, _allow_orm_beside_playwright) -> Iterator[Browser]:
    """Playwright's connection to the session's Chromium (``chromium``, in the root conftest)."""
    from playwright.sync_api import sync_playwright

    # Module scope: the Playwright loop stops before tests in other modules run. The browser
    # itself stays up; closing this connection closes only the contexts this module opened.
    with sync_playwright() as playwright:
        browser = playwright.chromium.connect_over_cdp(chromium)
        yield browser
        browser.close()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Server:
    url: str
    errors: list[logging.LogRecord]


@pytest.fixture
def server(transactional_db, settings) -> Iterator[Server]:
    """The real ASGI app on a free port, reading and writing the test database."""
    import uvicorn

    from breathingroom.asgi import application

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    # Errors the app logs while serving (a 500, say) fail the test even if the page hides them.
    collect = _Collect()
    request_log = logging.getLogger("django.request")
    request_log.addHandler(collect)

    # Port 0: the system picks a free port when uvicorn binds, so there is no race for it.
    config = uvicorn.Config(application, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    port = uv.servers[0].sockets[0].getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    settings.SITE_URL = url
    try:
        yield Server(url=url, errors=collect.records)
    finally:
        uv.should_exit = True
        thread.join(timeout=10)
        if thread.is_alive():
            # A socket still waiting on the channel layer can hold a graceful shutdown open.
            uv.force_exit = True
            thread.join(timeout=20)
        request_log.removeHandler(collect)
        if thread.is_alive():
            # Seen only with the Redis channel layer: a socket's blocking read can keep the loop
            # from closing. Its database connections must not keep the test database from being
            # dropped at the end, so end them from here.
            _end_other_database_sessions()


def _end_other_database_sessions() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@dataclass
class Problems:
    """Everything that went wrong in the browser: console errors, uncaught errors, 5xx responses."""

    items: list[str] = field(default_factory=list)
    expected: list[str] = field(default_factory=list)

    def expect(self, text: str) -> None:
        """Allow one console error containing ``text`` (a status the test provokes on purpose)."""
        self.expected.append(text)

    def unexpected(self) -> list[str]:
        left = list(self.expected)
        out = []
        for item in self.items:
            match = next((e for e in left if e in item), None)
            if match is None:
                out.append(item)
            else:
                left.remove(match)
        return out


@pytest.fixture
def problems() -> Problems:
    return Problems()


@pytest.fixture
def phone(
    browser: Browser, server: Server, problems: Problems, request: pytest.FixtureRequest
) -> Iterator[Callable[..., Page]]:
    """Open a phone-sized browser context of its own (one person, one phone); returns its page.

    The service worker runs only for tests marked ``service_worker``: installed, it fetches every
    calming page for offline use, work that would slow every other test and prove nothing there.
    """
    contexts = []
    workers = "allow" if request.node.get_closest_marker("service_worker") else "block"

    def open_phone(who: str, timezone_id: str, locale: str = "en-GB") -> Page:
        context = browser.new_context(
            base_url=server.url,
            viewport=PHONE,
            screen=PHONE,
            device_scale_factor=1,
            is_mobile=True,
            has_touch=True,
            timezone_id=timezone_id,
            locale=locale,
            service_workers=workers,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)

        def on_console(msg: ConsoleMessage) -> None:
            if msg.type == "error":
                page_url = msg.page.url if msg.page else "?"
                source = msg.location.get("url") or page_url
                line = msg.location.get("lineNumber", 0)
                problems.items.append(f"[{who}] console error on {page_url} ({source}:{line}): {msg.text}")

        def on_page_error(error: Error) -> None:
            problems.items.append(f"[{who}] uncaught error: {error}")

        def on_response(response: Response) -> None:
            if response.status >= 500:
                problems.items.append(f"[{who}] {response.status} from {response.url}")

        def watch(page: Page) -> None:
            page.on("console", on_console)
            page.on("pageerror", on_page_error)
            page.on("response", on_response)

        context.on("page", watch)
        return context.new_page()

    yield open_phone
    for context in contexts:
        context.close()


@pytest.fixture
def shoot() -> Callable[..., None]:
    """Save a full-page screenshot into test-artifacts/screenshots/ under a descriptive name."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page: Page, name: str) -> None:
        # caret="initial": hiding the caret makes Playwright leave style="" on every input, which
        # htmx then copies onto swapped-in elements, and the CSP (rightly) blocks that.
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True, caret="initial")

    return take


def sign_in(page: Page, email: str) -> None:
    """Sign in on the login page, as a person would, and wait for the signed-in navigation."""
    from playwright.sync_api import expect

    from breathingroom.conftest import PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
