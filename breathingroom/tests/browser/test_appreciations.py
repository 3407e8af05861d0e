"""A kind word on two phones: Alex writes one on Home, and it arrives on Sam's open Home without a reload.

Sam puts it away, and it stays among their appreciations, where each sees the notes on their own clock.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from breathingroom.appreciations import sending
from breathingroom.appreciations.models import Appreciation, NoteKind
from breathingroom.breaks import space
from breathingroom.events.models import Event
from breathingroom.tests.clocks import as_shown
from breathingroom.tests.servers import assert_not_reloaded, go_live, heard

# Page and script behaviour alike on every database; the first CI pass proves it.
pytestmark = [pytest.mark.browser, pytest.mark.once]

THANKS = "Thank you for making tea this morning, and for listening last night."


def no_axe_violations(page) -> list[str]:
    found = Axe().run(page).response["violations"]
    return [f"{page.url}: {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in found]


def test_a_kind_word_from_alex_s_home_arrives_on_sam_s_open_home(server, phones, problems, shoot, alex, sam, couple):
    alex_page = phones.open(server.url, alex)
    sam_page = phones.open(server.url, sam, "America/New_York")
    go_live(sam_page)
    expect(sam_page.get_by_role("heading", name="A kind word for Alex")).to_be_visible()
    alex_page.goto("/")
    composer = alex_page.get_by_role("region", name="A kind word for Sam")
    expect(composer).to_be_visible()
    shoot(alex_page, "appreciations-01-alex-home")

    composer.get_by_label("What you appreciate").fill(THANKS)
    shoot(alex_page, "appreciations-02-alex-writes")
    composer.get_by_role("button", name="Send", exact=True).click()
    sent = alex_page.get_by_text("Sent to Sam. Nothing is expected back.")
    expect(sent).to_be_visible()
    expect(sent).to_be_focused()
    expect(composer.get_by_label("What you appreciate")).to_have_value("")
    shoot(alex_page, "appreciations-03-alex-sent")

    # Sam's page changes by itself: the note, kindly, with the time on Sam's clock.
    note = sam_page.get_by_role("region", name="Alex appreciates you")
    expect(note).to_be_visible(timeout=5000)
    expect(note.locator("blockquote")).to_have_text(THANKS)
    sent_at = Appreciation.objects.get().sent_at
    expect(note.locator("time")).to_have_text(as_shown(sent_at, sam.zone))
    event = Event.objects.get(recipient=sam, type="appreciation.received")
    assert {"id": event.seq, "type": "appreciation.received"} in heard(sam_page)
    assert_not_reloaded(sam_page)
    shoot(sam_page, "appreciations-04-sam-receives")

    # A one-tap "we're okay" back; Alex's page shows it as it arrives.
    go_live(alex_page)
    sam_page.get_by_role("button", name="We\u2019re okay").click()
    expect(sam_page.get_by_text("Sent to Alex. Nothing is expected back.")).to_be_visible()
    expect(alex_page.get_by_role("heading", name="Sam says you two are okay")).to_be_visible(timeout=5000)
    assert_not_reloaded(alex_page)
    shoot(alex_page, "appreciations-05-alex-hears-we-are-okay")

    # Put away: it leaves Home, and stays among the appreciations.
    note.get_by_role("button", name="Put away").click()
    expect(sam_page.get_by_text("Put away. It stays with your appreciations.")).to_be_visible()
    expect(sam_page.get_by_role("region", name="Alex appreciates you")).to_have_count(0)
    sam_page.get_by_role("link", name="All your appreciations").click()
    expect(sam_page.get_by_role("heading", name="Appreciations", exact=True)).to_be_visible()
    items = sam_page.locator("[data-appreciations] > li")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("You said you two are okay")
    expect(items.nth(1)).to_contain_text("Alex wrote")
    expect(items.nth(1)).to_contain_text(THANKS)
    shoot(sam_page, "appreciations-06-sam-list")

    found = []
    for scheme in ("light", "dark"):
        for who, page, path in (("alex", alex_page, "/"), ("sam", sam_page, "/appreciations/")):
            page.emulate_media(color_scheme=scheme)
            page.goto(path)
            found += no_axe_violations(page)
            shoot(page, f"appreciations-{who}-{scheme}")
    assert found == [], "\n".join(found)
    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == []


@pytest.mark.once
def test_during_a_break_home_keeps_the_notes_received_and_no_composer(
    server, phones, problems, shoot, alex, sam, couple
):
    sending.send(sam, THANKS)
    sending.send(sam, "", NoteKind.OKAY)
    space.take_space(alex, 30, "I need a little quiet. I'm coming back.")
    for who, person in (("alex", alex), ("sam", sam)):
        page = phones.open(server.url, person)
        page.goto("/")
        expect(page.get_by_role("button", name="Send", exact=True)).to_have_count(0)
        shoot(page, f"appreciations-during-a-break-{who}")
    expect(page.get_by_role("heading", name="Alex is taking some space")).to_be_visible()
    alex_page = phones.contexts[0].pages[0]
    expect(alex_page.get_by_role("region", name="Sam appreciates you")).to_be_visible()
    expect(alex_page.get_by_role("region", name="Sam says you two are okay")).to_be_visible()
    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == []
