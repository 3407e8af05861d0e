"""Every page passes axe-core's checks, in light and dark, at phone size."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from breathingroom.conftest import make_couple, make_person
from breathingroom.couples import pairing
from breathingroom.tests.browser.conftest import sign_in

# Pages and scripts only: the database and channel layer behind them add nothing in a second pass.
pytestmark = [pytest.mark.browser, pytest.mark.once]

AXE = Axe()
PUBLIC_PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/nowhere/",
    "/safety/",
    "/safety/?region=us",
    "/privacy/",
]
UNPAIRED_PAGES = ["/", "/settings/", "/couple/join/", "/accounts/2fa/", "/accounts/email/", "/dance/", "/dance/cycle/"]
PAIRED_PAGES = [
    "/",
    "/settings/",
    "/couple/leave/",
    "/accounts/sessions/",
    "/safety/",
    "/dance/",
    "/dance/cycle/",
    "/insights/",
    "/lessons/",
    "/help/",
]


def violations(page: Page, path: str) -> list[str]:
    page.goto(path)
    results = AXE.run(page)
    return [
        f"{path}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_have_no_accessibility_violations(phone, server, scheme):
    found: list[str] = []

    visitor = phone("Visitor", "Europe/London")
    visitor.emulate_media(color_scheme=scheme)
    for path in PUBLIC_PAGES:
        found += violations(visitor, path)

    jo = make_person("Jo", "Europe/Berlin")
    pairing.create_invitation(jo)
    unpaired = phone("Jo", "Europe/Berlin")
    unpaired.emulate_media(color_scheme=scheme)
    sign_in(unpaired, "jo@example.com")
    for path in UNPAIRED_PAGES:
        found += violations(unpaired, path)

    alex = make_person("Alex", "Europe/London")
    make_couple(alex, make_person("Sam", "America/New_York"))
    paired = phone("Alex", "Europe/London")
    paired.emulate_media(color_scheme=scheme)
    sign_in(paired, "alex@example.com")
    for path in PAIRED_PAGES:
        found += violations(paired, path)

    assert found == [], "\n".join(found)


def test_inviting_works_with_the_keyboard_alone(phone, server):
    make_person("Jo", "Europe/Berlin")
    page = phone("Jo", "Europe/Berlin")
    sign_in(page, "jo@example.com")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")

    create = page.get_by_role("button", name="Create an invitation")
    for _ in range(10):
        page.keyboard.press("Tab")
        if create.evaluate("button => button === document.activeElement"):
            break
    expect(create).to_be_focused()
    # The focus ring is drawn, not left to the browser's default.
    assert create.evaluate("button => getComputedStyle(button).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    code = page.locator(".code")
    expect(code).to_contain_text("Your code:")
    # Focus follows the new content instead of falling back to the top of the page.
    expect(code).to_be_focused()

    page.get_by_role("button", name="Withdraw this code").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Create an invitation")).to_be_focused()
