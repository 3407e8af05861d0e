"""An entry shared with the partner: what they see, live and on a closed phone, and only while it is shared.

``tests/access.py`` declares entries as their author's own (the partner gets the same 404 as for a
missing one); here the shared case is tried, on every page and operation that reads an entry.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from breathingroom.conftest import page_text
from breathingroom.couples import pairing
from breathingroom.events.models import Event
from breathingroom.journal import entries
from breathingroom.notify.notices import PUSHED, notice_for

WORDS = "When you go quiet I start counting the minutes."
JOURNAL = "/journal/"
LIVE = "/journal/shared/live/"


def signature(page: str) -> str:
    return re.search(r'data-live-url="/journal/shared/live/\?seen=([0-9a-f]+)"', page).group(1)


def answer(response) -> str:
    """What a person is answered, without the form token that differs on every page."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def shared_event(person) -> Event:
    return Event.objects.filter(recipient=person, type=entries.SHARED).order_by("-seq").first()


# --- The partner's journal page -------------------------------------------------------------------


def test_the_partners_page_has_a_live_shared_section_kind_when_empty(sam_client):
    page = page_text(sam_client.get(JOURNAL))
    assert '<section id="shared-with-me"' in page
    assert "When Alex chooses to share an entry from their journal, you can read it here." in page


def test_a_shared_entry_appears_in_the_live_section_and_leaves_when_unshared(alex, sam, sam_client):
    page = page_text(sam_client.get(JOURNAL))
    seen = signature(page)
    assert sam_client.get(LIVE, {"seen": seen}).status_code == 204

    entry = entries.write(alex, WORDS, prompt="attachment_coming_back")
    assert sam_client.get(LIVE, {"seen": seen}).status_code == 204  # private: nothing changed for Sam
    entries.share(alex, entry.pk)
    fresh = sam_client.get(LIVE, {"seen": seen})
    assert fresh.status_code == 200
    part = page_text(fresh)
    assert f'href="/journal/{entry.pk}/"' in part
    assert "From Alex" in part
    assert "counting the minutes" in part
    assert "Attachment" in part
    assert 'id="shared-with-me"' in part

    entries.unshare(alex, entry.pk)
    after = page_text(sam_client.get(LIVE, {"seen": signature(part)}))
    assert "counting the minutes" not in after
    assert "When Alex chooses to share an entry" in after


def test_the_section_shows_the_newest_few_and_leads_to_the_rest(alex, sam, sam_client):
    for i in range(7):
        entries.share(alex, entries.write(alex, f"shared-{i}").pk)
    part = page_text(sam_client.get(LIVE))
    assert re.findall(r"shared-(\d)", part) == ["6", "5", "4", "3", "2"]
    assert "All 7 entries Alex shares with you" in part
    everything = page_text(sam_client.get("/journal/shared/"))
    assert re.findall(r"shared-(\d)", everything) == ["6", "5", "4", "3", "2", "1", "0"]


def test_the_author_does_not_see_their_own_share_as_shared_with_them(alex, alex_client, couple):
    entries.share(alex, entries.write(alex, WORDS).pk)
    part = page_text(alex_client.get(LIVE))
    assert "counting the minutes" not in part
    assert "When Sam chooses to share" in part


def test_without_a_partner_the_section_is_empty_and_says_nothing(jo_client):
    part = page_text(jo_client.get(LIVE))
    assert 'id="shared-with-me"' in part
    assert "Shared with you" not in part
    assert "Entries a partner shares with you appear here while you are paired." in page_text(
        jo_client.get("/journal/shared/")
    )


# --- Reading a shared entry: only while it is shared, only in this couple -----------------------------


READING = [
    lambda entry: reverse("journal:entry", args=[entry.pk]),
    lambda entry: f"/api/v1/journal/{entry.pk}",
]
CHANGING_PAGES = ["journal:edit", "journal:delete", "journal:share", "journal:unshare"]


@pytest.mark.parametrize("where", READING, ids=["page", "api"])
def test_the_partner_reads_a_shared_entry_while_shared_and_then_never(where, alex, sam, sam_client, robin_client):
    entry = entries.write(alex, WORDS)
    path = where(entry)
    nothing = path.replace(str(entry.pk), "00000000-0000-4000-8000-000000000000")
    assert sam_client.get(path).status_code == 404
    entries.share(alex, entry.pk)
    assert sam_client.get(path).status_code == 200
    assert answer(robin_client.get(path)) == answer(robin_client.get(nothing))
    entries.unshare(alex, entry.pk)
    gone, missing = sam_client.get(path), sam_client.get(nothing)
    assert (gone.status_code, missing.status_code) == (404, 404)
    assert answer(gone) == answer(missing)


@pytest.mark.parametrize("name", CHANGING_PAGES)
def test_a_shared_entry_gives_the_partner_nothing_to_change(name, alex, sam, sam_client):
    entry = entries.write(alex, WORDS)
    entries.share(alex, entry.pk)
    path = reverse(name, args=[entry.pk])
    for method in ("get", "post"):
        assert getattr(sam_client, method)(path).status_code in (404, 405)
    assert entries.readable(sam, entry.pk).text == WORDS


def test_leaving_the_couple_ends_every_share(alex, sam, sam_client):
    entry = entries.write(alex, WORDS)
    entries.share(alex, entry.pk)
    pairing.leave(alex)
    assert sam_client.get(reverse("journal:entry", args=[entry.pk])).status_code == 404
    assert "counting" not in page_text(sam_client.get("/journal/shared/"))


# --- Told live, and on a closed phone ---------------------------------------------------------------


def test_sharing_tells_the_partners_phone_who_shared_and_never_the_words(alex, sam, couple):
    entry = entries.write(alex, WORDS)
    entries.share(alex, entry.pk)
    event = shared_event(sam)
    assert entries.SHARED in PUSHED
    notice = notice_for(event, sam)
    assert notice.title == "Alex shared a journal entry with you"
    assert notice.body == "Read it when you have a quiet moment. Nothing needs an answer."
    assert notice.url == f"/journal/{entry.pk}/"
    assert "counting" not in repr(notice.payload())
    assert "counting" not in repr(event.data)


def test_a_share_taken_back_before_the_notice_goes_out_is_no_news(alex, sam, couple):
    entry = entries.write(alex, WORDS)
    entries.share(alex, entry.pk)
    shared = shared_event(sam)
    entries.unshare(alex, entry.pk)
    assert notice_for(shared, sam) is None
    assert notice_for(shared_event(sam), sam) is None  # the unshare itself reaches open pages only
    entries.share(alex, entry.pk)
    entries.delete(alex, entry.pk)
    assert notice_for(shared, sam) is None


@pytest.mark.parametrize("data", [{}, {"entry": "nonsense", "shared": True}, {"entry": None, "shared": True}])
def test_a_notice_for_a_malformed_event_is_none(alex, sam, couple, data):
    event = Event(recipient=sam, seq=1, type=entries.SHARED, data=data)
    assert notice_for(event, sam) is None


def test_the_author_is_never_told_of_their_own_share(alex, sam, couple):
    entry = entries.write(alex, WORDS)
    entries.share(alex, entry.pk)
    assert notice_for(shared_event(sam), alex) is None
    assert shared_event(alex) is None
