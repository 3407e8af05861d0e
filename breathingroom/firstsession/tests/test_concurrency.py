"""Both phones pressing at the same moment, each on its own database connection."""

from __future__ import annotations

import pytest

from breathingroom.conftest import at_once, make_couple, make_person
from breathingroom.firstsession import together
from breathingroom.firstsession.models import FirstSession, Step
from breathingroom.firstsession.tests.conftest import told, until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _own_channel_layer(settings):
    # Events still go out after each commit, to a layer no other test run shares.
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def _couple():
    alex, sam = make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York")
    make_couple(alex, sam)
    return alex, sam


def test_both_starting_at_once_make_one_session():
    alex, sam = _couple()
    outcomes = at_once(lambda: together.start(alex), lambda: together.start(sam))
    assert all(isinstance(o, FirstSession) for o in outcomes), outcomes
    assert outcomes[0].pk == outcomes[1].pk
    assert FirstSession.objects.count() == 1
    assert len(told(alex)) == 1


@pytest.mark.parametrize("attempt", range(3))
def test_both_ready_at_once_move_exactly_one_screen(attempt):
    alex, sam = _couple()
    session = together.start(alex)
    outcomes = at_once(
        lambda: together.ready(alex, session.pk, Step.DANCE),
        lambda: together.ready(sam, session.pk, Step.DANCE),
    )
    assert all(isinstance(o, FirstSession) for o in outcomes), outcomes
    session.refresh_from_db()
    assert session.step == Step.LOOP


def test_a_double_tap_with_the_partner_ready_moves_one_screen():
    alex, sam = _couple()
    session = together.start(alex)
    together.ready(sam, session.pk, Step.DANCE)
    outcomes = at_once(
        lambda: together.ready(alex, session.pk, Step.DANCE),
        lambda: together.ready(alex, session.pk, Step.DANCE),
    )
    assert all(isinstance(o, FirstSession) for o in outcomes), outcomes
    session.refresh_from_db()
    assert session.step == Step.LOOP


def test_both_choosing_at_once_both_count_and_both_see_both():
    alex, sam = _couple()
    session = until(alex, sam, Step.SIDES)
    outcomes = at_once(
        lambda: together.choose_side(alex, session.pk, "reach"),
        lambda: together.choose_side(sam, session.pk, "step_back"),
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert sorted(session.readers.values_list("side", flat=True)) == ["reach", "step_back"]


def test_put_aside_and_ready_at_once_leave_it_aside_on_its_screen():
    alex, sam = _couple()
    session = together.start(alex)
    together.ready(alex, session.pk, Step.DANCE)
    at_once(lambda: together.skip(alex, session.pk), lambda: together.ready(sam, session.pk, Step.DANCE))
    session.refresh_from_db()
    assert session.skipped_at is not None
    # Whichever came first, the session is in one piece: on the first or the second screen.
    assert session.step in (Step.DANCE, Step.LOOP)
