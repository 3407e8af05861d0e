"""The repair conversation on two phones: Alex begins it from an episode both shared, Sam's page follows
live, they go through every step each saying when they are done, pause and go on once, and keep it."""

from __future__ import annotations

import re
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from breathingroom.conftest import make_couple, make_person
from breathingroom.dance.models import RepairTalk
from breathingroom.dance.tests.conftest import episode_with
from breathingroom.tests.browser.conftest import sign_in
from breathingroom.tests.browser.test_core_loop import assert_clean, wait_live

# Page and script behaviour alike on every database; the first CI pass proves it.
pytestmark = [pytest.mark.browser, pytest.mark.once]

AXE = Axe()
LIVE = 8000


def assert_accessible(page: Page) -> None:
    found = AXE.run(page).response["violations"]
    assert found == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in found]


def assert_fits_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"


def shoot_both_schemes(shoot, page: Page, name: str) -> None:
    # From the top: a page scrolled down draws its fixed header over the middle of a full-page picture.
    page.evaluate("window.scrollTo(0, 0)")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        shoot(page, f"{name}-{scheme}")
    page.emulate_media(color_scheme="light")


def at_step(page: Page, name: str) -> None:
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible(timeout=LIVE)


def follow_requests(page: Page) -> set[object]:
    """The page's fetches still on their way: an answer still to come may swap the part again."""
    pending: set[object] = set()
    page.on("request", lambda r: pending.add(r) if r.resource_type in ("xhr", "fetch") else None)
    page.on("requestfinished", lambda r: pending.discard(r))
    page.on("requestfailed", lambda r: pending.discard(r))
    return pending


def settled(page: Page) -> None:
    """The part shows the talk as it is now, and no answer is still coming that would swap it again
    (one's own step and the event it sets off both bring the part: typing between the two would race)."""
    talk = RepairTalk.objects.get()
    seen = f"{talk.step}.{int(talk.updated_at.timestamp() * 1_000_000)}"
    expect(page.locator("#repair")).to_have_attribute("data-live-url", re.compile(rf"seen={re.escape(seen)}$"))
    pending = PENDING[id(page)]
    page.wait_for_function("() => true")  # one turn of the page's loop, for requests about to start
    deadline = time.monotonic() + LIVE / 1000
    while pending and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert not pending, "the page's requests never came back"


PENDING: dict[int, set[object]] = {}


def write(page: Page, label: str, words: str, *, more: bool = False) -> None:
    """Fill in one box; ``more``: another box of a form already being filled in (it waits for nothing)."""
    if not more:
        settled(page)
    page.get_by_role("textbox", name=label, exact=True).fill(words)


def done(page: Page) -> None:
    page.get_by_role("button", name="Done with this step").click()


def save(page: Page) -> None:
    page.get_by_role("button", name="Save for now").click()


