"""The therapist's seat on three phones: Alex invites, Sam approves, Dr Lee signs up from the email and reads
only what both ticked, then Sam ends the seat and Dr Lee's page is gone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from breathingroom.agreements import proposals
from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.tests.conftest import proposal, until_reconnecting
from breathingroom.conftest import make_couple, make_person
from breathingroom.dance import episodes
from breathingroom.dance.tests.conftest import side
from breathingroom.journal import entries
from breathingroom.notify.tests.conftest import part, run_tasks
from breathingroom.tests.browser.conftest import sign_in
from breathingroom.tests.browser.test_journal import assert_accessible, assert_clean, assert_fits_the_phone
from breathingroom.tests.browser.test_pairing_journey import sign_up

# Page and script behaviour alike on every database; the first CI pass proves it.
pytestmark = [pytest.mark.browser, pytest.mark.once]

JOURNAL = "Wrenfield: what I never told anyone about the evening"
UNSHARED = "Ottermoss fear kept to myself"
SHARED = "Copperfern: being left out of the room"
REASSURANCE = "Back soon, settling not leaving."


def some_history(alex, sam) -> None:
    agreement = proposals.propose(alex, proposal(presets=(20, 45, 90), words="Say you will come back"))
    proposals.accept(sam, agreement.version, words="Tell me it is not about me")
    brk = until_reconnecting(space.take_space(sam, 45, REASSURANCE))
    reconnecting.come_back(sam, brk.id)
    for person in (alex, sam):
        reconnecting.record_outcome(person, brk.id, "on_time", "repaired")
    entries.share(alex, entries.write(alex, JOURNAL).id)
    episode = episodes.start(alex)
    side(alex, episode, "pursued", fear=SHARED, need="reassurance")
    side(sam, episode, "withdrew", fear=UNSHARED, share=False)


def test_a_therapist_is_invited_by_both_reads_only_what_both_share_and_loses_it_at_once(
    phone, server, problems, shoot, smtp_inbox
):
    alex_person, sam_person = make_person("Alex", "Europe/London"), make_person("Sam", "Europe/London")
    make_couple(alex_person, sam_person)
    some_history(alex_person, sam_person)
    alex = phone("Alex", "Europe/London")
    sam = phone("Sam", "Europe/London")
    lee = phone("Dr Lee", "Europe/Dublin")
    sign_in(alex, "alex@example.com")
    sign_in(sam, "sam@example.com")

    # Alex finds the seat in settings and invites Dr Lee, ticking four kinds.
    alex.goto("/settings/")
    alex.get_by_role("link", name="Invite a therapist").click()
    expect(alex.get_by_role("heading", name="Invite your therapist")).to_be_visible()
    alex.get_by_label("Your therapist's email address").fill("dr.lee@example.org")
    for kind in ("Your Space Agreement", "Your breaks", "Your cycle map", "Sides of episodes"):
        alex.get_by_label(re.compile(kind)).check()
    assert_fits_the_phone(alex)
    shoot(alex, "therapy-01-alex-invites")
    alex.get_by_role("button", name="Ask Sam to agree").click()
    expect(alex.get_by_text("It waits for Sam to agree: nothing has been sent")).to_be_visible()
    shoot(alex, "therapy-02-alex-waits")
    assert smtp_inbox.messages == []
    assert run_tasks() == []

    # Sam approves on his own phone, ticking three of them: the cycle map stays between them.
    sam.goto("/therapist/seat/")
    expect(sam.get_by_text("Alex would like to invite dr.lee@example.org")).to_be_visible()
    for kind in ("Your Space Agreement", "Your breaks", "Sides of episodes"):
        sam.get_by_label(re.compile(kind)).check()
    assert_fits_the_phone(sam)
    assert_accessible(sam)
    shoot(sam, "therapy-03-sam-approves")
    sam.get_by_role("button", name="Agree and send the invitation").click()
    expect(sam.get_by_text("The invitation is on its way to your therapist.")).to_be_visible()

    # Only now does the email go, through a real mail server.
    assert run_tasks() == ["sent"]
    [email] = smtp_inbox.messages
    assert email["To"] == "dr.lee@example.org"
    link = re.search(r"http\S+/therapist/accept/\S+/", part(email, "text/plain")).group(0)

    # Dr Lee opens it signed out, creates an account with that address, and accepts.
    lee.goto(link)
    expect(lee).to_have_url(f"{server.url}/therapist/accept/")
    expect(lee.get_by_role("heading", name="Alex and Sam invite you")).to_be_visible()
    shoot(lee, "therapy-04-lee-invitation")
    lee.get_by_role("link", name="Create an account").click()
    sign_up(lee, "Dr Lee", "dr.lee@example.org", "Europe/Dublin")
    lee.get_by_role("button", name="Create an account").click()
    expect(lee).to_have_url(f"{server.url}/therapist/accept/")
    expect(lee.get_by_text("You are signed in as dr.lee@example.org")).to_be_visible()
    lee.get_by_role("button", name="Accept the seat").click()

    # What both share, and nothing else.
    expect(lee.get_by_role("heading", name="Alex and Sam", level=1)).to_be_visible()
    their_page = lee.url
    agreement = lee.get_by_role("region", name="The Space Agreement")
    expect(agreement.get_by_text("20 minutes, 45 minutes, 1 hour 30 minutes")).to_be_visible()
    breaks = lee.get_by_role("region", name="Breaks and how they went")
    expect(breaks.get_by_text("Sam took 45 minutes.")).to_be_visible()
    expect(breaks.get_by_text("Alex: back on time; repair: repaired")).to_be_visible()
    expect(lee.get_by_role("region", name="Shared sides of episodes").get_by_text(SHARED)).to_be_visible()
    for kind in ("Insights", "The cycle map"):
        expect(lee.get_by_role("region", name=kind).get_by_text("Not shared with you.")).to_be_visible()
    seen = lee.locator("main").inner_text()
    for private in (JOURNAL, UNSHARED, REASSURANCE, "Say you will come back", "Tell me it is not about me"):
        assert private not in seen
    assert_fits_the_phone(lee)
    assert_accessible(lee)
    shoot(lee, "therapy-05-lee-reads")
    lee.get_by_role("link", name="Your couples").click()
    expect(lee.get_by_role("link", name="Alex and Sam")).to_be_visible()
    shoot(lee, "therapy-06-lee-couples")

    # Sam sees who holds the seat, and that each look is in the security log.
    sam.goto("/therapist/seat/")
    expect(sam.get_by_role("heading", name="Dr Lee holds the seat")).to_be_visible()
    shoot(sam, "therapy-07-sam-seat-held")
    sam.goto("/settings/security/")
    expect(sam.get_by_text("Your therapist looked at what you both share with them").first).to_be_visible()
    shoot(sam, "therapy-08-sam-security-log")

    # Sam ends it from settings; Dr Lee's page is gone that moment.
    sam.goto("/settings/")
    shoot(sam, "therapy-09-sam-settings")
    sam.get_by_role("button", name="End the seat now").click()
    expect(sam.get_by_text("The seat has ended.")).to_be_visible()
    shoot(sam, "therapy-10-sam-ended")
    problems.expect("404")
    response = lee.goto(their_page)
    assert response is not None
    assert response.status == 404
    expect(lee.get_by_role("heading", name="Alex and Sam")).to_have_count(0)
    assert SHARED not in lee.content()
    shoot(lee, "therapy-11-lee-gone")
    lee.goto("/therapist/")
    expect(lee.get_by_text("No seats now.")).to_be_visible()
    shoot(lee, "therapy-12-lee-no-seats")
    assert_clean(problems, server)
