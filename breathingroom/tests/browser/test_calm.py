"""The calm tools in a real browser at phone size: breathing, grounding and an unsent note."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from breathingroom.conftest import make_person
from breathingroom.tests.browser.conftest import PHONE, sign_in

# Pages and scripts only: the database and channel layer behind them add nothing in a second pass.
pytestmark = [pytest.mark.browser, pytest.mark.once]

AXE = Axe()
CALM_PAGES = {
    "index": "/calm/",
    "breathe": "/calm/breathe/",
    "ground": "/calm/ground/",
    "body": "/body/",
    "unsent": "/calm/unsent/",
    "reasons": "/calm/reasons/",
}
PLAY_STATES = "element => element.getAnimations().map(animation => animation.playState)"


def tab_to(page: Page, name: str) -> None:
    button = page.get_by_role("button", name=name, exact=True)
    for _ in range(30):
        if button.evaluate("button => button === document.activeElement"):
            return
        page.keyboard.press("Tab")
    expect(button).to_be_focused()


def count_cue_changes(page: Page) -> None:
    page.evaluate(
        """() => {
            window.cueChanges = [];
            new MutationObserver(() => window.cueChanges.push(document.querySelector("[data-cue]").textContent))
                .observe(document.querySelector("[data-cue]"), {childList: true, characterData: true, subtree: true});
        }"""
    )


def assert_clean(problems, server) -> None:
    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == [], [r.getMessage() for r in server.errors]


def test_calming_down_with_the_tools(phone, server, problems, shoot):
    make_person("Alex", "Europe/London")
    page = phone("Alex", "Europe/London")
    # The page's own clock is driven by the test, so a whole breath takes no real time.
    page.clock.install()
    sign_in(page, "alex@example.com")

    page.goto("/calm/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Calm your body")
    shoot(page, "calm-01-index")
    page.get_by_role("link", name="Breathe slowly").click()

    # Breathing: the circle grows for four seconds and shrinks for six; the words follow, once a phase.
    expect(page.get_by_role("heading", level=1)).to_have_text("Breathe slowly")
    cue = page.locator("[data-cue]")
    circle = page.locator("[data-circle]")
    expect(cue).to_have_text("Start when you are ready.")
    expect(cue).to_have_attribute("aria-live", "polite")
    expect(page.get_by_role("heading", name="How to do it on your own")).to_be_visible()
    count_cue_changes(page)
    page.get_by_role("button", name="Start").click()
    expect(cue).to_have_text("Breathe in…")
    assert circle.evaluate(PLAY_STATES) == ["running"]
    page.clock.run_for(4_100)
    expect(cue).to_have_text("Breathe out…")
    page.clock.run_for(3_000)
    expect(cue).to_have_text("Breathe out…")
    page.clock.run_for(3_000)
    expect(cue).to_have_text("Breathe in…")
    expect(page.locator("[data-rounds]")).to_have_text("1")
    assert page.evaluate("window.cueChanges") == ["Breathe in…", "Breathe out…", "Breathe in…"]
    shoot(page, "calm-02-breathe")

    page.get_by_role("button", name="Pause").click()
    expect(cue).to_have_text("Paused. Carry on whenever you are ready.")
    assert circle.evaluate(PLAY_STATES) == ["paused"]
    page.clock.run_for(20_000)
    expect(page.locator("[data-rounds]")).to_have_text("1")
    page.get_by_role("button", name="Carry on").click()
    expect(cue).to_have_text("Breathe in…")
    assert circle.evaluate(PLAY_STATES) == ["running"]

    # Asking for less motion: the circle stays still and only the words change.
    page.emulate_media(reduced_motion="reduce")
    page.reload()
    page.get_by_role("button", name="Start").click()
    expect(cue).to_have_text("Breathe in…")
    assert circle.evaluate(PLAY_STATES) == []
    still = circle.evaluate("element => getComputedStyle(element).transform")
    page.clock.run_for(4_100)
    expect(cue).to_have_text("Breathe out…")
    assert circle.evaluate(PLAY_STATES) == []
    assert circle.evaluate("element => getComputedStyle(element).transform") == still
    shoot(page, "calm-03-breathe-reduced-motion")
    page.emulate_media(reduced_motion="no-preference")

    # Grounding, one step at a time, with the keyboard alone.
    page.goto("/calm/ground/")
    steps = page.locator("[data-step]")
    expect(steps.nth(0)).to_be_visible()
    for i in range(1, 5):
        expect(steps.nth(i)).to_be_hidden()
    expect(page.get_by_text("Step 1 of 5")).to_be_visible()
    shoot(page, "calm-04-ground-first")
    tab_to(page, "Next")
    for heading in [
        "Four things you can touch",
        "Three things you can hear",
        "Two things you can smell",
        "One thing you can taste",
    ]:
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name=heading)).to_be_focused()
        tab_to(page, "Done" if heading.startswith("One") else "Next")
    expect(page.get_by_text("Step 5 of 5")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Notice how you are now")).to_be_focused()
    expect(steps.filter(visible=True)).to_have_count(0)
    shoot(page, "calm-05-ground-done")
    tab_to(page, "Start again")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Five things you can see")).to_be_focused()

    # The body check-in is a tool of its own now (tests/browser/test_body.py); the old address leads there.
    page.goto("/calm/body/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check in with your body")
    assert page.url.endswith("/body/")

    # An unsent note: kept, shown only here, and deleted.
    page.goto("/calm/unsent/")
    expect(page.get_by_text("Only you can see this. It is never sent.")).to_be_visible()
    page.get_by_label("What you would like to say").fill("You walked out again.\nI felt invisible.")
    page.get_by_role("button", name="Keep it here").click()
    expect(page.get_by_text("Kept here. Nothing was sent.")).to_be_visible()
    expect(page.locator(".calm-entry")).to_have_count(1)
    assert page.locator(".calm-entry-text").inner_text() == "You walked out again.\nI felt invisible."
    shoot(page, "calm-08-unsent")
    page.locator(".calm-entry").get_by_role("button", name="Delete").click()
    expect(page.get_by_text("The note is deleted.")).to_be_visible()
    expect(page.locator(".calm-entry")).to_have_count(0)

    assert_clean(problems, server)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_calm_pages_have_no_accessibility_violations(phone, server, problems, shoot, scheme):
    make_person("Jo", "Europe/Berlin")
    page = phone("Jo", "Europe/Berlin")
    page.emulate_media(color_scheme=scheme)
    sign_in(page, "jo@example.com")
    found: list[str] = []
    for name, path in CALM_PAGES.items():
        page.goto(path)
        if name == "breathe":
            page.get_by_role("button", name="Start").click()
        results = AXE.run(page)
        found += [
            f"{path}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
        ]
        shoot(page, f"calm-{name}-{scheme}")
    assert found == [], "\n".join(found)
    assert_clean(problems, server)


def test_the_steps_are_all_there_without_javascript(browser, server):
    make_person("Sam", "America/New_York")
    context = browser.new_context(base_url=server.url, viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in(page, "sam@example.com")
        page.goto("/calm/breathe/")
        expect(page.locator("[data-pacer]")).to_be_hidden()
        expect(page.get_by_role("heading", name="How to do it on your own")).to_be_visible()
        expect(page.get_by_text("count slowly to four")).to_be_visible()

        page.goto("/calm/ground/")
        expect(page.locator("[data-step]").filter(visible=True)).to_have_count(5)
        expect(page.get_by_role("button", name="Next")).to_be_hidden()

        page.goto("/body/")
        expect(page.get_by_label("Chest: how strong, from 0 to 10?")).to_have_attribute("type", "number")
    finally:
        context.close()
