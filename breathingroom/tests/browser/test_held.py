"""On two phones: while Alex takes space, Sam calms down with the tools and keeps Alex's words in view."""

from __future__ import annotations

import threading

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connection
from playwright.sync_api import expect

from breathingroom.breaks import reconnecting
from breathingroom.breaks.models import Break, Repair, Timing
from breathingroom.conftest import make_couple, make_person
from breathingroom.tests.browser.conftest import sign_in
from breathingroom.tests.clocks import as_shown

# Pages and scripts only: the database and channel layer behind them add nothing in a second pass.
pytestmark = [pytest.mark.browser, pytest.mark.once]

AXE = Axe()
WORDS = "I love you. I'm coming back to finish this."


def as_a_request(step, *args) -> None:
    """Run a domain step on a thread of its own, as the server would, so its live events go out."""

    def run() -> None:
        try:
            step(*args)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=10)


def assert_clean(problems, server) -> None:
    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == [], [r.getMessage() for r in server.errors]


def test_the_waiting_partner_stays_held_while_breathing(phone, server, problems, shoot):
    alex_person = make_person("Alex", "Europe/London")
    sam_person = make_person("Sam", "America/New_York")
    make_couple(alex_person, sam_person)
    alex = phone("Alex", "Europe/London", "en-GB")
    sam = phone("Sam", "America/New_York", "en-US")
    sign_in(alex, "alex@example.com")
    sign_in(sam, "sam@example.com")

    # Sam is already breathing when Alex steps away: the page shows it by itself.
    sam.goto("/calm/breathe/")
    expect(sam.locator("body")).to_have_attribute("data-live-state", "open")
    banner = sam.get_by_role("region", name="Alex is taking some space")
    expect(banner).to_have_count(0)

    alex.goto("/")
    alex.get_by_role("link", name="I need space").click()
    alex.get_by_label("Your words to your partner").fill(WORDS)
    alex.get_by_role("button", name="20 minutes").click()
    expect(alex.get_by_role("heading", name="You are taking space")).to_be_visible()

    expect(banner).to_be_visible(timeout=3000)
    expect(banner.locator("blockquote")).to_have_text(WORDS)
    brk = Break.objects.get()
    ny_time = as_shown(brk.returns_at, "America/New_York")
    expect(banner).to_contain_text(f"Back at {ny_time}, your time")
    expect(sam.get_by_role("heading", level=1)).to_have_text("Breathe slowly")
    shoot(sam, "held-01-sam-breathing")
    found = AXE.run(sam).response["violations"]
    assert found == [], [(v["id"], v["help"]) for v in found]

    # Alex, on a calm page too, sees her own time and never "I need space".
    alex.goto("/calm/ground/")
    own = alex.get_by_role("region", name="You are taking space")
    london_time = as_shown(brk.returns_at, "Europe/London")
    expect(own).to_contain_text(f"You will come back at {london_time}")
    header = alex.get_by_role("banner")
    expect(header.get_by_role("link", name="I need space")).to_have_count(0)
    expect(header.get_by_role("link", name="Your break")).to_be_visible()
    shoot(alex, "held-02-alex-grounding")

    # The banner leads back to the break.
    sam.get_by_role("link", name="Back to the break").click()
    expect(sam.get_by_role("heading", name="Alex is taking some space")).to_be_visible()

    # The break ends while Sam is on a tool: the banner goes by itself.
    sam.goto("/calm/reasons/")
    expect(banner).to_be_visible()
    alex.goto("/")
    alex.get_by_role("button", name="I\u2019m ready to talk").click()
    expect(sam.get_by_role("region", name="Time to come back together")).to_be_visible(timeout=3000)
    shoot(sam, "held-03-sam-time-to-come-back")
    # Over once each partner has said how the coming back went.
    as_a_request(reconnecting.record_outcome, alex_person, brk.id, Timing.ON_TIME, Repair.REPAIRED)
    as_a_request(reconnecting.record_outcome, sam_person, brk.id, Timing.ON_TIME, Repair.REPAIRED)
    expect(sam.locator(".held")).to_have_count(0, timeout=3000)
    expect(sam.get_by_role("heading", level=1)).to_be_visible()

    assert_clean(problems, server)
