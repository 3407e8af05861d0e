"""The first session on two phones: started by one, joined by the other, every screen changing on
both only when both are ready, each one's side shown once both chose, and the last screen leading to
the agreement composer; a proposal written there finishes it on the other phone by itself."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from breathingroom.conftest import make_couple, make_person
from breathingroom.tests.browser.conftest import sign_in

# Pages and scripts; a change reaching the other phone through Redis is shown in the second pass by
# test_fault_processes and test_between_breaks.
pytestmark = [pytest.mark.browser, pytest.mark.once]

SIGNAL = "I need air, I'll be back"
AXE = Axe()


def wait_live(page: Page) -> None:
    expect(page.locator("body")).to_have_attribute("data-live-state", "open")


def assert_clean(problems, server) -> None:
    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == [], [r.getMessage() for r in server.errors]


# What axe-core found wrong on the screens shot, in either scheme; the walk asserts it stays empty.
FOUND: list[str] = []


def both_schemes(shoot, page: Page, name: str) -> None:
    """A screenshot in light and one in dark, under first-session-<name>-<scheme>.png, each checked by axe."""
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        shoot(page, f"first-session-{name}-{scheme}")
        FOUND.extend(
            f"{name} ({scheme}): {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in AXE.run(page).response["violations"]
        )
    page.emulate_media(color_scheme="light")


def screen(page: Page, title: str, n: int) -> None:
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    expect(page.get_by_text(f"Screen {n} of 6")).to_be_visible()


def both_go_on(alex: Page, sam: Page, shoot, name: str | None = None) -> None:
    """Alex is ready first and waits; Sam's open page says so by itself; then Sam moves both on."""
    alex.get_by_role("button", name="Ready to go on").click()
    expect(alex.get_by_text("Waiting for Sam… no hurry.")).to_be_visible()
    expect(sam.get_by_text("Alex is ready to go on whenever you are. Take your time.")).to_be_visible()
    if name:
        both_schemes(shoot, alex, f"{name}-alex-waits")
        both_schemes(shoot, sam, f"{name}-sam-reads-on")
    sam.get_by_role("button", name="Ready to go on").click()


