"""The body check-in on two phones: Alex taps places on the map, shares what they sense, and it
appears on Sam's body page as it happens, then goes again when Alex stops sharing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Page, expect

from breathingroom.body import checking_in
from breathingroom.body.checking_in import Place
from breathingroom.body.models import CheckIn
from breathingroom.conftest import make_couple, make_person
from breathingroom.tests.browser.conftest import PHONE, sign_in

# Pages and scripts only: the database and channel layer behind them add nothing in a second pass.
pytestmark = [pytest.mark.browser, pytest.mark.once]

AXE = Axe()


def assert_clean(problems, server) -> None:
    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == [], [r.getMessage() for r in server.errors]


def listed(page: Page, name: str):
    """A place's checkbox in the list below the map."""
    return page.locator(".body-place-list").get_by_label(name, exact=True)


def test_a_shared_check_in_reaches_the_partner_live_and_leaves_again(phone, server, problems, shoot):
    alex_person = make_person("Alex", "Europe/London")
    sam_person = make_person("Sam", "America/New_York")
    make_couple(alex_person, sam_person)
    alex = phone("Alex", "Europe/London", "en-GB")
    sam = phone("Sam", "America/New_York", "en-US")
    sign_in(alex, "alex@example.com")
    sign_in(sam, "sam@example.com")

    # Sam has the body page open already; nothing of Alex's is there.
    sam.goto("/body/")
    expect(sam.locator("body")).to_have_attribute("data-live-state", "open")
    expect(sam.get_by_role("heading", name="Shared with you")).to_have_count(0)

    alex.goto("/calm/")
    alex.get_by_role("link", name="Check in with your body").click()
    expect(alex.get_by_role("heading", level=1)).to_have_text("Check in with your body")
    shoot(alex, "body-01-empty")

    # Places are tapped on the figures; each is a checkbox of its own, and its line in the list opens.
    front = alex.get_by_role("group", name="Front")
    back = alex.get_by_role("group", name="Back")
    front.get_by_role("checkbox", name="Chest").click()
    front.get_by_role("checkbox", name="Stomach").click()
    back.get_by_role("checkbox", name="Shoulders").click()
    expect(front.get_by_role("checkbox", name="Chest")).to_have_attribute("aria-checked", "true")
    expect(alex.get_by_text("Chosen: Chest, Stomach, Shoulders. Below, say what each feels like.")).to_be_visible()
    expect(listed(alex, "Chest")).to_be_checked()
    # A second tap lets a place go again.
    back.get_by_role("checkbox", name="Shoulders").click()
    expect(listed(alex, "Shoulders")).not_to_be_checked()
    expect(alex.get_by_role("group", name="Shoulders: what is it like?")).to_be_hidden()

    chest = alex.get_by_role("group", name="Chest: what is it like?")
    chest.get_by_text("Tight", exact=True).click()
    strength = alex.get_by_label("Chest: how strong, from 0 to 10?")
    expect(strength).to_have_attribute("type", "range")
    strength.focus()
    alex.keyboard.press("ArrowRight")
    alex.keyboard.press("ArrowRight")
    expect(strength).to_have_value("7")
    alex.get_by_role("group", name="Stomach: what is it like?").get_by_text("Hollow", exact=True).click()
    alex.get_by_role("group", name="Hurt").get_by_text("Lonely", exact=True).click()
    alex.get_by_role("group", name="Scared").get_by_text("Unsure of us", exact=True).click()
    alex.locator("summary", has_text="What might you need underneath?").click()
    alex.get_by_text("Reassurance", exact=True).click()
    alex.locator("summary", has_text="Heart rate and a note").click()
    alex.get_by_label("Heart rate, if you know it (optional)").fill("104")
    alex.get_by_label("Anything else you notice (optional)").fill("Like before a storm.")
    shoot(alex, "body-02-alex-choosing")
    alex.get_by_role("button", name="Save this check-in").click()

    expect(alex.get_by_text("Your check-in is saved. Only you can see it.")).to_be_visible()
    expect(alex.get_by_text("104 beats a minute is about the pace people describe")).to_be_visible()
    entry = alex.locator(".body-entry").first
    expect(entry.locator(".body-place-name")).to_have_text(["Chest", "Stomach"])
    expect(entry.locator(".body-place-what")).to_have_text(["Tight, 7 of 10", "Hollow, 5 of 10"])
    expect(entry).to_contain_text("Unsure of us, Lonely")
    expect(entry).to_contain_text("Reassurance")
    shoot(alex, "body-03-alex-saved")
    # Saved once, however often the form is sent: the page sends a fresh form after saving.
    assert CheckIn.objects.count() == 1

    # Still private: Sam's page shows nothing.
    expect(sam.get_by_role("heading", name="Shared with you")).to_have_count(0)

    entry.get_by_role("button", name="Share what I'm sensing").click()
    expect(alex.get_by_text("Sam can see this check-in now, until you stop sharing it.")).to_be_visible()
    expect(alex.locator(".body-entry").first.get_by_text("Shared with Sam")).to_be_visible()

    # On Sam's phone it appears by itself, in Sam's own time zone.
    shared = sam.get_by_role("region", name="Shared with you")
    expect(shared).to_be_visible(timeout=5000)
    expect(shared.get_by_text("Alex noticed")).to_be_visible()
    expect(shared.locator(".body-place-what")).to_have_text(["Tight, 7 of 10", "Hollow, 5 of 10"])
    expect(shared).to_contain_text("Like before a storm.")
    expect(shared).not_to_contain_text("beats a minute is about the pace")
    kept = CheckIn.objects.get()
    expect(shared.locator("time")).to_have_text(
        timezone.localtime(kept.created_at, sam_person.zone).strftime("%A %-d %B, %H:%M")
    )
    expect(shared.get_by_role("button")).to_have_count(0)
    shoot(sam, "body-04-sam-sees-it-live")

    # Unshared, it leaves Sam's page as it came.
    alex.locator(".body-entry").first.get_by_role("button", name="Stop sharing").click()
    expect(alex.get_by_text("This check-in is yours alone again.")).to_be_visible()
    expect(sam.get_by_role("heading", name="Shared with you")).to_have_count(0, timeout=5000)
    shoot(sam, "body-05-sam-after-unsharing")

    assert_clean(problems, server)


