"""A report for a session, made on a phone and read on the partner's, then printed: only what both let in."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from breathingroom.conftest import make_couple, make_person
from breathingroom.insights.tests import history
from breathingroom.reports.tests.conftest import LET_IN, PRIVATE, make_history
from breathingroom.tests.browser.conftest import PHONE, sign_in

# Server-drawn pages and a PDF: the database behind them adds nothing in a second pass.
pytestmark = [pytest.mark.browser, pytest.mark.once]


def assert_no_violations(page, scheme: str) -> None:
    violations = Axe().run(page).response["violations"]
    found = [f"{scheme}: {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations]
    assert found == [], "\n".join(found)


def test_a_report_is_made_on_one_phone_read_on_the_other_and_printed(phone, server, problems, shoot):
    alex = make_person("Alex", "Europe/London")
    sam = make_person("Sam", "America/New_York")
    couple = make_couple(alex, sam)
    make_history(alex, sam, couple)
    history.varied(alex, sam, couple, 40)
    # Sam takes their side of one episode out again, on the page where each chooses their own.
    sams = phone("Sam", "America/New_York")
    sign_in(sams, "sam@example.com")
    sams.goto("/reports/sides/")
    expect(sams.get_by_role("heading", level=1)).to_have_text("My sides in reports")
    ticked = sams.locator("input[type=checkbox]:checked")
    expect(ticked).to_have_count(1)
    assert sams.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(sams, "report-sides")
    ticked.uncheck()
    sams.get_by_role("button", name="Keep my choice").click()
    expect(sams.get_by_text("Kept. None of your sides go into your reports.")).to_be_visible()

    alexs = phone("Alex", "Europe/London")
    sign_in(alexs, "alex@example.com")
    alexs.goto("/reports/")
    expect(alexs.get_by_role("heading", level=1)).to_have_text("Reports for a session")
    # The days to choose show only while "Days I choose" is picked.
    expect(alexs.get_by_label("First day")).to_be_hidden()
    alexs.get_by_label("Days I choose").check()
    expect(alexs.get_by_label("First day")).to_be_visible()
    assert alexs.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(alexs, "report-make-days")
    alexs.get_by_label("The last 3 months").check()
    expect(alexs.get_by_label("Last day")).to_be_hidden()
    assert alexs.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(alexs, "report-make")
    for scheme in ("dark", "light"):
        alexs.emulate_media(color_scheme=scheme)
        assert_no_violations(alexs, scheme)
    alexs.get_by_role("button", name="Make the report").click()
    expect(alexs.get_by_text("Your report is ready. Sam has been told that you made it.")).to_be_visible()
    expect(alexs.get_by_role("heading", name="Breaks and how they went")).to_be_visible()
    assert alexs.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(alexs, "report-page")
    report_url = alexs.url

    # Sam finds it in the list and reads the same report; nothing private is on it.
    sams.goto("/reports/")
    sams.locator(".report-list a").first.click()
    assert sams.url == report_url
    text = sams.locator("main").inner_text()
    assert LET_IN["alex"] in text
    assert LET_IN["sam"] not in text  # taken out above
    for word in PRIVATE.values():
        assert word not in text
    for scheme in ("dark", "light"):
        sams.emulate_media(color_scheme=scheme)
        assert_no_violations(sams, scheme)
        shoot(sams, f"report-read-{scheme}")

    # Printed, the app around the report goes: no header, footer, buttons or way back.
    sams.emulate_media(media="print")
    expect(sams.locator(".site-header")).to_be_hidden()
    expect(sams.locator(".site-footer")).to_be_hidden()
    expect(sams.get_by_role("link", name="Download the PDF")).to_be_hidden()
    expect(sams.get_by_role("heading", name="The cycle map")).to_be_visible()
    shoot(sams, "report-print")
    sams.emulate_media(media="screen")

    # The PDF of the same report, as the browser downloads it.
    answer = sams.request.get(f"{report_url.rstrip('/')}.pdf")
    assert answer.status == 200
    assert answer.body().startswith(b"%PDF")

    assert problems.unexpected() == [], problems.unexpected()
    assert server.errors == []