def test_a_first_session_walked_together_to_the_agreement(phone, server, problems, shoot):
    FOUND.clear()
    make_couple(make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York"))
    alex = phone("Alex", "Europe/London")
    sam = phone("Sam", "America/New_York", "en-US")
    sign_in(alex, "alex@example.com")
    sign_in(sam, "sam@example.com")
    wait_live(alex)
    wait_live(sam)

    # Home offers it to both; Alex starts it, and Sam's Home says so by itself.
    offer = alex.locator("#first-session-offer")
    expect(offer.get_by_role("heading", name="A first session together")).to_be_visible()
    offer.scroll_into_view_if_needed()
    # Both answers side by side, as Home's other offers are.
    start, not_now = offer.get_by_role("button", name="Start", exact=True), offer.get_by_role("button", name="Not now")
    assert start.bounding_box()["y"] == not_now.bounding_box()["y"]
    both_schemes(shoot, alex, "01-home-offer")
    start.click()
    screen(alex, "Two moves, one dance", 1)
    expect(sam.get_by_text("Alex has started it. Join them whenever you are ready.")).to_be_visible()
    sam.get_by_role("link", name="Carry on together").click()
    screen(sam, "Two moves, one dance", 1)
    wait_live(alex)
    wait_live(sam)
    both_schemes(shoot, sam, "02-dance")

    # Each screen changes on both phones only when both are ready.
    both_go_on(alex, sam, shoot, "03-dance")
    screen(sam, "The loop is the problem", 2)
    screen(alex, "The loop is the problem", 2)
    both_schemes(shoot, alex, "04-loop")
    both_go_on(alex, sam, shoot)

    # Each chooses alone; neither sees the other's answer until both have chosen.
    screen(alex, "Which way do you lean?", 3)
    screen(sam, "Which way do you lean?", 3)
    both_schemes(shoot, sam, "05-sides-choose")
    alex.get_by_label("I tend to reach").check()
    alex.get_by_role("button", name="This is me").click()
    expect(alex.get_by_text("Your answer is in. Waiting for Sam to choose")).to_be_visible()
    expect(sam.get_by_text("Alex has chosen. Their answer shows once you have chosen yours.")).to_be_visible()
    expect(sam.locator(".sides")).to_have_count(0)
    both_schemes(shoot, alex, "06-sides-alex-waits")
    sam.get_by_label("I tend to step back").check()
    sam.get_by_role("button", name="This is me").click()
    for page, partner, theirs in ((alex, "Sam", "I tend to step back"), (sam, "Alex", "I tend to reach")):
        sides = page.locator(".sides")
        expect(sides).to_contain_text(partner)
        expect(sides).to_contain_text(theirs)
        expect(page.get_by_text("One of each, as in many couples.")).to_be_visible()
    both_schemes(shoot, sam, "07-sides-shown")
    both_go_on(alex, sam, shoot)

    screen(alex, "Why someone needs space", 4)
    screen(sam, "Why someone needs space", 4)
    both_schemes(shoot, alex, "08-reasons")
    both_go_on(alex, sam, shoot)

    # The signal: Sam writes it, Alex's phone shows it.
    screen(alex, "A signal of your own", 5)
    screen(sam, "A signal of your own", 5)
    both_schemes(shoot, alex, "09-signal-empty")
    sam.get_by_label("Words that mean “I need space, and I'm coming back”").fill(SIGNAL)
    sam.get_by_role("button", name="Use these words").click()
    expect(alex.locator(".signal-words")).to_have_text(SIGNAL)
    expect(alex.get_by_text("Your signal, written by Sam:")).to_be_visible()
    both_schemes(shoot, alex, "10-signal-set")
    both_go_on(alex, sam, shoot)

    # The last screen leads both to the composer; Alex proposes there, and Sam's phone is done.
    screen(alex, "Your Space Agreement", 6)
    screen(sam, "Your Space Agreement", 6)
    both_schemes(shoot, sam, "11-agreement")
    alex.get_by_role("link", name="Write our agreement").click()
    words = alex.get_by_label("The words I would like to hear when my partner steps away")
    propose = alex.get_by_role("button", name="Propose")
    for _ in range(10):
        if words.is_visible():
            # The signal is there among the phrasebook's words to choose from.
            expect(alex.locator(".pick-words", has_text=SIGNAL)).to_have_count(1)
            words.fill("I'm here. Take the time you need.")
        if propose.is_visible():
            break
        alex.get_by_role("button", name="Next").click()
    propose.click()
    expect(alex.get_by_text("Waiting for Sam to accept it.")).to_be_visible()

    expect(sam.get_by_role("heading", name="You did this together", level=1)).to_be_visible()
    expect(sam.get_by_text("Alex proposed version 1 of your agreement.")).to_be_visible()
    both_schemes(shoot, sam, "12-done")
    sam.get_by_role("link", name="Read the proposal").click()
    expect(sam.get_by_role("button", name="Accept this version")).to_be_visible()

    # Done, Home no longer offers it.
    alex.goto("/")
    expect(alex.locator("#first-session-offer")).to_be_attached()
    expect(alex.locator("#first-session-offer .card")).to_have_count(0)
    assert_clean(problems, server)
    assert FOUND == [], "\n".join(FOUND)


def test_put_aside_by_one_and_picked_up_where_it_was(phone, server, problems, shoot):
    make_couple(make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York"))
    alex = phone("Alex", "Europe/London")
    sam = phone("Sam", "America/New_York", "en-US")
    sign_in(alex, "alex@example.com")
    sign_in(sam, "sam@example.com")
    alex.locator("#first-session-offer").get_by_role("button", name="Start", exact=True).click()
    sam.goto("/first-session/")
    wait_live(alex)
    wait_live(sam)
    both_go_on(alex, sam, shoot)
    screen(alex, "The loop is the problem", 2)

    sam.get_by_role("button", name="Put this aside for now").click()
    expect(alex.get_by_role("heading", name="Put aside for now", level=1)).to_be_visible()
    expect(alex.get_by_text("Sam put the session aside for now.")).to_be_visible()
    both_schemes(shoot, alex, "13-put-aside")
    alex.goto("/")
    expect(alex.get_by_role("link", name="Your first session together is put aside.")).to_be_visible()
    alex.get_by_role("link", name="Your first session together is put aside.").click()
    alex.get_by_role("button", name="Pick it up again").click()
    screen(alex, "The loop is the problem", 2)
    assert_clean(problems, server)
