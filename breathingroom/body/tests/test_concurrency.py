"""Two presses at the same moment, each on its own database connection, as two phones make them."""

from __future__ import annotations

import pytest

from breathingroom.body import checking_in
from breathingroom.body.checking_in import Place
from breathingroom.body.models import CheckIn, Spot
from breathingroom.conftest import at_once, make_couple, make_person
from breathingroom.events.models import Event

pytestmark = pytest.mark.django_db(transaction=True)

CHEST = [Place("chest", "tight", 6), Place("jaw", "tight", 3)]


@pytest.fixture(autouse=True)
def _own_channel_layer(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def test_one_check_in_sent_twice_at_once_is_kept_once():
    alex = make_person("Alex")
    outcomes = at_once(
        lambda: checking_in.record(alex, CHEST, once="tap-1"),
        lambda: checking_in.record(alex, CHEST, once="tap-1"),
    )
    assert all(isinstance(o, CheckIn) for o in outcomes), outcomes
    assert {o.pk for o in outcomes} == {CheckIn.objects.get().pk}
    assert Spot.objects.count() == 2


def test_sharing_twice_at_once_shares_once_and_tells_once():
    alex, sam = make_person("Alex"), make_person("Sam")
    make_couple(alex, sam)
    kept = checking_in.record(alex, CHEST)
    outcomes = at_once(lambda: checking_in.share(alex, kept.pk), lambda: checking_in.share(alex, kept.pk))
    assert all(isinstance(o, CheckIn) for o in outcomes), outcomes
    assert Event.objects.filter(recipient=sam, type="check_in.shared").count() == 1


def test_sharing_and_unsharing_at_once_end_in_one_of_the_two():
    alex, sam = make_person("Alex"), make_person("Sam")
    make_couple(alex, sam)
    kept = checking_in.record(alex, CHEST)
    outcomes = at_once(lambda: checking_in.share(alex, kept.pk), lambda: checking_in.unshare(alex, kept.pk))
    assert all(isinstance(o, CheckIn) for o in outcomes), outcomes
    shared = list(checking_in.shared_with(sam))
    told = list(Event.objects.filter(recipient=sam, type="check_in.shared").order_by("seq"))
    # Whatever the order, Sam's page ends up told the truth: the last word it heard is how things are.
    if shared:
        assert told[-1].data["shared"] is True
    else:
        assert not told or told[-1].data["shared"] is False