def test_the_map_answers_the_keyboard_and_the_list_answers_the_map(phone, server, problems):
    make_person("Jo", "Europe/Berlin")
    page = phone("Jo", "Europe/Berlin")
    sign_in(page, "jo@example.com")
    page.goto("/body/")
    jaw = page.get_by_role("group", name="Front").get_by_role("checkbox", name="Jaw and face")
    jaw.focus()
    page.keyboard.press("Space")
    expect(jaw).to_have_attribute("aria-checked", "true")
    expect(listed(page, "Jaw and face")).to_be_checked()
    page.keyboard.press("Enter")
    expect(jaw).to_have_attribute("aria-checked", "false")
    # Ticked in the list, the map shows it too.
    listed(page, "Lower back").check()
    expect(page.get_by_role("group", name="Back").get_by_role("checkbox", name="Lower back")).to_have_attribute(
        "aria-checked", "true"
    )
    # Without a sensation or a strength, the page says what is missing and keeps what was chosen.
    problems.expect("status of 400")
    page.get_by_role("button", name="Save this check-in").click()
    expect(page.get_by_text("Choose what it feels like there.")).to_be_visible()
    expect(listed(page, "Lower back")).to_be_checked()
    assert not CheckIn.objects.exists()
    assert_clean(problems, server)


def test_the_trend_over_weeks(phone, server, problems, shoot):
    jo = make_person("Jo", "Europe/Berlin")
    now = timezone.now()
    for days_ago in range(40, -1, -2):
        kept = checking_in.record(
            jo,
            [Place("chest", "tight", 3 + (days_ago % 7)), Place("throat" if days_ago % 3 else "jaw", "tight", 4)],
        )
        CheckIn.objects.filter(pk=kept.pk).update(created_at=now - timedelta(days=days_ago, hours=1))
    page = phone("Jo", "Europe/Berlin")
    sign_in(page, "jo@example.com")
    page.goto("/body/")
    expect(page.get_by_text("21 check-ins since")).to_be_visible()
    page.get_by_role("link", name="See your body over time").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your body over time")
    chart = page.get_by_role("img", name="How strong it felt, day by day")
    expect(chart).to_be_visible()
    expect(page.get_by_role("img", name="Where it sits most often")).to_be_visible()
    expect(page.get_by_text("Most often: Chest.")).to_be_visible()
    shoot(page, "body-06-trend")
    found = AXE.run(page).response["violations"]
    assert found == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in found]
    page.emulate_media(color_scheme="dark")
    shoot(page, "body-07-trend-dark")
    assert_clean(problems, server)


def test_checking_in_without_javascript(browser, server):
    make_person("Sam", "America/New_York")
    context = browser.new_context(base_url=server.url, viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in(page, "sam@example.com")
        page.goto("/body/")
        # The map's places are links to their line in the list.
        page.get_by_role("link", name="Stomach").click()
        assert page.url.endswith("#place-stomach")
        listed(page, "Stomach").check()
        page.get_by_role("group", name="Stomach: what is it like?").get_by_text("Heavy", exact=True).click()
        page.get_by_label("Stomach: how strong, from 0 to 10?").fill("6")
        page.get_by_role("button", name="Save this check-in").click()
        expect(page.get_by_text("Your check-in is saved. Only you can see it.")).to_be_visible()
        expect(page.locator(".body-place-what")).to_have_text(["Heavy, 6 of 10"])
    finally:
        context.close()
