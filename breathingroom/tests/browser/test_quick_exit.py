"""The quick exit in a real browser: the button, three Escapes, and no way Back to the page left."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, Route, expect

from breathingroom.conftest import make_person
from breathingroom.tests.browser.conftest import PHONE, SCREENSHOTS, sign_in

# Pages and scripts only: the database and channel layer behind them add nothing in a second pass.
pytestmark = [pytest.mark.browser, pytest.mark.once]

MARK = Path(__file__).resolve().parents[2] / "static" / "breathingroom" / "mark.svg"
NEUTRAL = "<!DOCTYPE html><html lang='en'><title>Weather</title><h1>Today's weather</h1></html>"


def serve_the_neutral_site(page: Page) -> list[dict[str, str]]:
    """There is no internet here: the neutral address answers with a tiny page. Returns its requests' headers."""
    seen: list[dict[str, str]] = []

    def fulfil(route: Route) -> None:
        seen.append(route.request.headers)
        route.fulfill(status=200, content_type="text/html", body=NEUTRAL)

    page.route(re.compile("^" + re.escape(settings.QUICK_EXIT_URL)), fulfil)
    # The browser asks for the icon late and in no hurry; leaving for another site mid-answer cuts
    # that answer off, and the test server then warns of a file it never closed. Serving the icon
    # from here keeps that noise out of tests about leaving.
    page.route("**/static/breathingroom/mark.svg", lambda route: route.fulfill(path=MARK))
    return seen


def settled(page: Page) -> None:
    # Everything the page asked for has arrived, so leaving cuts no answer off halfway.
    page.wait_for_load_state("networkidle")


def assert_left(page: Page, server) -> None:
    expect(page).to_have_url(settings.QUICK_EXIT_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Today's weather")
    assert server.url not in page.url


def assert_clean(problems, server) -> None:
    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == [], [r.getMessage() for r in server.errors]


def test_the_button_leaves_and_back_does_not_return(phone, server, problems, shoot):
    page = phone("Visitor", "Europe/London")
    seen = serve_the_neutral_site(page)
    page.goto("/safety/")
    button = page.get_by_role("link", name="Leave quickly")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("rel", "noreferrer")
    shoot(page, "safety-01-phone")
    settled(page)

    button.click()
    assert_left(page, server)
    # The neutral site is not told where the person came from.
    assert "referer" not in seen[-1]
    page.go_back()
    assert server.url not in page.url
    assert_clean(problems, server)


def test_three_escapes_leave_and_two_do_nothing(phone, server, problems):
    make_person("Alex", "Europe/London")
    page = phone("Alex", "Europe/London")
    serve_the_neutral_site(page)
    sign_in(page, "alex@example.com")
    page.goto("/calm/unsent/")
    settled(page)
    page.clock.install()

    # Someone typing presses Escape once, or twice: the page stays, and what they wrote with it.
    field = page.get_by_role("textbox").first
    field.fill("Not leaving, just clearing a suggestion")
    field.press("Escape")
    field.press("Escape")
    page.clock.run_for(2_500)
    expect(page).to_have_url(f"{server.url}/calm/unsent/")
    expect(field).to_have_value("Not leaving, just clearing a suggestion")

    # The two presses were more than two seconds ago: one more is still only one.
    page.keyboard.press("Escape")
    page.clock.run_for(500)
    expect(page).to_have_url(f"{server.url}/calm/unsent/")

    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert_left(page, server)
    page.go_back()
    assert "/calm/unsent/" not in page.url
    assert_clean(problems, server)


def test_the_page_left_is_gone_from_history_but_earlier_ones_are_not(phone, server, problems):
    # What the safety page says: the quick exit cannot erase what came before.
    page = phone("Visitor", "Europe/London")
    serve_the_neutral_site(page)
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="If you don't feel safe").click()
    expect(page).to_have_url(f"{server.url}/safety/")
    settled(page)
    for _ in range(3):
        page.keyboard.press("Escape")
    assert_left(page, server)
    page.go_back()
    expect(page).to_have_url(f"{server.url}/")
    assert_clean(problems, server)


