"""Every kind of page opens without a single console warning or error, signed out, signed in and on a break.

A warning is noise a developer learns to ignore, until the one that matters is among them; so there
are none. Chromium also says here what it thinks of the headers (a Permissions-Policy feature it does
not know, a Content-Security-Policy it had to enforce), which no other test sees.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from breathingroom.breaks import space
from breathingroom.conftest import make_couple, make_person
from breathingroom.couples import pairing
from breathingroom.tests.browser.conftest import sign_in

# Pages and scripts only: the database and channel layer behind them add nothing in a second pass.
# With the service worker running, as on a real phone: registering it must say nothing either.
pytestmark = [pytest.mark.browser, pytest.mark.once, pytest.mark.service_worker]

SIGNED_OUT = ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/safety/", "/privacy/"]
UNPAIRED = ["/", "/couple/join/", "/settings/", "/notifications/", "/calm/", "/settings/security/"]
PAIRED = ["/", "/agreement/", "/space/", "/calm/breathe/", "/calm/ground/", "/body/", "/calm/unsent/"]
ON_A_BREAK = ["/", "/calm/", "/calm/breathe/", "/calm/reasons/", "/notifications/", "/settings/"]


def watch(page: Page) -> list[str]:
    heard: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("warning", "error"):
            heard.append(f"{message.type} on {page.url}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: heard.append(f"uncaught on {page.url}: {error}"))
    return heard


def visit(page: Page, paths: list[str]) -> None:
    for path in paths:
        page.goto(path)
        expect(page.locator("main")).to_be_visible()
        # Scripts that start after load (the live socket, a page's own) have had their say.
        page.wait_for_load_state("networkidle")


def test_no_page_says_anything_in_the_console(phone, server):
    visitor = phone("Visitor", "Europe/London")
    heard = watch(visitor)
    visit(visitor, SIGNED_OUT)

    jo = make_person("Jo", "Europe/Berlin")
    pairing.create_invitation(jo)
    unpaired = phone("Jo", "Europe/Berlin")
    heard += watch(unpaired)
    sign_in(unpaired, "jo@example.com")
    visit(unpaired, UNPAIRED)

    alex = make_person("Alex", "Europe/London")
    sam = make_person("Sam", "America/New_York")
    make_couple(alex, sam)
    paired = phone("Alex", "Europe/London")
    heard += watch(paired)
    sign_in(paired, "alex@example.com")
    visit(paired, PAIRED)

    brk = space.take_space(alex, 20, "Back soon, love.")
    visit(paired, [*ON_A_BREAK, f"/space/{brk.id}/prepare/", f"/space/{brk.id}/extend/"])
    waiting = phone("Sam", "America/New_York", "en-US")
    heard += watch(waiting)
    sign_in(waiting, "sam@example.com")
    visit(waiting, [*ON_A_BREAK, f"/space/{brk.id}/prepare/"])

    # Coming back together, on both phones.
    space.ready_to_talk(alex, brk.id)
    visit(paired, ["/", f"/space/{brk.id}/reconnect/", "/calm/breathe/"])
    visit(waiting, ["/", f"/space/{brk.id}/reconnect/"])

    assert heard == [], "\n".join(heard)
