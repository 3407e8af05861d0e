"""A turn changes only when both say so: the listener said back what they heard, and the speaker felt heard."""

from __future__ import annotations

import pytest

from breathingroom.breaks import space
from breathingroom.breaks.describe import describe_ritual
from breathingroom.breaks.models import Break, Reconnection, Step
from breathingroom.breaks.reconnecting import NotNow, check_in, heard, move_on, said_back
from breathingroom.breaks.tests.conftest import REASSURANCE, until_reconnecting


@pytest.fixture
def brk(alex, sam, couple) -> Break:
    """Alex took space, so Sam, who waited, speaks first."""
    brk = until_reconnecting(space.take_space(alex, 30, REASSURANCE))
    check_in(alex, brk.pk, 3)
    check_in(sam, brk.pk, 3)
    return brk


def step_of(brk: Break) -> str:
    return Reconnection.objects.get(brk=brk).step


def test_a_turn_ends_when_the_listener_said_it_back_and_the_speaker_felt_heard(alex, sam, brk):
    said_back(alex, brk.pk, Step.FIRST_TURN)
    assert step_of(brk) == Step.FIRST_TURN
    heard(sam, brk.pk, Step.FIRST_TURN, yes=True)
    assert step_of(brk) == Step.SECOND_TURN
    said_back(sam, brk.pk, Step.SECOND_TURN)
    heard(alex, brk.pk, Step.SECOND_TURN, yes=True)
    assert step_of(brk) == Step.TRY


def test_next_alone_does_not_end_a_turn(alex, sam, brk):
    for person in (alex, sam):
        with pytest.raises(NotNow):
            move_on(person, brk.pk, Step.FIRST_TURN)
    assert step_of(brk) == Step.FIRST_TURN


def test_not_quite_lets_the_listener_try_again(alex, sam, brk):
    said_back(alex, brk.pk, Step.FIRST_TURN)
    heard(sam, brk.pk, Step.FIRST_TURN, yes=False)
    seen = describe_ritual(brk, Reconnection.objects.get(brk=brk), alex)
    assert (seen.step, seen.said_back, seen.not_quite) == (Step.FIRST_TURN, False, True)
    with pytest.raises(NotNow):
        heard(sam, brk.pk, Step.FIRST_TURN, yes=True)  # nothing said back since
    said_back(alex, brk.pk, Step.FIRST_TURN)
    heard(sam, brk.pk, Step.FIRST_TURN, yes=True)
    assert step_of(brk) == Step.SECOND_TURN


def test_only_the_listener_says_back_and_only_the_speaker_answers(alex, sam, brk):
    with pytest.raises(NotNow):
        said_back(sam, brk.pk, Step.FIRST_TURN)
    said_back(alex, brk.pk, Step.FIRST_TURN)
    with pytest.raises(NotNow):
        heard(alex, brk.pk, Step.FIRST_TURN, yes=True)
    assert step_of(brk) == Step.FIRST_TURN


def test_a_double_tap_on_yes_moves_one_turn(alex, sam, brk):
    said_back(alex, brk.pk, Step.FIRST_TURN)
    heard(sam, brk.pk, Step.FIRST_TURN, yes=True)
    heard(sam, brk.pk, Step.FIRST_TURN, yes=True)
    said_back(alex, brk.pk, Step.FIRST_TURN)
    assert step_of(brk) == Step.SECOND_TURN
    assert Reconnection.objects.get(brk=brk).said_back_at is None


def test_both_pages_hear_each_confirmation(alex, sam, brk, events, committed):
    committed(said_back, alex, brk.pk, Step.FIRST_TURN)
    for person in (alex, sam):
        assert events.last(person, "reconnection.updated")["step"] == Step.FIRST_TURN
    committed(heard, sam, brk.pk, Step.FIRST_TURN, True)
    for person in (alex, sam):
        assert events.last(person, "reconnection.updated")["step"] == Step.SECOND_TURN
