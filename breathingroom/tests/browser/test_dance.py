"""The dance on two phones: Alex begins an episode, both write and share their sides, Sam's page shows
Alex's side live, and once three episodes rest on both sides the cycle map names the loop."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from breathingroom.conftest import make_couple, make_person
from breathingroom.dance.tests.conftest import episode_with
from breathingroom.tests.browser.conftest import sign_in
from breathingroom.tests.browser.test_journal import (
    assert_accessible,
    assert_clean,
    assert_fits_the_phone,
    assert_not_reloaded,
    mark_page,
)

# Page and script behaviour alike on every database; the first CI pass proves it.
pytestmark = [pytest.mark.browser, pytest.mark.once]


def smallest_font_in_the_map(page: Page) -> float:
    """The smallest text in the drawing, in CSS pixels as shown."""
    return page.evaluate(
        """() => {
          const svg = document.querySelector('svg.cycle-map');
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize));
          return Math.min(...sizes) * scale;
        }"""
    )


def write_side(
    page: Page, move: str, *, shoot=None, trigger: str = "", deeper: str = "", fear: str = "", need: str = ""
) -> None:
    page.get_by_role("link", name="Write your side").click()
    expect(page.get_by_role("heading", name="Your side", level=1)).to_be_visible()
    page.get_by_role("radio", name=move).check()
    if trigger:
        page.get_by_role("group", name="What set it off?").get_by_label("Or in your own words").fill(trigger)
    if deeper:
        page.get_by_role("group", name="And underneath that?").get_by_label("From the list").select_option(label=deeper)
    if fear:
        page.get_by_role("group", name="What were you afraid of?").get_by_label("From the list").select_option(
            label=fear
        )
    if need:
        page.get_by_role("group", name="What did you need?").get_by_label("From the list").select_option(label=need)
    if shoot is not None:
        shoot(page, "dance-02-writing-a-side")
    page.get_by_role("button", name="Keep my side").click()
    expect(page.get_by_text("Kept. Only you can read your side until you share it.")).to_be_visible()


def test_two_sides_shared_live_and_the_loop_named(phone, server, problems, shoot):
    alex_person, sam_person = make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York")
    make_couple(alex_person, sam_person)
    alex = phone("Alex", "Europe/London", "en-GB")
    sam = phone("Sam", "America/New_York", "en-US")
    sign_in(alex, "alex@example.com")
    sign_in(sam, "sam@example.com")

    # Alex finds the dance from Home and begins an episode.
    alex.get_by_role("link", name="Our dance").click()
    expect(alex.get_by_role("heading", name="Our dance")).to_be_visible()
    expect(alex.get_by_text("Nothing here yet.")).to_be_visible()
    assert_accessible(alex)
    shoot(alex, "dance-01-alex-nothing-yet")
    alex.get_by_role("button", name="Begin an episode").click()
    expect(alex.get_by_role("heading", name="An episode")).to_be_visible()
    expect(alex.get_by_text("You began it.")).to_be_visible()

    # Sam opens it from the list, and waits: nothing says whether Alex has written anything.
    sam.goto("/dance/")
    sam.locator(".journal-entry-when a").first.click()
    expect(sam.get_by_text("Alex began it.")).to_be_visible()
    partner_part = sam.locator("#partner-side")
    expect(partner_part.get_by_text("When Alex chooses to share their side, it shows here.")).to_be_visible()
    expect(sam.locator("body")).to_have_attribute("data-live-state", "open")
    mark_page(sam)

    # Alex writes a side from the lists and her own words, and shares it.
    write_side(
        alex,
        "I went after them",
        shoot=shoot,
        trigger="He looked at his phone mid-sentence",
        deeper="Lonely",
        fear="That you would leave me",
        need="Reassurance",
    )
    expect(alex.get_by_text("Only you can read your side.")).to_be_visible()
    # Private still: Sam's page has not changed.
    expect(partner_part.get_by_text("When Alex chooses to share their side")).to_be_visible()
    alex.get_by_role("button", name="Share with Sam").click()
    expect(alex.get_by_text("Shared. Sam can read your side")).to_be_visible()

    # Sam's open page shows it without being reloaded.
    expect(partner_part.get_by_text("I went after them")).to_be_visible(timeout=8000)
    expect(partner_part.get_by_text("He looked at his phone mid-sentence")).to_be_visible()
    expect(partner_part.get_by_text("That you would leave me")).to_be_visible()
    assert_not_reloaded(sam)

    # Sam writes and shares his own side.
    write_side(sam, "I withdrew", deeper="Overwhelmed", fear="Being controlled or swallowed up", need="Time alone")
    sam.get_by_role("button", name="Share with Alex").click()
    expect(sam.get_by_text("Shared. Alex can read your side")).to_be_visible()
    assert_fits_the_phone(sam)
    assert_accessible(sam)
    shoot(sam, "dance-03-episode-light")
    sam.emulate_media(color_scheme="dark")
    assert_accessible(sam)
    shoot(sam, "dance-04-episode-dark")
    sam.emulate_media(color_scheme="light")

    # One more episode, both sides shared: two are not enough to name a loop yet.
    episode_with(alex_person, sam_person, "pursued", "withdrew", deeper="lonely", need="reassurance")
    alex.goto("/dance/cycle/")
    expect(alex.get_by_text("There is not enough yet to see your loop")).to_be_visible()
    expect(alex.locator("svg.cycle-map")).to_be_visible()
    shoot(alex, "dance-05-cycle-not-enough")
    mark_page(alex)

    # A third, and once Sam shares his side the map on Alex's open page names the loop.
    third = episode_with(alex_person, sam_person, "pursued", "went_quiet", share=False)
    alex_side = third.sides.get(person=alex_person)
    alex_side.shared_at = alex_side.updated_at
    alex_side.save(update_fields=["shared_at"])
    sam.goto(f"/dance/{third.id}/")
    sam.get_by_role("button", name="Share with Alex").click()
    expect(alex.get_by_role("heading", name="Reach and retreat")).to_be_visible(timeout=8000)
    assert_not_reloaded(alex)
    expect(alex.get_by_text("The loop is the problem, not either of you.")).to_be_visible()
    expect(alex.get_by_text("Drawn from 3 episodes")).to_be_visible()
    words = alex.locator("#cycle-text")
    expect(words.get_by_text("When Alex pursues")).to_be_visible()
    expect(alex.locator("svg.cycle-map")).to_have_attribute("role", "img")
    assert_fits_the_phone(alex)
    assert_accessible(alex)
    shoot(alex, "dance-06-cycle-light")
    alex.emulate_media(color_scheme="dark")
    assert_accessible(alex)
    shoot(alex, "dance-07-cycle-dark")

    # Readable on the smallest phones: no text in the drawing under 12 px at 360 px wide.
    alex.set_viewport_size({"width": 360, "height": 740})
    assert smallest_font_in_the_map(alex) >= 12
    assert_fits_the_phone(alex)
    shoot(alex, "dance-08-cycle-360-dark")

    # Sam's list of episodes, each saying where its sides are.
    sam.goto("/dance/")
    expect(sam.get_by_text("Alex\u2019s side: shared with you")).to_have_count(3)
    assert_fits_the_phone(sam)
    assert_accessible(sam)
    shoot(sam, "dance-09-episodes")
    assert_clean(problems, server)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_without_a_partner_both_pages_explain_and_pass_axe(phone, server, problems, scheme):
    make_person("Jo", "Europe/Berlin")
    jo = phone("Jo", "Europe/Berlin")
    jo.emulate_media(color_scheme=scheme)
    sign_in(jo, "jo@example.com")
    for path, words in (("/dance/", "It needs both of you"), ("/dance/cycle/", "it always takes both of you")):
        jo.goto(path)
        expect(jo.get_by_text(words)).to_be_visible()
        assert_fits_the_phone(jo)
        assert_accessible(jo)
    assert_clean(problems, server)
