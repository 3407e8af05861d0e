"""The journal on two phones: Alex writes from a prompt, finds it again, shares it; Sam's page shows it live."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from breathingroom.conftest import make_couple, make_person
from breathingroom.tests.browser.conftest import sign_in

# Page and script behaviour alike on every database; the first CI pass proves it.
pytestmark = [pytest.mark.browser, pytest.mark.once]

AXE = Axe()
WORDS = (
    "When Sam went quiet after dinner my chest went tight and I wanted to follow him from room to room.\n\n"
    "I stayed on the sofa instead and counted my breaths. The tightness moved up into my jaw, then eased. "
    "What I really wanted was to hear that we were still okay, and that he would come back to the kitchen."
)


def mark_page(page: Page) -> None:
    """Leave a mark in the page's memory: if it is still there later, the page was never reloaded."""
    page.evaluate("window.__stillTheSamePage = true")


def assert_not_reloaded(page: Page) -> None:
    assert page.evaluate("window.__stillTheSamePage === true"), "the page was reloaded"


def assert_accessible(page: Page) -> None:
    found = AXE.run(page).response["violations"]
    assert found == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in found]


def assert_clean(problems, server) -> None:
    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == [], [r.getMessage() for r in server.errors]


def assert_fits_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"


def test_a_shared_entry_reaches_the_partners_journal_live(phone, server, problems, shoot):
    make_couple(make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York"))
    alex = phone("Alex", "Europe/London", "en-GB")
    sam = phone("Sam", "America/New_York", "en-US")
    sign_in(alex, "alex@example.com")
    sign_in(sam, "sam@example.com")

    # Sam has the journal open, with nothing shared yet, and waits.
    sam.goto("/journal/")
    expect(sam.get_by_role("heading", name="Shared with you")).to_be_visible()
    expect(sam.get_by_text("When Alex chooses to share an entry from their journal")).to_be_visible()
    expect(sam.locator("body")).to_have_attribute("data-live-state", "open")
    mark_page(sam)
    shoot(sam, "journal-01-sam-nothing-shared")

    # Alex begins from a prompt of the body lens.
    alex.goto("/journal/")
    shoot(alex, "journal-02-alex-empty")
    alex.get_by_role("link", name="Start from a prompt").click()
    expect(alex.get_by_role("heading", name="The body")).to_be_visible()
    assert_fits_the_phone(alex)
    shoot(alex, "journal-03-prompts")
    alex.get_by_role("link", name="Where do you feel this in your body right now?").click()
    expect(alex.get_by_role("heading", name="Write from a prompt")).to_be_visible()
    words = alex.get_by_label("Your words")
    expect(words).to_have_attribute("aria-describedby", "prompt-text id_text_helptext")
    words.fill(WORDS)
    shoot(alex, "journal-04-writing")
    alex.get_by_role("button", name="Keep it").click()
    expect(alex.get_by_text("Kept. Only you can read it.")).to_be_visible()
    expect(alex.get_by_text("Only you can read this entry. If you share it, Sam is told")).to_be_visible()
    assert_fits_the_phone(alex)
    shoot(alex, "journal-05-kept")

    # A second entry, so the search has something to leave out.
    alex.goto("/journal/write/")
    alex.get_by_label("Your words").fill("A good walk by the river with Sam. We laughed about the ducks.")
    alex.get_by_role("button", name="Keep it").click()

    # Found again by a word in it, whatever its case, and only that entry.
    alex.goto("/journal/")
    alex.get_by_label("Search your journal").fill("SOFA")
    alex.get_by_role("button", name="Search", exact=True).click()
    expect(alex.get_by_role("heading", name="One entry has these words")).to_be_visible()
    expect(alex.locator("mark")).to_have_text(["sofa"])
    expect(alex.get_by_text("river")).to_have_count(0)
    # The words searched for never sit in the address.
    assert alex.url.endswith("/journal/search/")
    assert_accessible(alex)
    shoot(alex, "journal-06-found")

    # Nothing found is said kindly.
    alex.get_by_label("Search your journal").fill("lighthouse")
    alex.get_by_role("button", name="Search", exact=True).click()
    expect(alex.get_by_role("heading", name="No entry has “lighthouse” yet")).to_be_visible()
    shoot(alex, "journal-07-nothing-found")

    # Alex shares the first entry; Sam's open page shows it without being reloaded.
    alex.get_by_label("Search your journal").fill("sofa")
    alex.get_by_role("button", name="Search", exact=True).click()
    alex.locator(".journal-entry-when a").first.click()
    alex.get_by_role("button", name="Share with Sam").click()
    expect(alex.get_by_text("Shared. Sam can read this entry until you stop sharing it.")).to_be_visible()
    shoot(alex, "journal-08-shared")

    shared = sam.locator("#shared-with-me")
    expect(shared.get_by_role("link", name="From Alex")).to_be_visible(timeout=8000)
    expect(shared.get_by_text("When Sam went quiet after dinner")).to_be_visible()
    assert_not_reloaded(sam)
    assert_fits_the_phone(sam)
    assert_accessible(sam)
    shoot(sam, "journal-09-sam-sees-it-live")

    shared.get_by_role("link", name="From Alex").click()
    expect(sam.get_by_role("heading", name="From Alex\u2019s journal")).to_be_visible()
    expect(sam.get_by_text("I stayed on the sofa instead")).to_be_visible()
    expect(sam.get_by_text("Alex is not told whether you opened it.", exact=False)).to_be_visible()
    expect(sam.get_by_role("link", name="Edit")).to_have_count(0)
    shoot(sam, "journal-10-sam-reads")

    # Unsharing takes it from Sam's open journal too.
    sam.goto("/journal/")
    expect(sam.get_by_role("link", name="From Alex")).to_be_visible()
    mark_page(sam)
    alex.get_by_role("button", name="Stop sharing").click()
    expect(alex.get_by_text("Private again. Only you can read this entry.")).to_be_visible()
    expect(sam.get_by_role("link", name="From Alex")).to_have_count(0, timeout=8000)
    expect(sam.get_by_text("When Alex chooses to share an entry from their journal")).to_be_visible()
    assert_not_reloaded(sam)

    # Alex's journal, and deleting after being asked, without any script needed.
    alex.goto("/journal/")
    assert_accessible(alex)
    shoot(alex, "journal-11-alex-journal")
    alex.emulate_media(color_scheme="dark")
    assert_accessible(alex)
    alex.get_by_label("Search your journal").fill("kitchen")
    alex.get_by_role("button", name="Search", exact=True).click()
    assert_accessible(alex)
    shoot(alex, "journal-12-found-in-the-dark")
    alex.emulate_media(color_scheme="light")
    alex.goto("/journal/")
    alex.locator(".journal-entry-when a").first.click()
    alex.get_by_role("link", name="Delete").click()
    expect(alex.get_by_role("heading", name="Delete this entry?")).to_be_visible()
    shoot(alex, "journal-13-delete-asks")
    alex.get_by_role("button", name="Delete it").click()
    expect(alex.get_by_text("The entry is deleted.")).to_be_visible()
    assert_clean(problems, server)
