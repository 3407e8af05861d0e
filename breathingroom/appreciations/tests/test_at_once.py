"""Two taps at the same moment, each on its own database connection, as two quick taps or a retry make them."""

from __future__ import annotations

import pytest

from breathingroom.appreciations import sending
from breathingroom.appreciations.models import Appreciation
from breathingroom.appreciations.tests.conftest import THANKS
from breathingroom.conftest import at_once, make_couple, make_person
from breathingroom.events.models import Event

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _own_channel_layer(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


@pytest.mark.parametrize("key", ["", "tap-1"], ids=["same-words", "same-key"])
def test_two_taps_at_once_send_one_note(key):
    alex, sam = make_person("Alex"), make_person("Sam")
    make_couple(alex, sam)
    outcomes = at_once(
        lambda: sending.send(alex, THANKS, idempotency_key=key),
        lambda: sending.send(alex, THANKS, idempotency_key=key),
    )
    assert all(isinstance(o, Appreciation) for o in outcomes), outcomes
    assert outcomes[0].pk == outcomes[1].pk
    assert Appreciation.objects.count() == 1
    assert Event.objects.filter(recipient=sam, type="appreciation.received").count() == 1
