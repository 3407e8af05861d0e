"""A lesson read to the end on a phone, its question turned into a journal entry; and the page on getting help."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from breathingroom.conftest import make_couple, make_person
from breathingroom.lessons import content
from breathingroom.tests.browser.conftest import sign_in

# Pages and links only: nothing here proves more on PostgreSQL.
pytestmark = [pytest.mark.browser, pytest.mark.once]

AXE = Axe()
ANSWER = "That I go quiet because I am scared of saying it wrong, not because I stopped caring."


def assert_accessible(page: Page) -> None:
    found = AXE.run(page).response["violations"]
    assert found == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in found]


def assert_fits_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"


def test_a_lesson_read_to_the_end_becomes_a_journal_entry(phone, server, problems, shoot):
    make_couple(make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York"))
    lesson = content.find("coming-back-well", "en")
    alex = phone("Alex", "Europe/London", "en-GB")
    sign_in(alex, "alex@example.com")

    alex.goto("/lessons/")
    expect(alex.get_by_role("heading", name="Lessons", exact=True)).to_be_visible()
    assert_fits_the_phone(alex)
    assert_accessible(alex)
    shoot(alex, "lessons-01-library")

    alex.get_by_role("link", name=lesson.title).click()
    for number, screen in enumerate(lesson.screens, 1):
        expect(alex.get_by_role("heading", level=1)).to_have_text(screen.title)
        expect(alex).to_have_url(re.compile(rf"/lessons/coming-back-well/({number}/)?$"))
        assert_fits_the_phone(alex)
        if number == 1:
            assert_accessible(alex)
            shoot(alex, "lessons-02-first-screen")
        if number < lesson.count:
            alex.get_by_role("link", name="Next").click()
    shoot(alex, "lessons-03-last-screen")
    alex.get_by_role("link", name="To the question").click()

    expect(alex.get_by_role("heading", name="A question to end with")).to_be_visible()
    expect(alex.get_by_text(lesson.reflection)).to_be_visible()
    assert_accessible(alex)
    alex.get_by_label("Your answer").fill(ANSWER)
    assert_fits_the_phone(alex)
    shoot(alex, "lessons-04-question")
    alex.get_by_role("button", name="Keep it in my journal").click()

    expect(alex.get_by_text("Kept in your journal, with the question. Only you can read it.")).to_be_visible()
    expect(alex.get_by_text(ANSWER)).to_be_visible()
    expect(alex.get_by_text(lesson.reflection)).to_be_visible()
    shoot(alex, "lessons-05-kept-in-journal")

    alex.goto("/lessons/")
    card = alex.locator(".lesson-card", has_text=lesson.title)
    expect(card.get_by_text("Read", exact=True)).to_be_visible()
    shoot(alex, "lessons-06-library-after")

    alex.get_by_role("link", name="When to get help, and how to find it").click()
    expect(alex.get_by_role("heading", name="When to get help", exact=True)).to_be_visible()
    expect(alex.get_by_text("near you")).to_be_visible()
    assert_fits_the_phone(alex)
    assert_accessible(alex)
    shoot(alex, "lessons-07-help")

    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == [], [r.getMessage() for r in server.errors]
