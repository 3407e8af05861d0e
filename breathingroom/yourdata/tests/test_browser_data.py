"""Your data in a real browser at phone size: a copy that shows its progress, then deleting the account."""

from __future__ import annotations

import zipfile

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from breathingroom.accounts.models import Person
from breathingroom.conftest import PASSWORD, make_couple, make_person
from breathingroom.tests.browser.conftest import (  # noqa: F401 (fixtures, for this module only)
    _allow_orm_beside_playwright,
    browser,
    phone,
    problems,
    server,
    shoot,
    sign_in,
)
from breathingroom.yourdata import export
from breathingroom.yourdata.models import Export

# What the browser does with the page is alike on every database: the first CI pass proves it.
pytestmark = [pytest.mark.browser, pytest.mark.once]

AXE = Axe()


def violations(page) -> list[str]:
    return [f"{page.url}: {v['id']}: {v['help']}" for v in AXE.run(page).response["violations"]]


def test_a_copy_then_goodbye(phone, server, problems, shoot, tmp_path):  # noqa: F811
    alex = make_person("Alex", "Europe/London")
    make_couple(alex, make_person("Sam", "America/New_York"))
    page = phone("Alex", "Europe/London")
    sign_in(page, "alex@example.com")

    page.goto("/settings/")
    page.get_by_role("link", name="Download your data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data")
    found = violations(page)
    page.get_by_role("button", name="Prepare a copy of my data").click()
    # htmx swapped in the progress, which polls by itself; the worker's step runs here.
    expect(page.get_by_text("Preparing your copy.")).to_be_visible()
    expect(page.locator("progress")).to_be_visible()
    shoot(page, "data-01-preparing")
    found += violations(page)
    export.build.call(str(Export.objects.get().pk))
    expect(page.get_by_text("Your copy is ready.")).to_be_visible(timeout=6000)
    shoot(page, "data-02-ready")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your data (zip)").click()
    saved = tmp_path / "copy.zip"
    download.value.save_as(saved)
    assert "README.txt" in zipfile.ZipFile(saved).namelist()

    page.get_by_role("link", name="Delete your account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete your account?")
    found += violations(page)
    page.get_by_label("Your password").fill("not my password")
    page.get_by_label("Type “delete my account” to confirm").fill("delete my account")
    page.get_by_role("button", name="Delete my account now").click()
    expect(page.get_by_text("That password is not right")).to_be_visible()
    shoot(page, "data-03-wrong-password")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("Type “delete my account” to confirm").fill("delete my account")
    page.get_by_role("button", name="Delete my account now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is deleted")
    shoot(page, "data-04-goodbye")
    found += violations(page)
    assert not Person.objects.filter(email="alex@example.com").exists()
    assert found == [], "\n".join(found)
    problems.expect("400")
    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == []
