from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from breathingroom.agreements.models import Reconnect
from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.models import (
    Break,
    CheckIn,
    NextTry,
    Preparation,
    Reconnection,
    Repair,
    Step,
    Taker,
    Timing,
)
from breathingroom.breaks.reconnecting import (
    AlreadyRecorded,
    BadAnswer,
    NotYet,
    Replaced,
    check_in,
    come_back,
    heard,
    move_on,
    name_next_try,
    record_outcome,
    said_back,
)
from breathingroom.breaks.tests.conftest import REASSURANCE, agree, until_reconnecting


@pytest.fixture
def brk(alex, couple) -> Break:
    """Alex's thirty minutes, just over: time to reconnect."""
    return until_reconnecting(space.take_space(alex, 30, REASSURANCE))


def step_of(brk: Break) -> str:
    return Reconnection.objects.get(brk=brk).step


def both_check_in(alex, sam, brk) -> None:
    check_in(alex, brk.pk, 4)
    check_in(sam, brk.pk, 6)


def turn_heard(speaker, listener, brk, turn) -> None:
    said_back(listener, brk.pk, turn)
    heard(speaker, brk.pk, turn, yes=True)


def at_try(alex, sam, brk) -> None:
    both_check_in(alex, sam, brk)
    turn_heard(sam, alex, brk, Step.FIRST_TURN)
    turn_heard(alex, sam, brk, Step.SECOND_TURN)


# --- Not before the time -------------------------------------------------------------------------


def test_nothing_of_the_reconnection_happens_while_the_break_is_on(alex, sam, couple):
    brk = space.take_space(alex, 30, REASSURANCE)
    for step in (
        lambda: come_back(alex, brk.pk),
        lambda: check_in(sam, brk.pk, 3),
        lambda: move_on(sam, brk.pk, Step.CHECK_IN),
        lambda: name_next_try(sam, brk.pk, "Breathe first"),
        lambda: record_outcome(sam, brk.pk, Timing.ON_TIME, Repair.REPAIRED),
    ):
        with pytest.raises(NotYet):
            step()
    assert not Reconnection.objects.exists()


def test_the_reconnection_opens_at_the_time_and_starts_with_checking_in(sam, brk):
    reconnection = come_back(sam, brk.pk)
    assert reconnection.step == Step.CHECK_IN
    assert reconnection.started_at == brk.returns_at
    assert not reconnection.outcomes.exists()


def test_an_early_end_opens_it_at_once(alex, couple):
    brk = space.take_space(alex, 30, REASSURANCE)
    ended = space.ready_to_talk(alex, brk.pk)
    reconnection = come_back(alex, brk.pk)
    assert reconnection.started_at == ended.ended_early_at


def test_the_partner_who_waited_speaks_first(alex, sam, brk):
    assert come_back(alex, brk.pk).first_speaker == sam


def test_when_both_took_space_the_one_who_stepped_away_second_speaks_first(alex, sam, couple):
    brk = space.take_space(sam, 30, REASSURANCE)
    space.take_space(alex, 30, "Me too")
    brk = until_reconnecting(Break.objects.get(pk=brk.pk))
    assert come_back(sam, brk.pk).first_speaker == alex


def test_an_outsider_cannot_reach_the_reconnection(robin, brk):
    with pytest.raises(space.NoSuchBreak):
        check_in(robin, brk.pk, 3)
    with pytest.raises(space.NoSuchBreak):
        record_outcome(robin, brk.pk, Timing.ON_TIME, Repair.REPAIRED)
    assert not Reconnection.objects.exists()


def test_both_hear_each_step_and_the_outsider_does_not(alex, sam, robin, events, committed):
    brk = until_reconnecting(committed(space.take_space, alex, 30, REASSURANCE))
    committed(check_in, alex, brk.pk, 4)
    committed(check_in, sam, brk.pk, 6)
    for person in (alex, sam):
        assert events.last(person, "reconnection.updated") == {"break": str(brk.id), "step": Step.FIRST_TURN}
    assert events.of(robin) == []


# --- Checking in --------------------------------------------------------------------------------


@pytest.mark.parametrize("strength", [0, 10])
def test_a_check_in_is_from_zero_to_ten(sam, brk, strength):
    assert check_in(sam, brk.pk, strength).strength == strength


@pytest.mark.parametrize("strength", [-1, 11, 100])
def test_a_check_in_outside_zero_to_ten_is_refused(sam, brk, strength):
    with pytest.raises(BadAnswer, match="from 0"):
        check_in(sam, brk.pk, strength)
    assert not CheckIn.objects.exists()


