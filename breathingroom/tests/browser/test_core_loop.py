"""The whole loop on two phones: pair, agree, take space, wait, come back, repair.

Break minutes run as seconds here (BREAK_MINUTE_SECONDS); every rule stays the same.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from breathingroom.agreements import proposals
from breathingroom.breaks.models import Break, Reconnection
from breathingroom.conftest import make_couple, make_person
from breathingroom.tests.browser.conftest import sign_in
from breathingroom.tests.clocks import as_shown

# Page and script behaviour alike on every database; the first CI pass proves it.
pytestmark = [pytest.mark.browser, pytest.mark.once]


def mark_page(page: Page) -> None:
    """Leave a mark in the page's memory: if it is still there later, the page was never reloaded."""
    page.evaluate("window.__stillTheSamePage = true")


def assert_not_reloaded(page: Page) -> None:
    assert page.evaluate("window.__stillTheSamePage === true"), "the page was reloaded"


def wait_live(page: Page) -> None:
    expect(page.locator("body")).to_have_attribute("data-live-state", "open")


def assert_clean(problems, server) -> None:
    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == [], [r.getMessage() for r in server.errors]


def test_the_whole_loop_on_two_phones(phone, server, problems, shoot, settings):
    settings.BREAK_MINUTE_SECONDS = 3
    make_person("Alex", "Europe/London")
    make_person("Sam", "America/New_York")
    alex = phone("Alex", "Europe/London", "en-GB")
    sam = phone("Sam", "America/New_York", "en-US")
    sign_in(alex, "alex@example.com")
    sign_in(sam, "sam@example.com")

    # Pair: Alex invites, Sam types the code.
    alex.get_by_role("button", name="Create an invitation").click()
    code = alex.locator("[data-code]").inner_text()
    sam.get_by_label("Code from your partner").fill(code)
    sam.get_by_role("button", name="Join").click()
    expect(sam.get_by_role("heading", name="All is calm")).to_be_visible()
    # Alex's page notices by itself.
    expect(alex.get_by_text("Not agreed yet")).to_be_visible(timeout=8000)
    shoot(alex, "loop-01-alex-calm")

    # Agree: Alex proposes, with the words she would like to hear; Sam accepts, adding his.
    alex.get_by_role("link", name="See the agreement").click()
    alex.get_by_role("link", name="Write your agreement").click()
    # One term at a time on a phone: Next until the words, then on to the end.
    words = alex.get_by_label("The words I would like to hear when my partner steps away")
    propose = alex.get_by_role("button", name="Propose")
    for _ in range(10):
        if words.is_visible():
            words.fill("I love you. I'm coming back to finish this.")
            shoot(alex, "loop-02-alex-proposes")
        if propose.is_visible():
            break
        alex.get_by_role("button", name="Next").click()
    propose.click()
    expect(alex.get_by_text("Waiting for Sam to accept it.")).to_be_visible()

    sam.goto("/")
    expect(sam.get_by_text("Alex proposed a new version of your Space Agreement.")).to_be_visible()
    sam.get_by_role("link", name="Read it").click()
    sam.get_by_label("The words I would like to hear when my partner steps away").fill(
        "We're okay. I just need to breathe."
    )
    shoot(sam, "loop-03-sam-accepts")
    sam.get_by_role("button", name="Accept this version").click()
    expect(sam.get_by_text("Version 1 is now in force for you both.")).to_be_visible()

    # Take space: two taps. The words Sam asked for are already there.
    alex.goto("/")
    wait_live(alex)
    sam.goto("/")
    wait_live(sam)
    mark_page(sam)
    alex.get_by_role("link", name="I need space").click()
    expect(alex.get_by_label("Your words to your partner")).to_have_value("We're okay. I just need to breathe.")
    shoot(alex, "loop-04-alex-takes-space")
    started = time.monotonic()
    alex.get_by_role("button", name="20 minutes").click()

    # Sam's open page changes by itself: the words, the time in his zone, the tools.
    expect(sam.get_by_role("heading", name="Alex is taking some space")).to_be_visible(timeout=2000)
    seen_after = time.monotonic() - started
    assert seen_after < 2, seen_after
    assert_not_reloaded(sam)
    expect(sam.locator(".reassurance")).to_have_text("We're okay. I just need to breathe.")
    brk = Break.objects.get()
    ny_time = as_shown(brk.returns_at, "America/New_York")
    expect(sam.get_by_text(f"You will reconnect at {ny_time}, your time.")).to_be_visible()
    expect(sam.get_by_role("heading", name="While you wait")).to_be_visible()
    shoot(sam, "loop-05-sam-waiting")
    expect(alex.get_by_role("heading", name="You are taking space")).to_be_visible()
    shoot(alex, "loop-06-alex-on-break")

    # Thinking of you: one, as agreed; it reaches Alex, and nothing reports back to Sam.
    mark_page(alex)
    sam.get_by_role("button", name="Send “thinking of you”").click()
    expect(sam.get_by_text("Sent. Nothing is expected back.")).to_be_visible()
    expect(sam.get_by_text("You have sent your “thinking of you” for this break.")).to_be_visible()
    expect(alex.get_by_text(re.compile(r"Sam is thinking of you"))).to_be_visible(timeout=2000)
    assert_not_reloaded(alex)
    shoot(alex, "loop-07-alex-thought-of")

    # Extend once, with new words; Sam sees them.
    mark_page(sam)
    alex.get_by_role("link", name="I need more time").click()
    alex.get_by_label("Your words to your partner").fill("A little longer, please. Still coming back.")
    shoot(alex, "loop-08-alex-extends")
    alex.get_by_role("button", name="+15 minutes").click()
    expect(sam.locator(".reassurance")).to_have_text("A little longer, please. Still coming back.", timeout=2000)
    assert_not_reloaded(sam)
    expect(alex.get_by_role("link", name="I need more time")).to_have_count(0)

    # Ready early: both pages call them back.
    alex.get_by_role("button", name="I\u2019m ready to talk").click()
    expect(sam.get_by_role("heading", name="Time to come back together")).to_be_visible(timeout=2000)
    expect(alex.get_by_role("heading", name="Time to come back together")).to_be_visible()
    shoot(sam, "loop-09-sam-called-back")

    # The ritual, followed by both phones.
    alex.get_by_role("link", name="Start reconnecting").click()
    sam.get_by_role("link", name="Start reconnecting").click()
    wait_live(alex)
    wait_live(sam)
    alex.get_by_role("radiogroup").get_by_label("6", exact=True).check()
    alex.get_by_role("button", name="Check in").click()
    expect(alex.get_by_text("You checked in at 6 out of 10.")).to_be_visible()
    expect(sam.get_by_text("Alex has checked in.")).to_be_visible(timeout=2000)
    shoot(sam, "loop-10-sam-check-in")
    sam.get_by_role("radiogroup").get_by_label("3", exact=True).check()
    sam.get_by_label("Let my partner see my number").check()
    sam.get_by_role("button", name="Check in").click()

    # Sam waited, so Sam speaks first; Alex listens and reflects.
    expect(sam.get_by_text("Your turn to speak. Slowly, about yourself:")).to_be_visible()
    expect(alex.get_by_text("Sam speaks. You listen.")).to_be_visible(timeout=2000)
    shoot(alex, "loop-11-alex-listens")
    alex.get_by_role("button", name="I said it back").click()
    sam.get_by_role("button", name="Yes, I was heard").click()
    expect(alex.get_by_text("Your turn to speak. Slowly, about yourself:")).to_be_visible(timeout=2000)
    shoot(alex, "loop-12-alex-speaks")
    sam.get_by_role("button", name="I said it back").click()
    alex.get_by_role("button", name="Yes, I was heard").click()

    alex.get_by_label("One thing I will try next time").fill("Say “I need twenty minutes” before I leave the room.")
    alex.get_by_role("button", name="Save").click()
    sam.get_by_label("One thing I will try next time").fill("Breathe before I follow.")
    sam.get_by_role("button", name="Save").click()

    expect(alex.get_by_role("heading", name="How it went")).to_be_visible(timeout=2000)
    shoot(alex, "loop-13-outcome")
    alex.get_by_label("Back on time").check()
    alex.get_by_label("Partly").check()
    alex.get_by_role("button", name="Save how it went").click()
    expect(alex.get_by_text("Sam has not recorded theirs yet.", exact=False)).to_be_visible()
    sam.get_by_label("Back on time").check()
    sam.get_by_label("Partly").check()
    sam.get_by_role("button", name="Save how it went").click()
    expect(alex.get_by_text("Thank you both for coming back.")).to_be_visible(timeout=2000)
    expect(sam.get_by_text("Thank you both for coming back.")).to_be_visible()
    expect(sam.get_by_text("Breathe before I follow.")).to_be_visible()
    shoot(sam, "loop-14-sam-done")

    views = Reconnection.objects.get().outcomes.all()
    assert [(o.timing, o.repair) for o in views] == [("on_time", "partly"), ("on_time", "partly")]
    sam.goto("/")
    expect(sam.get_by_role("heading", name="All is calm")).to_be_visible()
    assert_clean(problems, server)


