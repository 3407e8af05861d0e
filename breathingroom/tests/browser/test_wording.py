"""Two upset people on two phones: whose words, lengths said plainly, who is ready, a way out that
never covers what they are reading, and the agreement written one short step at a time."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from breathingroom.agreements.steps import STEPS
from breathingroom.conftest import make_couple, make_person
from breathingroom.tests.browser.conftest import PHONE, SCREENSHOTS, sign_in

# Pages and scripts only: the database and channel layer behind them add nothing in a second pass.
pytestmark = [pytest.mark.browser, pytest.mark.once]

SAMS_WISH = "We're okay. I just need to breathe."

# Every element whose own text a person reads.
TEXT = "p, h1, h2, h3, li, dt, dd, label, legend, blockquote, summary, a, button, td, th, time, .reassurance"

# For each text element (not the button itself), the part of it a person can see: its box, less
# the bar that holds the button at the top of a phone's screen. Any such part that meets the
# button's box is text the button covers.
COVERED = """(exit, selector) => {
  const button = exit.getBoundingClientRect();
  const header = exit.closest("header");
  const bar = parseFloat(getComputedStyle(header, "::before").height) || 0;
  const covered = [];
  for (const element of document.querySelectorAll(selector)) {
    if (element === exit || exit.contains(element) || !element.textContent.trim()) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const top = Math.max(box.top, bar);
    if (top >= box.bottom) continue;
    const meets = box.left < button.right && button.left < box.right && top < button.bottom && button.top < box.bottom;
    if (meets) covered.push(`${element.tagName} ${element.textContent.trim().slice(0, 40)}`);
  }
  return covered;
}"""


def assert_clean(problems, server) -> None:
    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == [], [r.getMessage() for r in server.errors]


def write_the_agreement(page: Page, words: str, shoot, name: str) -> None:
    """Propose through every step, as a person on a phone would: Next until the last, then Propose."""
    propose = page.get_by_role("button", name="Propose")
    for number, step in enumerate(STEPS, start=1):
        section = page.locator(f"#step-{step.key}")
        expect(section).to_be_visible()
        expect(section.get_by_text(f"Step {number} of {len(STEPS)}")).to_be_visible()
        # One step at a time: the others are out of sight.
        assert page.locator("[data-step]:visible").count() == 1
        if step.key == "words":
            page.get_by_label("The words I would like to hear when my partner steps away").fill(words)
        if number == 2:
            shoot(page, f"{name}-step-2")
        if number < len(STEPS):
            expect(propose).to_be_hidden()
            page.get_by_role("button", name="Next").click()
    shoot(page, f"{name}-last-step")
    propose.click()


def test_two_phones_read_whose_words_plain_lengths_and_who_is_ready(phone, server, problems, shoot):
    alex_person, sam_person = make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York")
    make_couple(alex_person, sam_person)
    alex = phone("Alex", "Europe/London")
    sam = phone("Sam", "America/New_York", "en-US")
    sign_in(alex, "alex@example.com")
    sign_in(sam, "sam@example.com")

    # Sam writes the agreement step by step; Back returns to the step before, as it was left.
    sam.goto("/agreement/propose/")
    sam.get_by_label("Shortest break").select_option(label="10 minutes")
    sam.get_by_role("button", name="Next").click()
    expect(sam.get_by_role("heading", name="Until tomorrow morning")).to_be_focused()
    sam.get_by_role("button", name="Back").click()
    expect(sam.get_by_label("Shortest break")).to_have_value("10")
    expect(sam.get_by_role("heading", name="How long a break can be")).to_be_focused()
    sam.emulate_media(color_scheme="dark")
    write_the_agreement(sam, SAMS_WISH, shoot, "words-01-sam-proposes-dark")
    sam.emulate_media(color_scheme="light")
    expect(sam.get_by_text("Waiting for Alex to accept it.")).to_be_visible()

    alex.goto("/agreement/")
    alex.get_by_role("button", name="Accept this version").click()
    expect(alex.get_by_text("Version 1 is now in force for you both.")).to_be_visible()
    # The summary of the agreement fits one phone screen.
    summary = alex.locator("section[aria-labelledby='agreement-title']")
    box = summary.bounding_box()
    assert box is not None
    assert box["height"] <= PHONE["height"], box
    shoot(alex, "words-02-alex-agreement")

    # Alex needs space: Sam's wish is there, said to be Sam's, with other words to pick from.
    alex.goto("/space/")
    words = alex.get_by_label("Your words to your partner")
    expect(words).to_have_value(SAMS_WISH)
    note = alex.get_by_text("Sam asked to hear:")
    expect(note).to_be_visible()
    note_box, words_box = note.bounding_box(), words.bounding_box()
    assert note_box is not None
    assert words_box is not None
    assert note_box["y"] + note_box["height"] <= words_box["y"]
    expect(words).to_have_accessible_description("Sam asked to hear: They see this at once. Up to 280 characters.")
    for length in ("20 minutes", "30 minutes", "45 minutes", "1 hour", "1 hour 30 minutes", "2 hours"):
        expect(alex.get_by_role("button", name=length, exact=True)).to_be_visible()
    shoot(alex, "words-03-alex-take-space")

    # By keyboard: open the suggestions, pick one; the note no longer claims the words are Sam's.
    alex.get_by_text("Other words you could send").focus()
    alex.keyboard.press("Enter")
    pick = alex.get_by_role("button", name="We're on the same side.")
    pick.focus()
    alex.keyboard.press("Enter")
    expect(words).to_have_value("We're on the same side. I need some quiet first, then I want to hear you.")
    expect(pick).to_have_attribute("aria-pressed", "true")
    expect(note).to_be_hidden()
    alex.emulate_media(color_scheme="dark")
    shoot(alex, "words-04-alex-picked-dark")
    alex.emulate_media(color_scheme="light")
    # And back to Sam's words, which are Sam's again.
    alex.get_by_role("button", name="Back to Sam\u2019s words").click()
    expect(words).to_have_value(SAMS_WISH)
    expect(note).to_be_visible()

    alex.get_by_role("button", name="1 hour", exact=True).click()
    expect(alex.get_by_role("heading", name="You are taking space")).to_be_visible()
    sam.goto("/")
    expect(sam.locator(".reassurance")).to_have_text(SAMS_WISH)
    expect(sam.locator("time[data-countdown]")).to_have_text("in 1 hour")
    shoot(sam, "words-05-sam-waiting")

    # More time is offered in the same words as every other length.
    alex.get_by_role("link", name="I need more time").click()
    for more in ("+15 minutes", "+1 hour", "+1 hour 30 minutes"):
        expect(alex.get_by_role("button", name=more, exact=True)).to_be_visible()
    shoot(alex, "words-06-alex-more-time")
    alex.goto("/")

    # Alex is ready: Sam reads Alex's name, not "everyone on the break".
    alex.get_by_role("button", name="I\u2019m ready to talk").click()
    expect(sam.get_by_text("Alex is ready to talk.")).to_be_visible(timeout=3000)
    expect(sam.get_by_text("everyone", exact=False)).to_have_count(0)
    expect(alex.get_by_text("You said you are ready to talk, and Sam has been told.")).to_be_visible()
    sam.emulate_media(color_scheme="dark")
    shoot(sam, "words-07-sam-alex-is-ready-dark")
    assert_clean(problems, server)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_leave_quickly_never_covers_text_while_scrolling(phone, server, problems, scheme):
    alex_person, sam_person = make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York")
    make_couple(alex_person, sam_person)
    alex = phone("Alex", "Europe/London")
    alex.emulate_media(color_scheme=scheme)
    sign_in(alex, "alex@example.com")
    exit_link = alex.get_by_role("link", name="Leave quickly")
    for path in ("/safety/", "/privacy/", "/agreement/", "/agreement/propose/", "/space/", "/calm/reasons/"):
        alex.goto(path)
        height = alex.evaluate("document.documentElement.scrollHeight")
        assert height > PHONE["height"], path  # a long page, or there is nothing to scroll
        for y in range(0, height, 97):
            alex.evaluate(f"window.scrollTo(0, {y})")
            covered = exit_link.evaluate(COVERED, TEXT)
            assert covered == [], (path, y, covered)
            # Reachable at once: on screen, and what a tap there reaches is the button itself.
            box = exit_link.bounding_box()
            assert box is not None
            assert box["y"] >= 0, (path, y)
            assert box["y"] + box["height"] <= PHONE["height"], (path, y)
            hit = alex.evaluate(
                "([x, y]) => document.elementFromPoint(x, y)?.closest('[data-quick-exit]') !== null",
                [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
            )
            assert hit, (path, y)
        alex.evaluate(f"window.scrollTo(0, {height // 2})")
        alex.screenshot(path=SCREENSHOTS / f"words-08-scrolled-{path.strip('/').replace('/', '-')}-{scheme}.png")
    assert_clean(problems, server)
