"""The reconnection on two phones as two upset people live it: a high check-in settles first, with
a breath both phones take in step; a turn ends when both say it was heard; each view of how it
went is shown side by side.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from breathingroom.breaks import space
from breathingroom.breaks.reconnecting import BREATH_IN, BREATH_OUT
from breathingroom.breaks.tests.conftest import REASSURANCE, until_reconnecting
from breathingroom.conftest import make_couple, make_person
from breathingroom.tests.browser.conftest import sign_in
from breathingroom.tests.browser.test_core_loop import assert_clean, wait_live

# Page and script behaviour alike on every database; the first CI pass proves it.
pytestmark = [pytest.mark.browser, pytest.mark.once]

ROUND = (BREATH_IN + BREATH_OUT) * 1000
# This phone's own clock is seven seconds fast: only the server's clock can keep it in step.
FAST_CLOCK = "(() => { const real = Date.now; Date.now = () => real() + 7000; })();"


def out_of_step(a: Page, b: Page) -> float:
    """How far apart the two phones are in the breath, in milliseconds, at the same true moment."""
    first, second = a.evaluate("window.brTogether()"), b.evaluate("window.brTogether()")
    apart = (first["intoRound"] - second["intoRound"]) - (first["at"] - second["at"])
    return abs((apart + ROUND / 2) % ROUND - ROUND / 2)


def both(alex: Page, sam: Page, text: str) -> None:
    for page in (alex, sam):
        expect(page.get_by_text(text, exact=False).first).to_be_visible(timeout=3000)


def shoot_both_schemes(shoot, page: Page, name: str) -> None:
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        shoot(page, f"{name}-{scheme}")
    page.emulate_media(color_scheme="light")


def test_a_high_check_in_settles_both_phones_in_step_before_turns_both_confirm(
    phone, server, problems, shoot, settings
):
    settings.BREAK_MINUTE_SECONDS = 3
    alex_person, sam_person = make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York")
    make_couple(alex_person, sam_person)
    brk = until_reconnecting(space.take_space(alex_person, 20, REASSURANCE))
    alex = phone("Alex", "Europe/London", "en-GB")
    sam = phone("Sam", "America/New_York", "en-US")
    sam.context.add_init_script(FAST_CLOCK)
    sign_in(alex, "alex@example.com")
    sign_in(sam, "sam@example.com")
    ritual = f"/space/{brk.id}/reconnect/"
    for page in (alex, sam):
        page.goto(ritual)
        wait_live(page)

    # Alex is still flooded and keeps the number private; Sam is calm.
    alex.get_by_role("radiogroup").get_by_label("8", exact=True).check()
    alex.get_by_role("button", name="Check in").click()
    sam.get_by_role("radiogroup").get_by_label("3", exact=True).check()
    sam.get_by_role("button", name="Check in").click()
    expect(alex.get_by_text("Your body is still stirred up.", exact=False)).to_be_visible(timeout=3000)
    expect(sam.get_by_text("One of you is still stirred up.", exact=False)).to_be_visible(timeout=3000)
    expect(sam.get_by_text("Alex checked in at 8")).to_have_count(0)
    for page in (alex, sam):
        expect(page.get_by_text("Your turn to speak")).to_have_count(0)
    shoot_both_schemes(shoot, sam, "ritual-01-sam-one-of-you-is-stirred")

    # One breath together: both phones breathe in step, though Sam's clock is seven seconds out.
    alex.get_by_role("button", name="Breathe together for a minute").click()
    for page in (alex, sam):
        expect(page.locator("[data-together]")).to_have_attribute("data-phase", "in", timeout=6000)
    for _ in range(5):
        assert out_of_step(alex, sam) < 100
        alex.wait_for_timeout(700)
    expect(sam.locator("[data-together]")).to_have_attribute("data-phase", "out", timeout=6000)
    # The other phone turns within a moment (each looks every 50 ms).
    expect(alex.locator("[data-together]")).to_have_attribute("data-phase", "out", timeout=300)
    shoot_both_schemes(shoot, alex, "ritual-02-alex-breathes")

    # Less motion: the circle stays still, and the words count down instead.
    sam.emulate_media(reduced_motion="reduce")
    count = sam.locator("[data-together] [data-count]")
    expect(count).to_have_text(re.compile(r"^\d+$"))
    # The page looks again every 50 ms, so the circle comes to rest within a moment of the change.
    sam.wait_for_function(
        """() => {
            const circle = document.querySelector("[data-together] [data-circle]");
            return ["matrix(0.8, 0, 0, 0.8, 0, 0)", "none"].includes(getComputedStyle(circle).transform);
        }""",
        timeout=1000,
    )
    still = sam.locator("[data-together] [data-circle]").evaluate("c => getComputedStyle(c).transform")
    sam.wait_for_timeout(300)
    assert sam.locator("[data-together] [data-circle]").evaluate("c => getComputedStyle(c).transform") == still
    shoot(sam, "ritual-03-sam-breathes-reduced-motion")
    sam.emulate_media(reduced_motion="no-preference")

    # Each checks in again; only with both below seven does talking begin.
    alex.get_by_role("radiogroup").get_by_label("4", exact=True).check()
    alex.get_by_role("button", name="Check in again").click()
    expect(alex.get_by_text("You are ready to go on.")).to_be_visible()
    expect(sam.get_by_text("Alex is ready to go on.")).to_be_visible(timeout=3000)
    sam.get_by_role("radiogroup").get_by_label("2", exact=True).check()
    sam.get_by_role("button", name="Check in again").click()

    # Sam waited, so Sam speaks first. The turn moves only when both have said so.
    expect(sam.get_by_text("Your turn to speak. Slowly, about yourself:")).to_be_visible(timeout=3000)
    expect(alex.get_by_text("Sam speaks. You listen.")).to_be_visible(timeout=3000)
    alex.get_by_role("button", name="I said it back").click()
    expect(sam.get_by_role("button", name="Yes, I was heard")).to_be_visible(timeout=3000)
    shoot_both_schemes(shoot, sam, "ritual-04-sam-was-i-heard")
    sam.get_by_role("button", name="Not quite").click()
    expect(alex.get_by_text("Not quite yet.", exact=False)).to_be_visible(timeout=3000)
    shoot_both_schemes(shoot, alex, "ritual-05-alex-tries-again")
    alex.get_by_role("button", name="I said it back").click()
    sam.get_by_role("button", name="Yes, I was heard").click()
    expect(alex.get_by_text("Your turn to speak. Slowly, about yourself:")).to_be_visible(timeout=3000)
    expect(sam.get_by_text("Alex speaks. You listen.")).to_be_visible(timeout=3000)
    sam.get_by_role("button", name="I said it back").click()
    alex.get_by_role("button", name="Yes, I was heard").click()

    alex.get_by_label("One thing I will try next time").fill("Say how long before I leave the room.")
    alex.get_by_role("button", name="Save").click()
    sam.get_by_label("One thing I will try next time").fill("Breathe before I follow.")
    sam.get_by_role("button", name="Save").click()

    # Each says how it went on their own; both views side by side once both are in.
    expect(alex.get_by_role("button", name="Save how it went")).to_be_visible(timeout=3000)
    alex.get_by_label("Back on time").check()
    alex.get_by_label("Partly").check()
    alex.get_by_role("button", name="Save how it went").click()
    expect(alex.get_by_text("Sam has not recorded theirs yet.", exact=False)).to_be_visible()
    shoot_both_schemes(shoot, alex, "ritual-06-alex-waits-for-sams-view")
    expect(sam.locator("[data-view]")).to_have_count(0)
    sam.get_by_label("Back on time").check()
    sam.get_by_label("Repaired").check()
    sam.get_by_role("button", name="Save how it went").click()
    both(alex, sam, "Thank you both for coming back.")
    for page in (alex, sam):
        expect(page.locator("[data-view]")).to_have_count(2)
        # In the order they were given, the same on both phones.
        expect(page.locator("[data-view]").nth(0)).to_contain_text("Partly")
        expect(page.locator("[data-view]").nth(1)).to_contain_text("Repaired")
    shoot_both_schemes(shoot, sam, "ritual-07-sam-both-views")
    assert_clean(problems, server)
