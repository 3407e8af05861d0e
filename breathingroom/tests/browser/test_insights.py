"""The insights page on a phone: every chart fits 390 px, reads in light and dark, and folds its numbers."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from breathingroom.conftest import make_couple, make_person
from breathingroom.insights.tests import history
from breathingroom.tests.browser.conftest import PHONE, sign_in

# A page of server-drawn charts: the database behind it adds nothing in a second pass.
pytestmark = [pytest.mark.browser, pytest.mark.once]

HEADINGS = (
    "Breaks, week by week",
    "How long: asked for, and taken",
    "Coming back on time",
    "How it went afterwards",
    "When breaks begin",
    "How strong it felt in the body",
    "Moves and what set them off",
)


def test_the_insights_page_fits_a_phone_in_light_and_dark(phone, server, problems, shoot):
    alex = make_person("Alex", "Europe/London")
    sam = make_person("Sam", "America/New_York")
    couple = make_couple(alex, sam)
    history.varied(alex, sam, couple, 45)
    page = phone("Alex", "Europe/London")
    sign_in(page, "alex@example.com")

    page.goto("/insights/")
    expect(page.get_by_role("heading", level=1)).to_have_text("How it has been going")
    for heading in HEADINGS:
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="6 months")).to_have_attribute("aria-current", "page")
    # Nothing is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Each chart's numbers fold open as a table.
    lengths = page.get_by_role("region", name="How long: asked for, and taken")
    lengths.get_by_text("The numbers").click()
    expect(lengths.get_by_role("table")).to_be_visible()

    found = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.reload()
        lengths.get_by_text("The numbers").click()
        violations = Axe().run(page).response["violations"]
        found += [f"{scheme}: {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations]
        shoot(page, f"insights-{scheme}")
    assert found == [], "\n".join(found)

    # Another period is a link away, and works without script.
    page.get_by_role("link", name="All", exact=True).click()
    expect(page.get_by_role("link", name="All", exact=True)).to_have_attribute("aria-current", "page")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(page, "insights-all-dark")

    assert problems.unexpected() == [], problems.unexpected()
    assert server.errors == []