def test_escape_still_closes_a_dialog(phone, server, problems):
    page = phone("Visitor", "Europe/London")
    serve_the_neutral_site(page)
    page.goto("/privacy/")
    page.evaluate(
        """() => {
            const dialog = document.createElement("dialog");
            dialog.innerHTML = "<p>A question</p><button>Close</button>";
            document.body.append(dialog);
            dialog.showModal();
        }"""
    )
    dialog = page.locator("dialog")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page).to_have_url(f"{server.url}/privacy/")
    assert_clean(problems, server)


def test_without_javascript_it_is_a_plain_link(browser, server):
    context = browser.new_context(base_url=server.url, viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        seen = serve_the_neutral_site(page)
        page.goto("/accounts/login/")
        settled(page)
        page.get_by_role("link", name="Leave quickly").click()
        assert_left(page, server)
        assert "referer" not in seen[-1]
    finally:
        context.close()


def test_it_is_reachable_by_keyboard_and_out_of_the_way_on_a_phone(phone, server, problems, shoot):
    make_person("Alex", "Europe/London")
    page = phone("Alex", "Europe/London")
    serve_the_neutral_site(page)
    sign_in(page, "alex@example.com")

    # Second stop after "Skip to content", so it takes two presses of Tab.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    button = page.get_by_role("link", name="Leave quickly")
    expect(button).to_be_focused()
    assert button.evaluate("link => getComputedStyle(link).outlineStyle") == "solid"

    box = button.bounding_box()
    assert box is not None
    assert box["height"] >= 44
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]
    # It covers nothing in the header: not the name, not the menu.
    for other in [page.locator(".wordmark"), page.get_by_role("navigation", name="Main")]:
        other_box = other.bounding_box()
        assert other_box is not None
        overlaps = not (
            box["x"] + box["width"] <= other_box["x"]
            or other_box["x"] + other_box["width"] <= box["x"]
            or box["y"] + box["height"] <= other_box["y"]
            or other_box["y"] + other_box["height"] <= box["y"]
        )
        assert not overlaps, (box, other_box)
    shoot(page, "safety-02-home-signed-in")

    # Still there after scrolling down a long page.
    page.goto("/safety/")
    page.mouse.wheel(0, 2000)
    page.wait_for_function("window.scrollY > 500")
    expect(button).to_be_in_viewport()
    # Only the screen, not the full page: this is what a person sees mid-scroll.
    page.screenshot(path=SCREENSHOTS / "safety-03-scrolled.png", caret="initial")

    settled(page)
    button.focus()
    page.keyboard.press("Enter")
    assert_left(page, server)
    assert_clean(problems, server)


def test_pages_at_phone_size_in_dark(phone, server, problems, shoot):
    page = phone("Visitor", "America/New_York")
    page.emulate_media(color_scheme="dark")
    page.goto("/safety/?region=us")
    expect(page.get_by_role("link", name="911")).to_have_attribute("href", "tel:911")
    shoot(page, "safety-04-us-dark")
    page.goto("/privacy/")
    shoot(page, "safety-05-privacy-dark")
    page.emulate_media(color_scheme="light")
    page.goto("/accounts/signup/")
    shoot(page, "safety-06-signup")
    assert_clean(problems, server)


def test_a_widget_that_keeps_escape_to_itself_cannot_block_the_way_out(phone, server, problems):
    page = phone("Visitor", "Europe/London")
    serve_the_neutral_site(page)
    page.goto("/privacy/")
    settled(page)
    page.evaluate(
        """() => document.addEventListener("keydown", (event) => {
            if (event.key === "Escape") { event.stopImmediatePropagation(); event.preventDefault(); }
        }, true)"""
    )
    for _ in range(3):
        page.keyboard.press("Escape")
    assert_left(page, server)
    assert_clean(problems, server)
