"""The soft-start coach in a real browser at phone size: it reads along as a person types, points out a
harsh start-up with its rule, and puts the gentler shape in the box when asked; by keyboard alone too."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from breathingroom.conftest import make_couple, make_person
from breathingroom.tests.browser.conftest import PHONE, sign_in

# A page and its script only: the database behind them adds nothing in a second pass.
pytestmark = [pytest.mark.browser, pytest.mark.once]

AXE = Axe()
HARSH = "You never help with the kids."
SOFTER = "When you don't help with the kids, I feel …, I need …; would you help with the kids?"


def open_coach(phone) -> Page:
    make_couple(make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York"))
    page = phone("Alex", "Europe/London")
    sign_in(page, "alex@example.com")
    page.goto("/soft-start/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Start gently")
    return page


def assert_clean(problems, server) -> None:
    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == [], [r.getMessage() for r in server.errors]


def no_violations(page: Page) -> None:
    found = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in AXE.run(page).response["violations"]
    ]
    assert found == [], "\n".join(found)


def test_the_coach_flags_a_harsh_sentence_as_it_is_typed_and_the_softer_one_replaces_it(phone, server, problems, shoot):
    page = open_coach(phone)
    coach = page.get_by_role("region", name="What the coach notices")
    status = coach.locator("[data-soft-start-status]")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(page.get_by_role("button", name="Copy my words")).to_be_visible()
    shoot(page, "softstart-01-empty")

    box = page.get_by_label("What you want to say")
    box.press_sequentially(HARSH, delay=20)
    # No button pressed: the coach reads along once the typing pauses.
    # Blame and "never" overlap, so they share one mark and both numbers.
    expect(coach.locator("mark")).to_have_text(["You never help"])
    expect(coach.locator("sup")).to_have_text(["(1: Blame, 2: Always or never)"])
    expect(coach.get_by_text("Always or never", exact=True)).to_be_visible()
    expect(coach.get_by_text("Blame", exact=True)).to_be_visible()
    expect(coach.get_by_text("“never” makes one moment the whole story")).to_be_visible()
    expect(status).to_have_text("2 things to look at: Blame, Always or never.")
    expect(coach.locator("[data-soft-start-softer]")).to_have_text(SOFTER)
    no_violations(page)
    shoot(page, "softstart-02-flagged")

    coach.get_by_role("button", name="Use this").click()
    expect(box).to_have_value(SOFTER)
    expect(box).to_be_focused()
    # The first blank is selected, ready to be typed over; the words stay the person's to change.
    assert box.evaluate("b => b.value.slice(b.selectionStart, b.selectionEnd)") == "…"
    page.keyboard.type("alone")
    expect(box).to_have_value(SOFTER.replace("I feel …", "I feel alone"))
    expect(coach.locator(".coach-gentle")).to_have_text("✓ This reads gently. Nothing here tends to start a fight.")
    expect(status).to_contain_text("Your words now have the gentler shape.")
    expect(coach.locator("mark")).to_have_count(0)
    shoot(page, "softstart-03-gentle")

    page.emulate_media(color_scheme="dark")
    box.fill("Oh great, you forgot again 🙄 You're so lazy.")
    expect(coach.locator("mark")).to_have_count(3)
    expect(coach.locator(".coach-flags li")).to_have_count(3)
    no_violations(page)
    shoot(page, "softstart-04-dark")
    assert_clean(problems, server)


def test_the_coach_works_by_keyboard_alone(phone, server, problems):
    page = open_coach(phone)
    box = page.get_by_label("What you want to say")
    for _ in range(30):
        if box.evaluate("b => b === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(box).to_be_focused()
    page.keyboard.type("Whatever. You're such a slob.")
    coach = page.get_by_role("region", name="What the coach notices")
    expect(coach.get_by_text("A label", exact=True)).to_be_visible()
    expect(coach.get_by_text("Contempt", exact=True)).to_be_visible()

    use = coach.get_by_role("button", name="Use this")
    for _ in range(10):
        if use.evaluate("b => b === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(use).to_be_focused()
    page.keyboard.press("Enter")
    expect(box).to_have_value("When …, I feel …, I need …; would you …?")
    expect(box).to_be_focused()
    # Nothing was sent: the page is still the coach's, with the words in the box.
    assert page.url.endswith("/soft-start/")
    assert_clean(problems, server)


def test_without_javascript_the_buttons_do_the_same(browser, server):
    make_person("Jo", "Europe/Berlin")
    context = browser.new_context(base_url=server.url, viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in(page, "jo@example.com")
        page.goto("/soft-start/")
        expect(page.get_by_role("button", name="Copy my words")).to_be_hidden()
        page.get_by_label("What you want to say").fill(HARSH)
        page.get_by_role("button", name="Check my words").click()
        expect(page.get_by_text("Always or never", exact=True)).to_be_visible()
        page.get_by_role("button", name="Use this").click()
        expect(page.get_by_label("What you want to say")).to_have_value(SOFTER)
        expect(page.get_by_text("This reads gently.")).to_be_visible()
    finally:
        context.close()


def test_the_coach_beside_another_forms_box_never_sends_that_form(phone, server, problems):
    page = open_coach(phone)
    # Another page's form with the include after its box, brought in later as a live part would be.
    page.evaluate(
        """() => {
            const form = document.createElement("form");
            form.method = "post";
            form.action = "/nowhere/";
            form.innerHTML = '<label for="note">Your words</label><textarea id="note" data-soft-start></textarea>';
            const coach = document.querySelector("[data-soft-start-for]").cloneNode(true);
            coach.dataset.softStartFor = "note";
            delete coach.dataset.softStartReady;
            coach.querySelector("h2").id = "note-coach-title";
            coach.setAttribute("aria-labelledby", "note-coach-title");
            coach.querySelector("[data-soft-start-advice]").replaceChildren();
            form.append(coach);
            document.querySelector("main").append(form);
            document.dispatchEvent(new CustomEvent("htmx:load", {detail: {elt: form}}));
        }"""
    )
    note = page.locator("#note")
    note.fill("Thanks for nothing.")
    coach = page.locator('[data-soft-start-for="note"]')
    expect(coach.get_by_text("Contempt", exact=True)).to_be_visible()
    use = coach.get_by_role("button", name="Use this")
    expect(use).to_have_attribute("type", "button")
    use.click()
    expect(note).to_have_value("When …, I feel …, I need …; would you …?")
    assert page.url.endswith("/soft-start/")
    # The page's own coach was left alone.
    expect(page.get_by_label("What you want to say")).to_have_value("")
    assert_clean(problems, server)