@hsettings(max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(strength=st.integers(min_value=-50, max_value=50))
def test_any_check_in_is_kept_exactly_when_it_is_on_the_scale(sam, brk, strength):
    with transaction.atomic():
        if 0 <= strength <= 10:
            assert check_in(sam, brk.pk, strength).strength == strength
        else:
            with pytest.raises(BadAnswer):
                check_in(sam, brk.pk, strength)
            assert not CheckIn.objects.exists()
        transaction.set_rollback(True)


def test_a_check_in_is_private_unless_shared(alex, sam, brk):
    assert check_in(sam, brk.pk, 7).shared is False
    assert check_in(alex, brk.pk, 3, shared=True).shared is True


def test_checking_in_again_changes_ones_answer(sam, brk):
    check_in(sam, brk.pk, 8)
    check_in(sam, brk.pk, 5, shared=True)
    check = CheckIn.objects.get()
    assert (check.person, check.strength, check.shared) == (sam, 5, True)


def test_the_turns_begin_once_both_have_checked_in(alex, sam, brk):
    check_in(alex, brk.pk, 4)
    assert step_of(brk) == Step.CHECK_IN
    check_in(alex, brk.pk, 3)
    assert step_of(brk) == Step.CHECK_IN
    check_in(sam, brk.pk, 6)
    assert step_of(brk) == Step.FIRST_TURN


def test_couples_who_reconnect_their_own_way_go_to_it_after_checking_in(alex, sam, couple):
    agree(alex, sam, reconnect=Reconnect.OWN, own_way="A walk around the block")
    brk = until_reconnecting(space.take_space(alex, 30, REASSURANCE))
    both_check_in(alex, sam, brk)
    assert step_of(brk) == Step.OWN_WAY
    move_on(sam, brk.pk, Step.OWN_WAY)
    assert step_of(brk) == Step.TRY


# --- Moving on ------------------------------------------------------------------------------------


def test_the_ritual_goes_turn_by_turn(alex, sam, brk):
    both_check_in(alex, sam, brk)
    turn_heard(sam, alex, brk, Step.FIRST_TURN)
    assert step_of(brk) == Step.SECOND_TURN
    turn_heard(alex, sam, brk, Step.SECOND_TURN)
    assert step_of(brk) == Step.TRY
    assert move_on(alex, brk.pk, Step.TRY).step == Step.OUTCOME
    # Only recording the outcome finishes it.
    assert move_on(alex, brk.pk, Step.OUTCOME).step == Step.OUTCOME


def test_a_double_tap_moves_one_step(alex, sam, brk):
    at_try(alex, sam, brk)
    move_on(sam, brk.pk, Step.TRY)
    move_on(sam, brk.pk, Step.TRY)
    assert step_of(brk) == Step.OUTCOME


def test_both_pressing_next_moves_one_step(alex, sam, brk):
    at_try(alex, sam, brk)
    move_on(sam, brk.pk, Step.TRY)
    move_on(alex, brk.pk, Step.TRY)
    assert step_of(brk) == Step.OUTCOME


def test_moving_on_from_the_check_in_skips_a_partner_who_does_not_want_to(alex, sam, brk):
    check_in(sam, brk.pk, 6)
    move_on(sam, brk.pk, Step.CHECK_IN)
    assert step_of(brk) == Step.FIRST_TURN


def test_moving_the_ritual_on_counts_as_being_back(alex, sam, brk):
    come_back(sam, brk.pk)
    assert Taker.objects.get().back_at is None
    move_on(alex, brk.pk, Step.CHECK_IN)
    assert Taker.objects.get().back_at is not None


# --- One thing to try ------------------------------------------------------------------------------


def test_each_names_one_thing_and_then_it_is_time_for_the_outcome(alex, sam, brk):
    at_try(alex, sam, brk)
    item = name_next_try(alex, brk.pk, "  Say I'm flooded before I walk away  ")
    assert item.text == "Say I'm flooded before I walk away"
    assert step_of(brk) == Step.TRY
    name_next_try(sam, brk.pk, "Trust the time you chose")
    assert step_of(brk) == Step.OUTCOME
    assert NextTry.objects.count() == 2


def test_naming_again_changes_ones_one_thing(alex, sam, brk):
    at_try(alex, sam, brk)
    name_next_try(alex, brk.pk, "First idea")
    name_next_try(alex, brk.pk, "Better idea")
    assert [t.text for t in NextTry.objects.all()] == ["Better idea"]
    assert step_of(brk) == Step.TRY


@pytest.mark.parametrize(("text", "message"), [("", "one small thing"), ("   ", "one small thing"), ("x" * 201, "200")])
def test_one_thing_to_try_is_a_few_words(alex, sam, brk, text, message):
    at_try(alex, sam, brk)
    with pytest.raises(BadAnswer, match=message):
        name_next_try(alex, brk.pk, text)
    assert not NextTry.objects.exists()
    assert name_next_try(alex, brk.pk, "x" * 200).text == "x" * 200


# --- The outcome: each partner's own view, in test_outcomes.py -------------------------------------


def test_after_both_views_the_ritual_is_done(alex, sam, brk):
    record_outcome(sam, brk.pk, Timing.ON_TIME, Repair.REPAIRED)
    record_outcome(alex, brk.pk, Timing.ON_TIME, Repair.PARTLY)
    for step in (
        lambda: come_back(alex, brk.pk),
        lambda: check_in(alex, brk.pk, 2),
        lambda: move_on(alex, brk.pk, Step.DONE),
        lambda: name_next_try(alex, brk.pk, "Later"),
        lambda: reconnecting.prepare(alex, brk.pk, "", "", "Later"),
    ):
        with pytest.raises(AlreadyRecorded):
            step()


def test_a_recorded_reconnection_can_still_be_read(alex, sam, brk):
    recorded = record_outcome(sam, brk.pk, Timing.LATE, Repair.PARTLY)
    record_outcome(alex, brk.pk, Timing.LATE, Repair.REPAIRED)
    read_brk, read = reconnecting.reconnection_for(alex, brk.pk)
    assert read_brk.pk == brk.pk
    assert (read.pk, read.step) == (recorded.pk, Step.DONE)
    assert [(o.person, o.repair) for o in read.outcomes.all()] == [(sam, Repair.PARTLY), (alex, Repair.REPAIRED)]


def test_a_break_replaced_before_anyone_reconnected_has_nothing_left_to_record(alex, sam, brk):
    space.take_space(sam, 30, REASSURANCE)
    with pytest.raises(Replaced):
        record_outcome(alex, brk.pk, Timing.ON_TIME, Repair.REPAIRED)
    with pytest.raises(Replaced):
        reconnecting.reconnection_for(alex, brk.pk)


def test_a_reconnection_left_halfway_closes_when_a_new_break_replaces_it(alex, sam, brk):
    check_in(alex, brk.pk, 4)
    space.take_space(sam, 30, REASSURANCE)
    for step in (
        lambda: check_in(sam, brk.pk, 6),
        lambda: move_on(alex, brk.pk, Step.CHECK_IN),
        lambda: record_outcome(alex, brk.pk, Timing.ON_TIME, Repair.REPAIRED),
    ):
        with pytest.raises(Replaced):
            step()
    assert not Reconnection.objects.get(brk=brk).outcomes.exists()


# --- Private notes before one's turn -----------------------------------------------------------------


@pytest.mark.parametrize("when", ["on the break", "reconnecting"])
def test_either_partner_may_prepare_their_turn_at_any_point(alex, sam, couple, when):
    brk = space.take_space(alex, 30, REASSURANCE)
    if when == "reconnecting":
        brk = until_reconnecting(brk)
    mine = reconnecting.prepare(sam, brk.pk, "  Left behind  ", "To hear you're coming back", "I pushed")
    assert (mine.person, mine.felt, mine.need, mine.my_part) == (
        sam,
        "Left behind",
        "To hear you're coming back",
        "I pushed",
    )
    reconnecting.prepare(alex, brk.pk, "Flooded", "Quiet", "I raised my voice")
    assert Preparation.objects.filter(brk=brk).count() == 2


def test_preparing_again_replaces_ones_notes(sam, brk):
    reconnecting.prepare(sam, brk.pk, "First", "", "")
    reconnecting.prepare(sam, brk.pk, "Second", "", "")
    assert [p.felt for p in Preparation.objects.all()] == ["Second"]


def test_notes_are_at_most_a_thousand_characters_each(sam, brk):
    with pytest.raises(BadAnswer, match="1000"):
        reconnecting.prepare(sam, brk.pk, "", "x" * 1001, "")
    assert not Preparation.objects.exists()
    assert reconnecting.prepare(sam, brk.pk, "x" * 1000, "x" * 1000, "x" * 1000).need == "x" * 1000


def test_preparing_tells_no_one(alex, sam, robin, events, committed):
    brk = committed(space.take_space, alex, 30, REASSURANCE)
    seen = len(events.of(alex))
    committed(reconnecting.prepare, sam, brk.pk, "Scared", "You", "Me")
    assert events.of(alex)[seen:] == []


def test_an_outsider_cannot_prepare_on_someone_elses_break(robin, brk):
    with pytest.raises(space.NoSuchBreak):
        reconnecting.prepare(robin, brk.pk, "x", "y", "z")


def test_reconnection_of_is_begun_once(alex, sam, brk):
    first = reconnecting.reconnection_of(brk)
    assert reconnecting.reconnection_of(Break.objects.get(pk=brk.pk)) == first
    assert Reconnection.objects.count() == 1
