"""Sharing one check-in with the partner: they see it while it is shared, in this couple only, and are told."""

from __future__ import annotations

import uuid

import pytest

from breathingroom.body import checking_in
from breathingroom.body.checking_in import NoSuchCheckIn, Place
from breathingroom.body.models import CheckIn
from breathingroom.conftest import make_couple, make_person
from breathingroom.couples import pairing
from breathingroom.couples.models import NotPaired
from breathingroom.events.models import Event
from breathingroom.notify.notices import PUSHED, notice_for

CHEST = Place("chest", "tight", 7)


def told(person) -> list[dict]:
    return [e.data for e in Event.objects.filter(recipient=person, type="check_in.shared").order_by("seq")]


def test_sharing_lets_the_partner_see_it_and_tells_them(alex, sam, couple):
    kept = checking_in.record(alex, [CHEST], note="for you to know")
    shared = checking_in.share(alex, kept.pk)
    assert shared.shared_in == couple
    assert shared.shared_at is not None
    assert list(checking_in.shared_with(sam)) == [kept]
    assert checking_in.find(sam, kept.pk).note == "for you to know"
    assert told(sam) == [{"check_in": str(kept.pk), "shared": True}]
    assert told(alex) == []  # nobody is told of their own step


def test_sharing_twice_changes_nothing_and_tells_once(alex, sam, couple):
    kept = checking_in.record(alex, [CHEST])
    first = checking_in.share(alex, kept.pk).shared_at
    assert checking_in.share(alex, kept.pk).shared_at == first
    assert len(told(sam)) == 1


def test_unsharing_takes_it_away_and_the_partner_s_page_hears_of_it(alex, sam, couple):
    kept = checking_in.share(alex, checking_in.record(alex, [CHEST]).pk)
    again = checking_in.unshare(alex, kept.pk)
    assert (again.shared_in, again.shared_at) == (None, None)
    assert list(checking_in.shared_with(sam)) == []
    with pytest.raises(NoSuchCheckIn):
        checking_in.find(sam, kept.pk)
    assert told(sam)[-1] == {"check_in": str(kept.pk), "shared": False}
    # Unsharing what is not shared is no news.
    checking_in.unshare(alex, kept.pk)
    assert len(told(sam)) == 2


def test_deleting_a_shared_check_in_takes_it_from_the_partner_too(alex, sam, couple):
    kept = checking_in.share(alex, checking_in.record(alex, [CHEST]).pk)
    checking_in.delete(alex, kept.pk)
    assert list(checking_in.shared_with(sam)) == []
    assert told(sam)[-1] == {"check_in": str(kept.pk), "shared": False}


def test_only_the_author_shares_unshares_or_deletes_even_a_shared_one(alex, sam, couple):
    kept = checking_in.share(alex, checking_in.record(alex, [CHEST]).pk)
    for step in (checking_in.share, checking_in.unshare, checking_in.delete):
        with pytest.raises(NoSuchCheckIn):
            step(sam, kept.pk)
    assert CheckIn.objects.get(pk=kept.pk).shared_in == couple


def test_robin_never_sees_a_shared_one(alex, sam, couple, robin):
    kept = checking_in.share(alex, checking_in.record(alex, [CHEST]).pk)
    with pytest.raises(NoSuchCheckIn):
        checking_in.find(robin, kept.pk)
    assert list(checking_in.shared_with(robin)) == []


def test_without_a_partner_there_is_no_one_to_share_with(jo):
    kept = checking_in.record(jo, [CHEST])
    with pytest.raises(NotPaired) as refused:
        checking_in.share(jo, kept.pk)
    assert str(refused.value) == "There is no partner to share this with yet."
    assert CheckIn.objects.get(pk=kept.pk).shared_in is None


def test_a_check_in_shared_in_an_earlier_couple_is_never_seen_by_a_later_partner(alex, sam, couple):
    kept = checking_in.share(alex, checking_in.record(alex, [CHEST]).pk)
    pairing.leave(alex)
    assert list(checking_in.shared_with(sam)) == []
    kim = make_person("Kim")
    later = make_couple(alex, kim)
    assert list(checking_in.shared_with(kim)) == []
    with pytest.raises(NoSuchCheckIn):
        checking_in.find(kim, kept.pk)
    # To the author it shows as not shared now; sharing it again shares it in the couple of today.
    assert not checking_in.find(alex, kept.pk).is_shared_in(later)
    assert checking_in.share(alex, kept.pk).shared_in == later
    assert list(checking_in.shared_with(kim)) == [kept]


def test_the_notice_names_who_shared_and_never_what(alex, sam, couple):
    assert "check_in.shared" in PUSHED
    kept = checking_in.share(alex, checking_in.record(alex, [CHEST], note="a private note").pk)
    event = Event.objects.get(recipient=sam, type="check_in.shared")
    notice = notice_for(event, sam)
    assert notice is not None
    assert notice.title == "Alex shared what they are sensing"
    assert "private" not in notice.body
    assert "Chest" not in notice.body
    assert notice.url == "/body/"
    assert notice.tag == f"check-in-{kept.pk}"


def test_no_notice_once_it_is_unshared_or_for_an_unsharing(alex, sam, couple):
    kept = checking_in.share(alex, checking_in.record(alex, [CHEST]).pk)
    shared = Event.objects.get(recipient=sam, type="check_in.shared")
    checking_in.unshare(alex, kept.pk)
    assert notice_for(shared, sam) is None
    unshared = Event.objects.filter(recipient=sam, type="check_in.shared").order_by("-seq").first()
    assert notice_for(unshared, sam) is None


@pytest.mark.parametrize("data", [{}, {"shared": True}, {"shared": True, "check_in": "nope"}])
def test_a_notice_for_a_strange_event_is_none(alex, sam, couple, data):
    kept = checking_in.share(alex, checking_in.record(alex, [CHEST]).pk)
    event = Event.objects.get(recipient=sam, type="check_in.shared")
    event.data = data
    assert notice_for(event, sam) is None
    event.data = {"shared": True, "check_in": str(uuid.uuid4())}
    assert notice_for(event, sam) is None
    assert kept.pk
