from __future__ import annotations

import uuid

import pytest
from django.utils import timezone

from breathingroom.breaks import space
from breathingroom.breaks.models import Break, Extension, Phase, minutes
from breathingroom.breaks.tests.conftest import REASSURANCE, agree, pass_time, until_reconnecting
from breathingroom.couples.models import NotPaired

MORE = "I need a little longer. I'm still coming back."


@pytest.fixture
def brk(alex, couple) -> Break:
    return space.take_space(alex, 30, REASSURANCE)


# --- Extending ---------------------------------------------------------------------------------


def test_extending_adds_time_and_replaces_the_reassurance(alex, brk):
    extended = space.extend(alex, brk.pk, 15, f"  {MORE}  ")

    extended = Break.objects.get(pk=brk.pk)
    assert extended.returns_at == brk.returns_at + minutes(15)
    assert extended.started_at == brk.started_at
    assert extended.extensions_used == 1
    assert extended.is_on()
    assert extended.takers.get().reassurance == MORE
    [extension] = Extension.objects.filter(brk=brk)
    assert (extension.person, extension.minutes, extension.reassurance) == (alex, 15, MORE)


def test_the_partner_hears_of_the_extension_and_the_new_words(alex, sam, robin, events, committed):
    brk = committed(space.take_space, alex, 30, REASSURANCE)
    committed(space.extend, alex, brk.pk, 15, MORE)
    told = events.last(sam, "break.extended")
    assert (told["minutes"], told["by"]) == (15, "Alex")
    assert told["takers"][0]["reassurance"] == MORE
    assert told["returns_at"] == (brk.returns_at + minutes(15)).isoformat()
    assert events.of(robin) == []


def test_the_waiting_partner_cannot_extend(sam, brk):
    with pytest.raises(space.NotOnBreak):
        space.extend(sam, brk.pk, 15, MORE)
    assert Break.objects.get(pk=brk.pk).returns_at == brk.returns_at
    assert not Extension.objects.exists()


def test_by_default_a_break_is_extended_once(alex, brk):
    space.extend(alex, brk.pk, 15, MORE)
    with pytest.raises(space.NoMoreExtensions) as refused:
        space.extend(alex, brk.pk, 15, MORE)
    assert "allows 1 extension" in str(refused.value.message)
    assert Break.objects.get(pk=brk.pk).returns_at == brk.returns_at + minutes(15)
    assert Extension.objects.count() == 1


def test_the_agreement_sets_how_many_extensions(alex, sam, couple):
    agree(sam, alex, extensions=3)
    brk = space.take_space(alex, 30, REASSURANCE)
    for _ in range(3):
        space.extend(alex, brk.pk, 10, MORE)
    with pytest.raises(space.NoMoreExtensions, match="allows 3 extension"):
        space.extend(alex, brk.pk, 10, MORE)
    assert Break.objects.get(pk=brk.pk).extensions_used == 3


def test_an_agreement_without_extensions_says_it_is_time_to_come_back(alex, sam, couple):
    agree(sam, alex, extensions=0)
    brk = space.take_space(alex, 30, REASSURANCE)
    with pytest.raises(space.NoMoreExtensions, match="time to come back"):
        space.extend(alex, brk.pk, 10, MORE)


def test_extensions_are_counted_per_break_not_per_person(alex, sam, couple):
    brk = space.take_space(alex, 30, REASSURANCE)
    space.take_space(sam, 30, "Me too")
    space.extend(alex, brk.pk, 10, MORE)
    with pytest.raises(space.NoMoreExtensions):
        space.extend(sam, brk.pk, 10, MORE)


def test_an_extension_stays_within_the_longest_break(alex, couple):
    brk = space.take_space(alex, 1400, REASSURANCE)
    with pytest.raises(space.BadLength) as refused:
        space.extend(alex, brk.pk, 41, MORE)
    assert "longest break is 24 hours" in str(refused.value.message)
    assert "from 10 minutes to 40 minutes" in str(refused.value.message)
    assert Break.objects.get(pk=brk.pk).extensions_used == 0

    space.extend(alex, brk.pk, 40, MORE)
    assert Break.objects.get(pk=brk.pk).length_minutes() == 1440


def test_a_break_already_near_its_longest_cannot_be_extended(alex, couple):
    brk = space.take_space(alex, 1435, REASSURANCE)
    with pytest.raises(space.BadLength, match=r"close to the longest your agreement allows \(24 hours\)"):
        space.extend(alex, brk.pk, 10, MORE)


def test_the_agreements_longest_break_limits_extensions(alex, sam, couple):
    agree(sam, alex, longest=60, presets=(20, 30, 60))
    brk = space.take_space(alex, 45, REASSURANCE)
    with pytest.raises(space.BadLength, match="longest break is 1 hour"):
        space.extend(alex, brk.pk, 20, MORE)
    space.extend(alex, brk.pk, 15, MORE)


