"""The app on a phone in Chromium: installable, the calming tools with no connection, and a need for
space pressed offline that reaches the partner, once, when the connection is back."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from breathingroom.breaks.models import Break
from breathingroom.conftest import make_couple, make_person
from breathingroom.tests.browser.conftest import (  # noqa: F401 (fixtures, for this module only)
    _allow_orm_beside_playwright,
    browser,
    phone,
    problems,
    server,
    shoot,
    sign_in,
)

# What the browser does with the worker is alike on every database: the first CI pass proves it.
pytestmark = [pytest.mark.browser, pytest.mark.once, pytest.mark.service_worker]

KEPT = """async () => {
    const names = await caches.keys();
    const kept = names.filter((name) => name.startsWith("breathingroom-offline-"));
    if (kept.length !== 1) return [];
    return (await (await caches.open(kept[0])).keys()).map((request) => new URL(request.url).pathname);
}"""


def assert_clean(problems, server) -> None:  # noqa: F811
    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == [], [r.getMessage() for r in server.errors]


def until(page: Page, script: str, seconds: float = 20) -> None:
    """Wait until ``script`` (evaluated in the page; the page's policy forbids Playwright's own eval) is true."""
    for _ in range(int(seconds * 10)):
        if page.evaluate(script):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {script}")


def controlled_and_kept(page: Page) -> None:
    """Wait until the worker controls the page and has kept everything for offline use."""
    until(page, "navigator.serviceWorker.controller !== null")
    until(page, f"({KEPT})().then((paths) => paths.includes('/offline/'))")


def go_offline(page: Page, offline: bool = True) -> None:
    page.context.set_offline(offline)
    until(page, f"navigator.onLine === {'false' if offline else 'true'}")


def couple_on_phones(phone, *who: str) -> list[Page]:  # noqa: F811
    """Alex and Sam, a couple, each signed in on a phone of their own: the pages of ``who``."""
    zones = {"Alex": "Europe/London", "Sam": "America/New_York"}
    make_couple(*(make_person(name, zone) for name, zone in zones.items()))
    pages = []
    for name in who:
        page = phone(name, zones[name])
        sign_in(page, f"{name.lower()}@example.com")
        pages.append(page)
    return pages


def assert_clean_but_offline(problems, server) -> None:  # noqa: F811
    # What the phone failed to fetch while offline is Chromium's own console line, not the page's.
    # So is htmx's own line for a live part that asked for itself while there was no connection.
    offline_lines = ("ERR_INTERNET_DISCONNECTED", "htmx:sendError", "htmx:afterRequest")
    problems.items[:] = [item for item in problems.items if not any(line in item for line in offline_lines)]
    assert_clean(problems, server)


def test_chromium_finds_the_app_installable(phone, server, problems, shoot):  # noqa: F811
    page = phone("Visitor", "Europe/London")
    page.goto("/safety/")
    controlled_and_kept(page)
    cdp = page.context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["errors"] == [], manifest["errors"]
    assert manifest["url"] == server.url + "/manifest.webmanifest"
    # A Playwright context is Chromium's private mode, where nothing is installed: that alone may stand.
    errors = [e["errorId"] for e in cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]]
    assert errors in ([], ["in-incognito"]), errors
    # Every icon the manifest names loads, as the launcher will ask for it.
    for icon in page.evaluate("fetch('/manifest.webmanifest').then((r) => r.json()).then((m) => m.icons)"):
        response = page.request.get(icon["src"])
        assert response.ok, icon
    shoot(page, "webapp-installable")
    assert_clean(problems, server)


def test_the_calming_tools_work_with_no_connection(phone, server, problems, shoot):  # noqa: F811
    [page] = couple_on_phones(phone, "Sam")
    page.goto("/calm/")
    controlled_and_kept(page)

    go_offline(page)
    page.goto("/calm/breathe/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Breathe slowly")
    # Its script came from the phone too: the circle to breathe with starts.
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.locator("[data-cue]")).to_have_text("Breathe in…")
    shoot(page, "webapp-offline-breathe")
    page.goto("/calm/ground/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Come back to your senses")
    page.goto("/calm/reasons/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Why someone may need space")
    page.goto("/safety/")
    page.get_by_label("Show help for").select_option(label="United Kingdom")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.get_by_role("heading", name="Samaritans")).to_be_visible()

    # A page that needs the connection says so calmly, and offers the tools.
    page.goto("/journal/")
    expect(page.get_by_role("heading", level=1)).to_have_text("No connection just now")
    page.get_by_role("link", name="Breathe slowly").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Breathe slowly")
    shoot(page, "webapp-offline-page")

    # Back online, pages come from the network again: Sam's own journal, not a kept copy.
    go_offline(page, False)
    page.goto("/journal/")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("No connection just now")
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    assert_clean_but_offline(problems, server)


def test_a_need_for_space_pressed_offline_reaches_the_partner_once(phone, server, problems, shoot):  # noqa: F811
    sam, alex = couple_on_phones(phone, "Sam", "Alex")
    alex.goto("/space/")
    controlled_and_kept(alex)

    go_offline(alex)
    alex.get_by_role("button", name="20 minutes").click()
    waiting = alex.get_by_role("status").filter(has_text="You are offline.")
    expect(waiting).to_have_text(
        "You are offline. Your need for space is kept on this phone, and Sam will be told as soon as the "
        "connection is back. You can take your space now."
    )
    shoot(alex, "webapp-offline-take-waiting")
    assert not Break.objects.exists()
    # Another page opened meanwhile says so too, and the kept copies never send it on their own.
    extra = alex.context.new_page()
    extra.goto("/calm/breathe/")
    extra.goto("/offline/")
    expect(extra.get_by_role("status").filter(has_text="Your need for space is kept on this phone.")).to_be_visible()
    extra.close()

    go_offline(alex, False)
    expect(alex.get_by_role("heading", name="You are taking space")).to_be_visible()
    expect(sam.get_by_role("heading", name="Alex is taking some space")).to_be_visible()
    brk = Break.objects.get()
    assert brk.takers.get().minutes == 20
    # Nothing is left waiting: a page opened later sends nothing again.
    alex.goto("/calm/")
    alex.goto("/")
    assert Break.objects.count() == 1
    assert_clean_but_offline(problems, server)