def test_two_phones_talk_it_through_in_step_and_keep_it(phone, server, problems, shoot):
    alex_person, sam_person = make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York")
    make_couple(alex_person, sam_person)
    episode = episode_with(alex_person, sam_person, "pursued", "withdrew", deeper="lonely", need="closeness")
    alex = phone("Alex", "Europe/London", "en-GB")
    sam = phone("Sam", "America/New_York", "en-US")
    for page in (alex, sam):
        PENDING[id(page)] = follow_requests(page)
    sign_in(alex, "alex@example.com")
    sign_in(sam, "sam@example.com")
    address = f"/dance/{episode.id}/repair/"

    # Sam has the page open before anything has begun.
    sam.goto(address)
    expect(sam.get_by_role("heading", name="Talk it through together")).to_be_visible()
    wait_live(sam)
    sam.evaluate("window.__stillTheSamePage = true")
    # Alex comes to it from the episode, where both sides are shared.
    alex.goto(f"/dance/{episode.id}/")
    alex.get_by_role("link", name="Talk it through together").click()
    expect(alex).to_have_url(re.compile(re.escape(address) + "$"))
    wait_live(alex)
    assert_accessible(alex)
    shoot_both_schemes(shoot, alex, "repair-01-begin")
    alex.get_by_role("button", name="Begin").click()

    # 1. What each felt: Sam's page follows at once, with the coach and words for feelings.
    for page in (alex, sam):
        at_step(page, "What I felt")
    expect(sam.get_by_text("step 1 of 6")).to_be_visible()
    write(alex, "What I felt", "I felt scared and alone when the door closed.")
    expect(alex.get_by_role("heading", name="What the coach notices")).to_be_visible()
    alex.get_by_text("Words for feelings", exact=True).click()
    expect(alex.get_by_text("Unsure of us")).to_be_visible()
    assert_fits_the_phone(alex)
    shoot_both_schemes(shoot, alex, "repair-02-felt")
    done(alex)
    expect(alex.get_by_text("You are done with this step. When Sam is too, you go on together.")).to_be_visible()
    expect(sam.get_by_text("Alex is done with this step.")).to_be_visible(timeout=LIVE)
    # Alex's words wait until Sam has written their own.
    expect(sam.get_by_text("I felt scared and alone")).to_have_count(0)
    write(sam, "What I felt", "I felt cornered, and ashamed of going quiet.")
    save(sam)
    expect(sam.get_by_text("I felt scared and alone when the door closed.")).to_be_visible()
    done(sam)

    # 2. How each saw it, then what each heard from the other and what makes sense in it.
    for page in (alex, sam):
        at_step(page, "How I saw it")
    write(alex, "How I saw it", "You went quiet in the middle of a sentence and I could not reach you.")
    save(alex)
    expect(alex.get_by_text("Once you have both written how you saw it")).to_be_visible()
    write(sam, "How I saw it", "Everything got loud in me and I needed a minute to breathe.")
    save(sam)
    expect(sam.get_by_text("You went quiet in the middle of a sentence")).to_be_visible()
    expect(alex.get_by_text("Everything got loud in me")).to_be_visible(timeout=LIVE)
    for page, name, heard, sense in (
        (alex, "Sam", "You were flooded and needed a minute.", "It makes sense that you stepped back to calm down."),
        (sam, "Alex", "You could not reach me and it scared you.", "It makes sense that you followed me."),
    ):
        write(page, f"What I heard {name} say", heard)
        write(page, f"One thing that makes sense in how {name} saw it", sense, more=True)
    assert_fits_the_phone(sam)
    assert_accessible(sam)
    shoot_both_schemes(shoot, sam, "repair-03-saw")
    done(alex)
    done(sam)

    # 3. What it touched from before; Alex pauses, both phones show it, and Sam goes on.
    for page in (alex, sam):
        at_step(page, "Why it hit so hard")
    write(alex, "What it touched from before", "When I was small, doors closed and nobody came back to talk.")
    save(alex)
    alex.get_by_role("button", name="Pause").click()
    expect(alex.get_by_text("You paused here.")).to_be_visible()
    expect(sam.get_by_text("Alex paused here.")).to_be_visible(timeout=LIVE)
    expect(sam.get_by_role("textbox", name="What it touched from before", exact=True)).to_have_count(0)
    assert_accessible(sam)
    shoot_both_schemes(shoot, sam, "repair-04-paused")
    sam.get_by_role("button", name="Go on").click()
    expect(alex.get_by_role("textbox", name="What it touched from before", exact=True)).to_have_value(
        "When I was small, doors closed and nobody came back to talk.", timeout=LIVE
    )
    write(sam, "What it touched from before", "Shouting at home meant someone would get hurt.")
    done(sam)
    done(alex)

    # 4. Each one's own part, a regret and an apology, and an answer to the other's apology.
    for page in (alex, sam):
        at_step(page, "My part")
    write(alex, "My part in it", "I kept following you from room to room.")
    write(alex, "My apology", "I am sorry I did not give you the minute you asked for.", more=True)
    save(alex)
    write(sam, "My part in it", "I walked away without saying when I would be back.")
    write(sam, "What I regret", "Leaving you alone with it.", more=True)
    save(sam)
    expect(sam.get_by_text("I am sorry I did not give you the minute")).to_be_visible()
    write(sam, "My answer to Alex\u2019s apology", "Thank you. I accept it.")
    shoot_both_schemes(shoot, sam, "repair-05-my-part")
    done(sam)
    expect(alex.get_by_text("Sam is done with this step.")).to_be_visible(timeout=LIVE)
    done(alex)

    # 5. One thing each will try next time.
    for page in (alex, sam):
        at_step(page, "Next time")
    write(alex, "What I will try next time", "Let you go, and trust the time you name.")
    done(alex)
    write(sam, "What I will try next time", "Say when I will be back before I step away.")
    done(sam)

    # 6. Whether to keep it: read it all again, and both keep it.
    for page in (alex, sam):
        at_step(page, "Keeping it")
    expect(alex.get_by_text("Say when I will be back before I step away.")).to_be_visible()
    assert_fits_the_phone(alex)
    shoot_both_schemes(shoot, alex, "repair-06-keep")
    alex.get_by_role("button", name="Keep it with the episode").click()
    expect(alex.get_by_text("You chose to keep it. Waiting for Sam to choose.")).to_be_visible()
    expect(sam.get_by_text("Alex has chosen.")).to_be_visible(timeout=LIVE)
    sam.get_by_role("button", name="Keep it with the episode").click()
    for page in (alex, sam):
        expect(page.get_by_text("You both chose to keep it.")).to_be_visible(timeout=LIVE)
    expect(alex.get_by_text("Thank you. I accept it.")).to_be_visible()
    assert_accessible(alex)
    shoot_both_schemes(shoot, alex, "repair-07-kept")

    # Sam's page followed every step without once being loaded again.
    assert sam.evaluate("window.__stillTheSamePage === true"), "the page was reloaded"
    # Leaving and coming back finds it where it is.
    sam.goto(address)
    expect(sam.get_by_text("You both chose to keep it.")).to_be_visible()
    assert_clean(problems, server)