def test_pages_switch_to_reconnecting_at_the_agreed_time(phone, server, problems, shoot, settings):
    settings.BREAK_MINUTE_SECONDS = 0.5
    alex_person, sam_person = make_person("Alex", "Europe/London"), make_person("Sam", "Asia/Tokyo")
    make_couple(alex_person, sam_person)
    agreement = proposals.propose(
        alex_person,
        proposals.Proposal(10, 60, (10, 20), False, 1, "nothing", 60, "own", "a walk around the block", ""),
    )
    proposals.accept(sam_person, agreement.version)
    alex = phone("Alex", "Europe/London")
    sam = phone("Sam", "Asia/Tokyo", "ja-JP")
    sign_in(alex, "alex@example.com")
    sign_in(sam, "sam@example.com")
    wait_live(sam)
    mark_page(sam)

    alex.get_by_role("link", name="I need space").click()
    alex.get_by_role("button", name="10 minutes").click()
    expect(sam.get_by_text("Your agreement asks for no messages during a break")).to_be_visible(timeout=2000)

    # Nobody presses anything: five seconds later, the agreed time, both pages change.
    expect(sam.get_by_role("heading", name="Time to come back together")).to_be_visible(timeout=9000)
    expect(alex.get_by_role("heading", name="Time to come back together")).to_be_visible(timeout=3000)
    assert_not_reloaded(sam)
    alex.get_by_role("link", name="Start reconnecting").click()
    alex.get_by_role("radiogroup").get_by_label("2", exact=True).check()
    alex.get_by_role("button", name="Check in").click()
    alex.get_by_role("button", name="Go on without waiting").click()
    expect(alex.get_by_text("Reconnect your own way: a walk around the block.")).to_be_visible()
    shoot(alex, "loop-15-own-way")
    assert_clean(problems, server)
