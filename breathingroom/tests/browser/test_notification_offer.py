"""On two phones: once paired, each is asked whether to be told when the page is closed, and "Not now" stays."""

from __future__ import annotations

import pytest
from playwright.sync_api import Route, expect

from breathingroom.conftest import make_couple, make_person
from breathingroom.tests.browser.conftest import sign_in

# Pages and scripts only: the database and channel layer behind them add nothing in a second pass.
pytestmark = [pytest.mark.browser, pytest.mark.once]

OFFER = "Be told when this page is closed?"


def assert_clean(problems, server) -> None:
    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == [], [r.getMessage() for r in server.errors]


def test_each_partner_is_offered_notifications_once_after_pairing(phone, server, problems, shoot):
    make_person("Alex", "Europe/London")
    make_person("Sam", "America/New_York")
    alex = phone("Alex", "Europe/London", "en-GB")
    sam = phone("Sam", "America/New_York", "en-US")
    sign_in(alex, "alex@example.com")
    sign_in(sam, "sam@example.com")
    # Not before there is anyone to be told about.
    expect(alex.get_by_role("heading", name=OFFER)).to_have_count(0)

    alex.get_by_role("button", name="Create an invitation").click()
    code = alex.locator("[data-code]").inner_text()
    sam.get_by_label("Code from your partner").fill(code)
    sam.get_by_role("button", name="Join").click()

    offer = sam.get_by_role("region", name=OFFER)
    expect(offer).to_be_visible()
    expect(offer.get_by_role("button", name="Yes, tell me")).to_be_visible()
    shoot(sam, "offer-01-sam-asked")

    # "Not now": the card makes way for one quiet line, and the page stays where it was.
    offer.get_by_role("button", name="Not now").click()
    expect(offer).to_have_count(0)
    expect(sam.get_by_text("All right. Notifications are in Settings whenever you want them.")).to_be_visible()
    expect(sam.get_by_role("heading", name="All is calm")).to_be_visible()
    shoot(sam, "offer-02-sam-not-now")
    sam.reload()
    expect(sam.get_by_role("heading", name="All is calm")).to_be_visible()
    expect(sam.get_by_role("region", name=OFFER)).to_have_count(0)

    # Alex's page noticed the pairing by itself, and she is asked too; "Yes" leads to choosing how,
    # and the browser asks nothing until she presses the button there.
    alex_offer = alex.get_by_role("region", name=OFFER)
    expect(alex_offer).to_be_visible(timeout=10_000)
    shoot(alex, "offer-03-alex-asked")
    alex_offer.get_by_role("button", name="Yes, tell me").click()
    expect(alex.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    alex.goto("/")
    expect(alex.get_by_role("heading", name="All is calm")).to_be_visible()
    expect(alex.get_by_role("region", name=OFFER)).to_have_count(0)

    assert_clean(problems, server)


def test_a_live_refresh_landing_while_not_now_is_on_its_way_leaves_the_answer_on_the_page(phone, server, problems):
    """A refresh asked after "Not now" was saved, but answered before it: it must not swallow the answer."""
    make_couple(make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York"))
    sam = phone("Sam", "America/New_York", "en-US")
    sign_in(sam, "sam@example.com")
    offer = sam.get_by_role("region", name=OFFER)
    expect(offer).to_be_visible()

    held: dict[str, Route] = {}
    sam.route("**/notifications/offer/**", lambda route: held.setdefault(route.request.method, route))

    def caught(method: str) -> Route:
        for _ in range(100):
            if method in held:
                return held.pop(method)
            sam.wait_for_timeout(50)
        raise AssertionError(f"no {method} to the offer was sent")

    offer.get_by_role("button", name="Not now").click()
    step = caught("POST")
    # The server saves "Not now"; its answer is held back from the page for now.
    saved = step.fetch()
    assert saved.ok
    # An event arrives: the part is fetched again, after the answer was saved, and reaches the page first.
    sam.evaluate("() => document.body.dispatchEvent(new CustomEvent('br:event'))")
    caught("GET").continue_()
    sam.wait_for_timeout(300)
    # Then the step's own answer arrives.
    step.fulfill(response=saved)
    expect(sam.get_by_text("All right. Notifications are in Settings whenever you want them.")).to_be_visible()
    expect(sam.get_by_role("region", name=OFFER)).to_have_count(0)
    sam.unroute("**/notifications/offer/**")
    assert_clean(problems, server)
