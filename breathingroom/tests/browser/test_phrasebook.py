"""The couple's phrasebook on two phones: Alex sets their signal phrase, Sam finds it in the phrasebook
and, when taking space, ready to send; the agreement adds phrasebook words to one's own with a tap."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from breathingroom.agreements.steps import STEPS
from breathingroom.conftest import make_couple, make_person
from breathingroom.tests.browser.conftest import sign_in

# Pages and scripts only: the database behind them adds nothing in a second pass.
pytestmark = [pytest.mark.browser, pytest.mark.once]

SIGNAL = "I need air, I'll be back by dinner"
AXE = Axe()


def assert_clean(problems, server) -> None:
    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == [], [r.getMessage() for r in server.errors]


def accessibility_violations(page: Page) -> list[str]:
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in AXE.run(page).response["violations"]
    ]


def test_a_signal_phrase_set_by_one_is_found_and_offered_to_the_other(phone, server, problems, shoot):
    make_couple(make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York"))
    alex = phone("Alex", "Europe/London")
    sam = phone("Sam", "America/New_York", "en-US")
    sign_in(alex, "alex@example.com")
    sign_in(sam, "sam@example.com")

    # Alex chooses the words, and adds a need in their own words.
    alex.goto("/phrasebook/")
    expect(alex.get_by_role("heading", name="Our phrasebook", level=1)).to_be_visible()
    shoot(alex, "phrasebook-alex-empty")
    alex.get_by_label("Words that mean “I need space, and I'm coming back”").fill(SIGNAL)
    alex.get_by_role("button", name="Use these words").click()
    expect(alex.get_by_text("Your signal phrase is set. Sam sees it here")).to_be_visible()
    alex.get_by_label("The word, or a few words").fill("A hand on my back")
    alex.get_by_label("What it means to you (optional)").fill("When words are too much, this says we're okay.")
    alex.get_by_role("button", name="Add", exact=True).click()
    expect(alex.get_by_text("Added. You both see it in your phrasebook now.")).to_be_visible()
    shoot(alex, "phrasebook-alex-set")

    # Sam sees it first thing on the page, with who set it; Alex's words are Alex's to change.
    sam.goto("/phrasebook/")
    signal = sam.locator("section.signal")
    expect(signal.locator(".signal-words")).to_have_text(SIGNAL)
    expect(signal).to_contain_text("Alex set these words on")
    expect(sam.locator(".own-word")).to_contain_text("A hand on my back")
    expect(sam.locator(".own-word")).to_contain_text("Added by Alex on")
    expect(sam.get_by_role("link", name="Change or remove")).to_have_count(0)
    box = signal.locator(".signal-words").bounding_box()
    assert box is not None
    assert box["y"] + box["height"] < 844, "the signal phrase is on the first screen"
    shoot(sam, "phrasebook-sam-sees-it")
    found = accessibility_violations(sam)

    # Taking space, Sam finds the signal phrase first among the words to send, and one tap puts it in.
    sam.goto("/space/")
    sam.get_by_text("Other words you could send").click()
    pick = sam.get_by_role("button", name=f"Your signal phrase {SIGNAL}")
    expect(pick).to_be_visible()
    first = sam.locator("[data-suggestions-for] .suggestion").first
    expect(first).to_contain_text(SIGNAL)
    pick.click()
    expect(sam.get_by_label("Your words to your partner")).to_have_value(SIGNAL)
    expect(pick).to_have_attribute("aria-pressed", "true")
    shoot(sam, "phrasebook-sam-take-space")
    found += accessibility_violations(sam)

    # In the agreement, a tap adds phrasebook words to Alex's own, and a second tap takes them out.
    alex.goto("/agreement/propose/")
    for step in STEPS:
        if step.key == "words":
            break
        alex.get_by_role("button", name="Next").click()
    words = alex.get_by_label("The words I would like to hear when my partner steps away")
    words.fill("Text me when you're calmer.")
    alex.get_by_text("Words from your phrasebook").click()
    offered = alex.get_by_role("button", name=f"Your signal phrase {SIGNAL}")
    offered.click()
    expect(words).to_have_value(f"Text me when you're calmer.\n{SIGNAL}")
    expect(offered).to_have_attribute("aria-pressed", "true")
    shoot(alex, "phrasebook-alex-agreement-picks")
    found += accessibility_violations(alex)
    offered.click()
    expect(words).to_have_value("Text me when you're calmer.")
    expect(offered).to_have_attribute("aria-pressed", "false")
    alex.get_by_role("button", name="Reassurance We're still us.").click()
    expect(words).to_have_value("Text me when you're calmer.\nWe're still us. I'm coming back to you.")

    assert found == [], "\n".join(found)
    assert_clean(problems, server)