@pytest.mark.parametrize("n", [9, 0, -10])
def test_an_extension_is_at_least_ten_minutes(alex, brk, n):
    with pytest.raises(space.BadLength, match="from 10 minutes to"):
        space.extend(alex, brk.pk, n, MORE)
    assert Break.objects.get(pk=brk.pk).returns_at == brk.returns_at
    space.extend(alex, brk.pk, 10, MORE)


@pytest.mark.parametrize("text", ["", "  ", "x" * 281])
def test_an_extension_needs_a_new_reassurance(alex, brk, text):
    with pytest.raises(space.BadReassurance):
        space.extend(alex, brk.pk, 15, text)
    assert Break.objects.get(pk=brk.pk).takers.get().reassurance == REASSURANCE


def test_a_break_that_ended_early_cannot_be_extended(alex, brk):
    space.ready_to_talk(alex, brk.pk)
    with pytest.raises(space.BreakOver):
        space.extend(alex, brk.pk, 15, MORE)


def test_a_break_whose_time_has_passed_cannot_be_extended(alex, brk):
    until_reconnecting(brk)
    with pytest.raises(space.BreakOver):
        space.extend(alex, brk.pk, 15, MORE)


def test_an_outsider_cannot_reach_a_break(alex, brk, robin):
    for step in (
        lambda: space.extend(robin, brk.pk, 15, MORE),
        lambda: space.ready_to_talk(robin, brk.pk),
        lambda: space.send_thinking_of_you(robin, brk.pk),
    ):
        with pytest.raises(space.NoSuchBreak):
            step()
    assert Break.objects.get(pk=brk.pk).returns_at == brk.returns_at
    assert Break.objects.get(pk=brk.pk).ended_early_at is None


def test_a_break_that_does_not_exist(alex, brk):
    with pytest.raises(space.NoSuchBreak):
        space.extend(alex, uuid.uuid4(), 15, MORE)
    with pytest.raises(space.NoSuchBreak):
        space.ready_to_talk(alex, str(uuid.uuid4()))


def test_someone_without_a_partner_reaches_no_break(brk, jo):
    with pytest.raises(NotPaired):
        space.extend(jo, brk.pk, 15, MORE)


# --- Ready to talk ------------------------------------------------------------------------------


def test_ready_to_talk_ends_a_break_with_one_partner_on_it_now(alex, brk):
    before = timezone.now()
    ended = space.ready_to_talk(alex, brk.pk)

    ended = Break.objects.get(pk=brk.pk)
    assert ended.ended_early_at is not None
    assert ended.ended_early_at >= before
    assert ended.reconnect_at == ended.ended_early_at
    assert ended.returns_at == brk.returns_at
    assert ended.phase() == Phase.RECONNECTING
    assert ended.closed_at is None
    taker = ended.takers.get()
    assert taker.ready_at == taker.back_at == ended.ended_early_at


def test_both_hear_the_break_ended_early(alex, sam, robin, events, committed):
    brk = committed(space.take_space, alex, 30, REASSURANCE)
    committed(space.ready_to_talk, alex, brk.pk)
    for person in (alex, sam):
        told = events.last(person, "break.ended")
        assert (told["early"], told["by"]) == (True, "Alex")
    assert events.of(robin) == []


def test_with_both_on_the_break_it_ends_only_when_both_are_ready(alex, sam, couple):
    brk = space.take_space(alex, 30, REASSURANCE)
    space.take_space(sam, 30, "Me too")

    halfway = space.ready_to_talk(alex, brk.pk)
    assert halfway.ended_early_at is None
    assert halfway.is_on()
    assert halfway.taker(alex).ready_at is not None
    assert halfway.taker(sam).ready_at is None

    ended = space.ready_to_talk(sam, brk.pk)
    assert ended.ended_early_at is not None
    assert ended.phase() == Phase.RECONNECTING


def test_saying_ready_twice_while_the_partner_is_still_away_changes_nothing(alex, sam, couple):
    brk = space.take_space(alex, 30, REASSURANCE)
    space.take_space(sam, 30, "Me too")
    first = space.ready_to_talk(alex, brk.pk).taker(alex).ready_at
    again = space.ready_to_talk(alex, brk.pk)
    assert again.taker(alex).ready_at == first
    assert again.ended_early_at is None


def test_the_waiting_partner_cannot_end_the_break(sam, brk):
    with pytest.raises(space.NotOnBreak):
        space.ready_to_talk(sam, brk.pk)
    assert Break.objects.get(pk=brk.pk).is_on()


@pytest.mark.parametrize("how", ["ended early", "time passed"])
def test_a_finished_break_cannot_be_ended_again(alex, brk, how):
    if how == "ended early":
        space.ready_to_talk(alex, brk.pk)
    else:
        until_reconnecting(brk)
    with pytest.raises(space.BreakOver, match="already over"):
        space.ready_to_talk(alex, brk.pk)


def test_a_break_is_on_until_its_time_and_no_longer(alex, brk):
    assert brk.is_on(brk.returns_at - minutes(1) / 60)
    assert not brk.is_on(brk.returns_at)
    moved = pass_time(brk, 29)
    assert moved.is_on()
    assert not pass_time(moved, 1).is_on()
