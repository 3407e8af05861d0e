"""The whole loop by keyboard alone, on two phones, with every live change read out.

No clicks: each person moves with Tab and Shift+Tab, chooses with the arrow keys inside a group of
options, and presses Enter or Space. Break minutes run as seconds (BREAK_MINUTE_SECONDS).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from breathingroom.breaks.models import Reconnection
from breathingroom.breaks.tests.conftest import agree
from breathingroom.conftest import make_couple, make_person
from breathingroom.tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.once]

MOST_TABS = 60


def is_focused(target: Locator) -> bool:
    return bool(target.evaluate("element => element === document.activeElement"))


def tab_to(page: Page, target: Locator, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until ``target`` has the focus, as a person would, looking for it.

    The target may be on its way from the partner's phone, over the socket: on a busy machine that
    takes longer than an expectation's usual five seconds."""
    expect(target).to_be_visible(timeout=15_000)
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MOST_TABS):
        if is_focused(target):
            break
        page.keyboard.press(key)
    expect(target).to_be_focused()
    # Whatever has the focus shows it.
    if target.evaluate("element => element.matches('a, button')"):
        assert target.evaluate("element => getComputedStyle(element).outlineStyle") != "none"


def tab_into(page: Page, group: Locator) -> None:
    """Press Tab until the focus is inside ``group`` (a group of options takes one Tab)."""
    for _ in range(MOST_TABS):
        if group.evaluate("group => group.contains(document.activeElement)"):
            return
        page.keyboard.press("Tab")
    raise AssertionError("Tab never reached the group")


def press(page: Page, target: Locator, key: str = "Enter") -> None:
    tab_to(page, target)
    page.keyboard.press(key)


def announced(page: Page) -> Locator:
    """The page's one live region, where a screen reader hears what changed."""
    region = page.locator("#announce")
    expect(region).to_have_attribute("role", "status")
    expect(region).to_have_attribute("aria-live", "polite")
    return region


def wait_live(page: Page) -> None:
    expect(page.locator("body")).to_have_attribute("data-live-state", "open")


