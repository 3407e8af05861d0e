"""A therapist sees only what both partners share with them, and every look is in both partners' logs.

The couple writes everywhere the app keeps words (a journal shared between them, an unsent note, body
check-ins, the words left on a break and asked to hear, what each will try, sides of episodes shared
and not), each with a word found nowhere else. The therapist's page and the API's answer are then
read for every one of those words.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from breathingroom.agreements import proposals
from breathingroom.appreciations import sending
from breathingroom.body import checking_in
from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.models import NextTry
from breathingroom.breaks.tests.conftest import proposal, until_reconnecting
from breathingroom.calm.models import UnsentNote
from breathingroom.conftest import client_for, page_text
from breathingroom.dance import episodes
from breathingroom.dance.tests.conftest import side
from breathingroom.journal import entries
from breathingroom.security.models import Kind as LogKind
from breathingroom.security.models import SecurityEvent
from breathingroom.tests.test_access_rules import ApiClient
from breathingroom.therapy import seats
from breathingroom.therapy.models import ShareKind
from breathingroom.therapy.tests.seating import EVERYTHING, seated

NEVER = {
    "journal": "Quillwort journal words, shared between the two of them",
    "unsent": "Marrowfat unsent note",
    "body_note": "Tamarisk body note",
    "body_feeling": "Wistful-ochre",
    "reassurance": "Bramblelight reassurance, back soon",
    "extension": "Kestrelmoss a little longer",
    "alex_wants": "Hazelrune words to hear",
    "sam_wants": "Lanternfig words to hear",
    "next_try": "Sorrelwind next try",
    "unshared_side": "Pinecloud unshared fear",
    "appreciation": "Mistletoad kind words",
}
SHARED_SIDE = "Copperfern shared fear"
OWN_WAY = "a walk around Juniperlake, then tea"


@pytest.fixture
def history(alex, sam, couple):
    """A couple's months in a few lines: words everywhere, some shared with each other, most not."""
    agreement = proposals.propose(
        alex, proposal(words=NEVER["alex_wants"], reconnect="own", own_way=OWN_WAY, presets=(20, 45))
    )
    proposals.accept(sam, agreement.version, words=NEVER["sam_wants"])

    brk = space.take_space(alex, 20, NEVER["reassurance"])
    brk = until_reconnecting(space.extend(alex, brk.id, 10, NEVER["extension"]))
    reconnecting.come_back(alex, brk.id)
    NextTry.objects.create(reconnection=brk.reconnection, person=alex, text=NEVER["next_try"])
    for person in (alex, sam):
        reconnecting.record_outcome(person, brk.id, "late", "partly")

    entry = entries.write(alex, NEVER["journal"])
    entries.share(alex, entry.id)
    UnsentNote.objects.create(person=sam, text=NEVER["unsent"])
    body = checking_in.record(
        sam, [checking_in.Place("chest", "tight", 7)], note=NEVER["body_note"], own_feeling=NEVER["body_feeling"]
    )
    checking_in.share(sam, body.id)
    sending.send(sam, NEVER["appreciation"])

    episode = episodes.start(alex)
    side(alex, episode, "pursued", fear=SHARED_SIDE)
    side(sam, episode, "withdrew", fear=NEVER["unshared_side"], share=False)


def seen_on_page(therapist, couple) -> str:
    response = client_for(therapist).get(reverse("therapy:couple", args=[couple.pk]))
    assert response.status_code == 200
    return page_text(response)


def seen_by_api(therapist, couple) -> str:
    response = ApiClient(therapist).call("GET", f"/api/v1/therapist/couples/{couple.pk}", {})
    assert response.status_code == 200, response.content
    return response.content.decode()


@pytest.mark.parametrize("read", [seen_on_page, seen_by_api], ids=["page", "api"])
def test_with_everything_ticked_nothing_private_is_ever_shown(history, alex, sam, couple, dr_lee, read):
    seated(alex, sam, dr_lee, EVERYTHING)

    seen = read(dr_lee, couple)

    for where, words in NEVER.items():
        assert words not in seen, f"the therapist sees the {where}"
    assert SHARED_SIDE in seen
    assert "Juniperlake" in seen  # the agreement's own way of reconnecting is part of the agreement
    assert "45 minutes" in seen
    assert re.search(r"Alex: back late; repair: partly|&quot;timing&quot;|\"timing\": ?\"Back late\"", seen)


@pytest.mark.parametrize("read", [seen_on_page, seen_by_api], ids=["page", "api"])
def test_a_kind_ticked_by_one_partner_only_is_not_shown(history, alex, sam, couple, dr_lee, read):
    seated(alex, sam, dr_lee, [ShareKind.AGREEMENT])
    seats.choose(alex, [ShareKind.AGREEMENT, ShareKind.SIDES, ShareKind.BREAKS])

    seen = read(dr_lee, couple)

    assert "Juniperlake" in seen
    assert SHARED_SIDE not in seen
    assert "partly" not in seen.lower()


def test_a_side_unshared_between_the_partners_leaves_the_therapists_view_at_once(history, alex, sam, couple, dr_lee):
    seated(alex, sam, dr_lee, EVERYTHING)
    episode = episodes.of(alex).get()

    episodes.unshare_side(alex, episode.id)

    assert SHARED_SIDE not in seen_on_page(dr_lee, couple)


def test_the_moment_the_seat_ends_the_therapist_sees_nothing(history, alex, sam, couple, dr_lee):
    seated(alex, sam, dr_lee, EVERYTHING)
    assert SHARED_SIDE in seen_on_page(dr_lee, couple)

    seats.end(sam)

    page = client_for(dr_lee).get(reverse("therapy:couple", args=[couple.pk]))
    api = ApiClient(dr_lee).call("GET", f"/api/v1/therapist/couples/{couple.pk}", {})
    assert page.status_code == api.status_code == 404
    assert SHARED_SIDE not in page_text(page) + api.content.decode()
    listed = client_for(dr_lee).get(reverse("therapy:couples"))
    assert "Alex" not in page_text(listed)


@pytest.mark.parametrize("read", [seen_on_page, seen_by_api], ids=["page", "api"])
def test_each_look_is_written_to_both_partners_security_logs(alex, sam, couple, dr_lee, read):
    seated(alex, sam, dr_lee, [ShareKind.AGREEMENT])

    read(dr_lee, couple)
    read(dr_lee, couple)

    for partner in (alex, sam):
        assert SecurityEvent.objects.filter(person=partner, kind=LogKind.THERAPIST_VIEWED).count() == 2
    log = page_text(client_for(sam).get(reverse("security:log")))
    assert "Your therapist looked at what you both share with them" in log


def test_a_look_at_nothing_of_theirs_is_written_nowhere(alex, sam, couple, robin, dr_lee):
    casey = robin.memberships.get().couple.partner_of(robin)
    seated(robin, casey, dr_lee)

    response = client_for(dr_lee).get(reverse("therapy:couple", args=[couple.pk]))

    assert response.status_code == 404
    assert not SecurityEvent.objects.filter(kind=LogKind.THERAPIST_VIEWED).exists()
