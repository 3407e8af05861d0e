"""A high check-in slows the ritual down: a breath together or a few more minutes, then checking in again."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from breathingroom.breaks import space
from breathingroom.breaks.describe import describe_ritual
from breathingroom.breaks.models import Break, Reconnection, Step, Taker, minutes
from breathingroom.breaks.reconnecting import (
    BREATH_LEAD,
    BREATH_LENGTH,
    FLOODED,
    MOST_MORE_TIMES,
    BadAnswer,
    NotNow,
    breathe_together,
    check_in,
    go_on,
    more_minutes,
    move_on,
)
from breathingroom.breaks.tests.conftest import REASSURANCE, pass_time, until_reconnecting


@pytest.fixture
def brk(alex, couple) -> Break:
    return until_reconnecting(space.take_space(alex, 30, REASSURANCE))


def reconnection(brk: Break) -> Reconnection:
    return Reconnection.objects.get(brk=brk)


def settling(alex, sam, brk, alex_at: int = FLOODED, sam_at: int = 3) -> None:
    check_in(alex, brk.pk, alex_at)
    check_in(sam, brk.pk, sam_at)


def minutes_over(brk: Break) -> None:
    Reconnection.objects.filter(brk=brk).update(more_until=timezone.now() - minutes(1))


@pytest.mark.parametrize(("alex_at", "sam_at"), [(7, 0), (0, 7), (10, 10), (7, 9)])
def test_a_check_in_of_seven_or_more_from_either_partner_settles_first(alex, sam, brk, alex_at, sam_at):
    settling(alex, sam, brk, alex_at, sam_at)
    assert reconnection(brk).step == Step.SETTLE
    assert reconnection(brk).settling_since is not None


@pytest.mark.parametrize(("alex_at", "sam_at"), [(6, 6), (0, 0), (6, 0)])
def test_below_seven_both_go_straight_to_talking(alex, sam, brk, alex_at, sam_at):
    settling(alex, sam, brk, alex_at, sam_at)
    assert reconnection(brk).step == Step.FIRST_TURN


def test_going_on_without_waiting_from_a_high_check_in_settles_too(alex, sam, brk):
    check_in(alex, brk.pk, 8)
    move_on(alex, brk.pk, Step.CHECK_IN)
    assert reconnection(brk).step == Step.SETTLE


def test_no_tap_moves_past_settling(alex, sam, brk):
    settling(alex, sam, brk)
    move_on(sam, brk.pk, Step.SETTLE)
    assert reconnection(brk).step == Step.SETTLE


def test_talking_starts_once_both_check_in_again_below_seven(alex, sam, brk):
    settling(alex, sam, brk)
    check_in(alex, brk.pk, 5)
    # Sam's check-in was before settling began: it is asked for again.
    assert reconnection(brk).step == Step.SETTLE
    check_in(sam, brk.pk, 3)
    assert reconnection(brk).step == Step.FIRST_TURN


def test_still_high_again_keeps_settling(alex, sam, brk):
    settling(alex, sam, brk)
    check_in(sam, brk.pk, 2)
    check_in(alex, brk.pk, 7)
    assert reconnection(brk).step == Step.SETTLE


def test_talking_starts_when_both_choose_to_go_on_even_if_still_high(alex, sam, brk):
    settling(alex, sam, brk, 9, 8)
    go_on(alex, brk.pk)
    assert reconnection(brk).step == Step.SETTLE
    go_on(sam, brk.pk)
    assert reconnection(brk).step == Step.FIRST_TURN


def test_the_calm_partner_choosing_to_go_on_does_not_hurry_the_one_still_stirred(alex, sam, brk):
    settling(alex, sam, brk, 9, 2)
    go_on(sam, brk.pk)
    check_in(sam, brk.pk, 1)
    assert reconnection(brk).step == Step.SETTLE
    go_on(alex, brk.pk)
    assert reconnection(brk).step == Step.FIRST_TURN


def test_going_on_needs_a_check_in_first(alex, sam, brk):
    check_in(alex, brk.pk, 9)
    move_on(alex, brk.pk, Step.CHECK_IN)
    with pytest.raises(NotNow):
        go_on(sam, brk.pk)


def test_a_breath_together_starts_a_moment_ahead_on_the_servers_clock_once(alex, sam, brk):
    settling(alex, sam, brk)
    before = timezone.now()
    first = breathe_together(alex, brk.pk).breath_at
    assert first is not None
    assert before + BREATH_LEAD <= first <= timezone.now() + BREATH_LEAD
    # Both pressing: one breath.
    assert breathe_together(sam, brk.pk).breath_at == first
    seen = describe_ritual(brk, reconnection(brk), sam)
    assert (seen.breath_at, seen.breath_ends_at) == (first, first + BREATH_LENGTH)


def test_after_the_breath_each_checks_in_again(alex, sam, brk):
    settling(alex, sam, brk)
    check_in(sam, brk.pk, 2)
    breathe_together(alex, brk.pk)
    check_in(alex, brk.pk, 4)
    assert reconnection(brk).step == Step.SETTLE
    check_in(sam, brk.pk, 2)
    assert reconnection(brk).step == Step.FIRST_TURN


def test_the_breath_is_only_for_settling(alex, sam, brk):
    settling(alex, sam, brk, 2, 2)
    with pytest.raises(NotNow):
        breathe_together(alex, brk.pk)


def test_a_few_more_minutes_are_bounded_and_the_ritual_waits_for_them(alex, sam, brk, events, committed):
    settling(alex, sam, brk)
    before = timezone.now()
    committed(more_minutes, sam, brk.pk, 5)
    until = reconnection(brk).more_until
    assert before + minutes(5) <= until <= timezone.now() + minutes(5)
    for person in (alex, sam):
        told = events.last(person, "reconnection.more_time")
        assert (told["break"], told["minutes"], told["step"]) == (str(brk.id), 5, Step.SETTLE)
        assert abs(datetime.fromisoformat(told["until"]) - until) < timedelta(milliseconds=1)
    for step in (lambda: check_in(alex, brk.pk, 2), lambda: go_on(alex, brk.pk)):
        with pytest.raises(NotNow, match="few minutes"):
            step()
    minutes_over(brk)
    check_in(alex, brk.pk, 2)
    check_in(sam, brk.pk, 2)
    assert reconnection(brk).step == Step.FIRST_TURN


@pytest.mark.parametrize("n", [0, 1, 4, 6, 15, 60])
def test_a_few_more_minutes_are_five_or_ten(alex, sam, brk, n):
    settling(alex, sam, brk)
    with pytest.raises(BadAnswer):
        more_minutes(alex, brk.pk, n)
    assert reconnection(brk).more_until is None


def test_at_most_a_few_times(alex, sam, brk):
    settling(alex, sam, brk)
    for _ in range(MOST_MORE_TIMES):
        more_minutes(alex, brk.pk, 10)
        minutes_over(brk)
    with pytest.raises(NotNow):
        more_minutes(sam, brk.pk, 5)
    assert reconnection(brk).more_times == MOST_MORE_TIMES
    assert describe_ritual(brk, reconnection(brk), alex).may_ask_more is False


def test_minutes_asked_while_others_run_add_to_them(alex, sam, brk):
    settling(alex, sam, brk)
    first = more_minutes(alex, brk.pk, 5).more_until
    assert more_minutes(sam, brk.pk, 10).more_until == first + minutes(10)


def test_nobody_is_named_as_stirred_up_unless_they_shared_it(alex, sam, brk):
    check_in(alex, brk.pk, 8, shared=False)
    check_in(sam, brk.pk, 2)
    sam_sees, alex_sees = (describe_ritual(brk, reconnection(brk), p) for p in (sam, alex))
    assert (sam_sees.flooded, sam_sees.partner_flooded, sam_sees.partner_strength) == (True, False, None)
    assert (alex_sees.flooded, alex_sees.i_am_flooded) == (True, True)
    check_in_shared = reconnection(brk).check_ins.get(person=alex)
    check_in_shared.shared = True
    check_in_shared.save()
    assert describe_ritual(brk, reconnection(brk), sam).partner_flooded is True


# --- Late, from the late notice ----------------------------------------------------------------------


def test_someone_late_may_ask_for_a_few_more_minutes_and_both_are_told(alex, sam, brk, events, committed):
    brk = pass_time(brk, 10)
    assert brk.is_overdue()
    committed(more_minutes, alex, brk.pk, 10)
    for person in (alex, sam):
        assert events.last(person, "reconnection.more_time")["minutes"] == 10
    assert Taker.objects.get().back_at is None  # still not back: only saying when


def test_only_someone_not_back_yet_asks_for_minutes_before_the_check_in(alex, sam, brk):
    with pytest.raises(NotNow):
        more_minutes(sam, brk.pk, 5)  # waited; nothing to be late for
    check_in(alex, brk.pk, 3)
    with pytest.raises(NotNow):
        more_minutes(alex, brk.pk, 5)  # back already


def test_being_late_counts_toward_the_same_bound(alex, sam, brk):
    for _ in range(MOST_MORE_TIMES):
        more_minutes(alex, brk.pk, 5)
    with pytest.raises(NotNow):
        more_minutes(alex, brk.pk, 5)