def test_the_whole_loop_by_keyboard_alone(phone, server, problems, settings):
    settings.BREAK_MINUTE_SECONDS = 6
    alex_person, sam_person = make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York")
    make_couple(alex_person, sam_person)
    agree(alex_person, sam_person, words="We're okay. I just need to breathe.")
    alex = phone("Alex", "Europe/London")
    sam = phone("Sam", "America/New_York")
    sign_in(alex, "alex@example.com")
    sign_in(sam, "sam@example.com")
    wait_live(alex)
    wait_live(sam)

    # Alex takes space: the words first, then a length, which sends it.
    press(alex, alex.get_by_role("link", name="I need space"))
    send_words(alex, "I need a little while. I'm coming back.", "20 minutes")
    expect(alex.get_by_role("heading", name="You are taking space")).to_be_visible()

    # Sam's page changes by itself; it says so, and Sam starts reading at the new heading.
    waiting = sam.get_by_role("heading", name="Alex is taking some space")
    expect(waiting).to_be_visible()
    expect(announced(sam)).to_contain_text("Alex is away until")
    expect(waiting).to_be_focused()

    # Thinking of you, sent with Space; it reaches Alex's open page and is read out there.
    press(sam, sam.get_by_role("button", name="Send “thinking of you”"), "Space")
    expect(sam.get_by_text("Sent. Nothing is expected back.")).to_be_visible()
    expect(alex.get_by_text("Sam is thinking of you")).to_be_visible()
    expect(announced(alex)).to_have_text("Sam sent you a “thinking of you”. No reply is needed.")

    # Alex extends once, with new words; Sam hears the new time.
    press(alex, alex.get_by_role("link", name="I need more time"))
    send_words(alex, "A little longer, please. Still coming back.", "+15 minutes")
    expect(sam.locator(".reassurance")).to_have_text("A little longer, please. Still coming back.")
    expect(announced(sam)).to_contain_text("Their words: A little longer, please. Still coming back.")

    # Alex is ready early: Sam's page calls them back, says so, and Sam starts at the heading.
    press(alex, alex.get_by_role("button", name="I\u2019m ready to talk"))
    called_back = sam.get_by_role("heading", name="Time to come back together")
    expect(called_back).to_be_visible()
    expect(announced(sam)).to_have_text("Alex is ready, so you can come back together now.")
    expect(called_back).to_be_focused()

    # Both start the ritual. Alex checks in first; Sam's page follows and says so.
    press(alex, alex.get_by_role("link", name="Start reconnecting"))
    press(sam, sam.get_by_role("link", name="Start reconnecting"))
    wait_live(alex)
    wait_live(sam)
    check_in(alex, "6")
    expect(alex.get_by_text("You checked in at 6 out of 10.")).to_be_visible()
    expect(sam.get_by_text("Alex has checked in.")).to_be_visible()
    expect(announced(sam)).to_have_text("Alex has finished checking in.")
    check_in(sam, "3")

    # Sam waited, so Sam speaks first. Alex's page moves on a step by itself: read out, and focus
    # on the new step's heading.
    expect(sam.get_by_text("Your turn to speak. Slowly, about yourself:")).to_be_visible()
    expect(alex.get_by_text("Sam speaks. You listen.")).to_be_visible()
    expect(announced(alex)).to_have_text("Now Sam speaks, and you listen.")
    expect(alex.locator("#ritual-title")).to_be_focused()
    press(alex, alex.get_by_role("button", name="I said it back"))
    press(sam, sam.get_by_role("button", name="Yes, I was heard"))
    expect(alex.get_by_text("Your turn to speak. Slowly, about yourself:")).to_be_visible()
    press(sam, sam.get_by_role("button", name="I said it back"), "Space")
    press(alex, alex.get_by_role("button", name="Yes, I was heard"), "Space")

    # One thing to try next time. Alex types while Sam saves: Alex's field keeps the focus.
    next_time = alex.get_by_label("One thing I will try next time")
    tab_to(alex, next_time)
    alex.keyboard.type("Say how long before I leave the room.")
    sam_next = sam.get_by_label("One thing I will try next time")
    tab_to(sam, sam_next)
    sam.keyboard.type("Breathe before I follow.")
    press(sam, sam.get_by_role("button", name="Save"))
    expect(sam.get_by_text("Waiting for Alex.")).to_be_visible()
    expect(next_time).to_be_focused()
    expect(next_time).to_have_value("Say how long before I leave the room.")
    press(alex, alex.get_by_role("button", name="Save"))

    # How it went: a choice in each group, by arrow keys, then saved with Enter.
    for page in (alex, sam):
        expect(page.get_by_role("heading", name="How it went")).to_be_visible()
        choose(page, "Back on time")
        choose(page, "Partly")
        press(page, page.get_by_role("button", name="Save how it went"))
    expect(alex.get_by_text("Thank you both for coming back.")).to_be_visible()
    expect(sam.get_by_text("Thank you both for coming back.")).to_be_visible()
    expect(announced(alex)).to_have_text("You have both said how it went.")

    outcomes = Reconnection.objects.get().outcomes.all()
    assert sorted((o.timing, o.repair) for o in outcomes) == [("on_time", "partly"), ("on_time", "partly")]
    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == [], [r.getMessage() for r in server.errors]


def send_words(page: Page, words: str, length: str) -> None:
    """Write new words for the partner in place of the ones offered, then send them with a length."""
    tab_to(page, page.get_by_label("Your words to your partner"))
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(words)
    press(page, page.get_by_role("button", name=length))


def check_in(page: Page, number: str) -> None:
    """Tab into the 0 to 10 scale, arrow to ``number``, and send it with the button after it."""
    scale = page.get_by_role("radiogroup")
    tab_into(page, scale)
    target = scale.get_by_label(number, exact=True)
    for _ in range(12):
        if target.is_checked():
            break
        current = int(page.evaluate("document.activeElement.value"))
        page.keyboard.press("ArrowRight" if current < int(number) else "ArrowLeft")
    expect(target).to_be_checked()
    press(page, page.get_by_role("button", name="Check in", exact=True))


def choose(page: Page, label: str) -> None:
    """Tab into the group that offers ``label`` and move to it with the arrow keys."""
    option = page.get_by_label(label, exact=True)
    group = page.get_by_role("group").filter(has=option)
    tab_into(page, group)
    for _ in range(8):
        if option.is_checked():
            return
        page.keyboard.press("ArrowDown")
    expect(option).to_be_checked()
