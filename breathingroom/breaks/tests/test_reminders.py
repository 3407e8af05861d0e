"""Calling both back at the time, and saying so when someone is late.

The tasks' own steps run directly; what counts as late or overdue is tested here beside them.
"""

from __future__ import annotations

import time
import uuid
from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.models import OVERDUE_AFTER, Break, Repair, Taker, Timing, minutes
from breathingroom.breaks.reconnecting import check_in, come_back, record_outcome, suggested_timing
from breathingroom.breaks.reminders import call_back, say_overdue
from breathingroom.breaks.tests.conftest import REASSURANCE, pass_time, until_reconnecting
from breathingroom.couples import pairing
from breathingroom.events.kept_pages import forgets_kept_pages


def enqueued(task) -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=task.module_path).order_by("run_after", "enqueued_at"))


def run(row: DBTaskResult) -> bool:
    """What the worker does with a row once its time comes."""
    return row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])


@pytest.fixture
def brk(alex, events, committed) -> Break:
    return committed(space.take_space, alex, 30, REASSURANCE)


def test_a_break_enqueues_its_call_back_and_its_overdue_check_in_its_own_transaction(
    alex, couple, events, django_capture_on_commit_callbacks
):
    # No hook after the commit is needed, so none can fail and leave a saved break without its call.
    with django_capture_on_commit_callbacks() as callbacks:
        brk = space.take_space(alex, 30, REASSURANCE)
    assert [c.__qualname__ for c in callbacks if not forgets_kept_pages(c)] == ["publish.<locals>.<lambda>"]

    [due] = enqueued(call_back)
    [overdue] = enqueued(say_overdue)
    assert due.run_after == brk.returns_at
    assert overdue.run_after == brk.returns_at + minutes(OVERDUE_AFTER)
    assert due.args_kwargs["args"] == overdue.args_kwargs["args"] == [str(brk.id), brk.returns_at.isoformat()]


def test_a_break_that_never_commits_enqueues_nothing(alex, couple, events, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(space.BadReassurance):
        space.take_space(alex, 30, "")
    assert not DBTaskResult.objects.exists()


# --- The call back --------------------------------------------------------------------------------


def test_at_the_time_both_are_called_back_once(alex, sam, robin, brk, events, committed):
    brk = until_reconnecting(brk)
    assert committed(call_back.call, str(brk.id), brk.returns_at.isoformat()) is True

    for person in (alex, sam):
        told = events.last(person, "reconnection.due")
        assert told == {"break": str(brk.id), "returns_at": brk.returns_at.isoformat()}
    assert events.of(robin) == []
    assert Break.objects.get(pk=brk.pk).due_announced_at is not None

    assert committed(call_back.call, str(brk.id), brk.returns_at.isoformat()) is False
    assert events.types(sam).count("reconnection.due") == 1


def test_the_tasks_the_break_enqueued_do_their_work_when_their_time_comes(
    settings, alex, sam, couple, events, committed
):
    # The end-to-end tests' fast clock: thirty break-minutes pass in a blink.
    settings.BREAK_MINUTE_SECONDS = 0.002
    brk = committed(space.take_space, alex, 30, REASSURANCE)
    [due], [overdue] = enqueued(call_back), enqueued(say_overdue)
    time.sleep((minutes(30 + OVERDUE_AFTER) * 1.5).total_seconds())

    assert committed(run, due) is True
    assert committed(run, overdue) is True
    assert events.types(sam) == ["break.started", "reconnection.due", "break.overdue"]
    assert Break.objects.get(pk=brk.pk).is_overdue()


def test_a_call_back_for_a_time_the_break_no_longer_has_does_nothing(alex, sam, brk, events, committed):
    [stale] = enqueued(call_back)
    extended = committed(space.extend, alex, brk.pk, 15, "A little longer")
    until_reconnecting(extended)

    assert committed(run, stale) is False
    assert "reconnection.due" not in events.types(sam)
    assert Break.objects.get(pk=brk.pk).due_announced_at is None
    fresh = [row.args_kwargs["args"] for row in enqueued(call_back) if row.pk != stale.pk]
    assert fresh == [[str(brk.id), extended.returns_at.isoformat()]]


def test_taking_space_too_for_longer_moves_the_call_back(alex, sam, brk, events, committed):
    [first] = enqueued(call_back)
    pass_time(brk, 5)
    joined = committed(space.take_space, sam, 30, "Me too")
    until_reconnecting(joined)

    assert committed(run, first) is False
    fresh = [row.args_kwargs["args"] for row in enqueued(call_back) if row.pk != first.pk]
    assert fresh == [[str(brk.id), joined.returns_at.isoformat()]]


def test_a_break_ended_early_is_not_called_back(alex, sam, brk, events, committed):
    [row] = enqueued(call_back)
    committed(space.ready_to_talk, alex, brk.pk)
    # Dropped from the queue; and had a worker picked it up already, it would do nothing.
    assert enqueued(call_back) == []
    assert committed(run, row) is False
    assert "reconnection.due" not in events.types(sam)


def test_moving_or_ending_a_break_drops_its_own_calls_and_no_other_couples(alex, sam, robin, brk, events, committed):
    others = committed(space.take_space, robin, 45, "Back soon, I promise.")
    theirs = {str(row.pk) for row in DBTaskResult.objects.filter(args_kwargs__args__0=str(others.id))}
    assert set(Break.objects.get(pk=others.pk).queued_tasks) == theirs

    committed(space.extend, alex, brk.pk, 10, "Ten more minutes, I love you.")
    moved = Break.objects.get(pk=brk.pk)
    ours = {str(row.pk) for row in DBTaskResult.objects.filter(args_kwargs__args__0=str(brk.id))}
    # Only the calls for the new time are left, and they are the ones the break keeps.
    assert set(moved.queued_tasks) == ours
    assert len(ours) == 2

    committed(space.ready_to_talk, alex, brk.pk)
    assert not DBTaskResult.objects.filter(args_kwargs__args__0=str(brk.id)).exists()
    assert Break.objects.get(pk=brk.pk).queued_tasks == []
    assert {str(row.pk) for row in DBTaskResult.objects.filter(args_kwargs__args__0=str(others.id))} == theirs


def test_a_closed_break_is_not_called_back(alex, sam, brk, events, committed):
    brk = until_reconnecting(brk)
    for person in (sam, alex):
        committed(reconnecting.record_outcome, person, brk.pk, Timing.ON_TIME, Repair.REPAIRED)
    assert committed(call_back.call, str(brk.id), brk.returns_at.isoformat()) is False
    assert "reconnection.due" not in events.types(sam)


def test_a_break_that_is_gone_is_not_called_back(brk, events, committed):
    assert committed(call_back.call, str(uuid.uuid4()), brk.returns_at.isoformat()) is False


# --- Overdue --------------------------------------------------------------------------------------


def test_overdue_is_said_only_once_the_grace_minutes_have_passed(alex, sam, robin, brk, events, committed):
    brk = until_reconnecting(brk)
    assert committed(say_overdue.call, str(brk.id), brk.returns_at.isoformat()) is False
    assert "break.overdue" not in events.types(sam)

    brk = pass_time(brk, OVERDUE_AFTER)
    assert committed(say_overdue.call, str(brk.id), brk.returns_at.isoformat()) is True
    for person in (alex, sam):
        told = events.last(person, "break.overdue")
        assert told == {"break": str(brk.id), "returns_at": brk.returns_at.isoformat(), "waiting_for": ["Alex"]}
    assert events.of(robin) == []
    assert Break.objects.get(pk=brk.pk).overdue_announced_at is not None


def test_overdue_is_said_once(sam, brk, events, committed):
    brk = pass_time(brk, 30 + OVERDUE_AFTER + 1)
    assert committed(say_overdue.call, str(brk.id), brk.returns_at.isoformat()) is True
    assert committed(say_overdue.call, str(brk.id), brk.returns_at.isoformat()) is False
    assert events.types(sam).count("break.overdue") == 1


def test_overdue_is_not_said_when_the_partner_came_back(alex, sam, brk, events, committed):
    brk = until_reconnecting(brk)
    committed(reconnecting.come_back, alex, brk.pk)
    brk = pass_time(brk, OVERDUE_AFTER + 1)
    assert committed(say_overdue.call, str(brk.id), brk.returns_at.isoformat()) is False
    assert "break.overdue" not in events.types(sam)


def test_overdue_is_not_said_for_a_break_ended_early(alex, sam, brk, events, committed):
    committed(space.ready_to_talk, alex, brk.pk)
    brk = pass_time(brk, 30 + OVERDUE_AFTER + 1)
    assert committed(say_overdue.call, str(brk.id), brk.returns_at.isoformat()) is False


def test_an_overdue_check_for_an_old_time_does_nothing(alex, sam, brk, events, committed):
    [stale] = enqueued(say_overdue)
    committed(space.extend, alex, brk.pk, 15, "A little longer")
    pass_time(brk, 30 + 15 + OVERDUE_AFTER + 1)
    assert committed(run, stale) is False
    assert "break.overdue" not in events.types(sam)


# --- On time, late, not yet ------------------------------------------------------------------------


def test_the_suggested_timing_is_not_yet_until_the_partner_on_the_break_is_back(alex, sam, brk):
    brk = until_reconnecting(brk)
    come_back(sam, brk.pk)
    assert suggested_timing(Break.objects.get(pk=brk.pk)) == Timing.NOT_YET
    come_back(alex, brk.pk)
    assert suggested_timing(Break.objects.get(pk=brk.pk)) == Timing.ON_TIME


def test_coming_back_within_the_grace_minutes_is_on_time(alex, brk):
    brk = until_reconnecting(brk)
    Taker.objects.update(back_at=brk.returns_at + minutes(OVERDUE_AFTER))
    assert suggested_timing(Break.objects.get(pk=brk.pk)) == Timing.ON_TIME


def test_coming_back_after_the_grace_minutes_is_late(alex, brk):
    brk = until_reconnecting(brk)
    Taker.objects.update(back_at=brk.returns_at + minutes(OVERDUE_AFTER) + minutes(1) / 60)
    assert suggested_timing(Break.objects.get(pk=brk.pk)) == Timing.LATE


def test_with_both_on_the_break_one_late_return_makes_it_late(alex, sam, couple):
    brk = space.take_space(alex, 30, REASSURANCE)
    space.take_space(sam, 30, "Me too")
    brk = until_reconnecting(Break.objects.get(pk=brk.pk))
    Taker.objects.filter(person=alex).update(back_at=brk.returns_at)
    assert suggested_timing(Break.objects.get(pk=brk.pk)) == Timing.NOT_YET
    Taker.objects.filter(person=sam).update(back_at=brk.returns_at + minutes(OVERDUE_AFTER + 5))
    assert suggested_timing(Break.objects.get(pk=brk.pk)) == Timing.LATE


def test_ready_early_is_on_time(alex, couple):
    brk = space.take_space(alex, 30, REASSURANCE)
    space.ready_to_talk(alex, brk.pk)
    assert suggested_timing(Break.objects.get(pk=brk.pk)) == Timing.ON_TIME


# --- Overdue ----------------------------------------------------------------------------------------


def test_a_break_is_overdue_only_well_after_its_time_while_the_partner_on_it_is_away(alex, sam, brk):
    brk = until_reconnecting(brk)
    grace_over = brk.returns_at + minutes(OVERDUE_AFTER)
    assert brk.overdue_at == grace_over
    assert not brk.is_overdue(brk.returns_at - minutes(1))
    assert not brk.is_overdue(brk.returns_at)
    assert not brk.is_overdue(grace_over - minutes(1) / 60)
    assert brk.is_overdue(grace_over)
    assert brk.is_overdue(grace_over + timedelta(hours=5))


def test_coming_back_means_no_longer_overdue(alex, sam, brk):
    brk = until_reconnecting(brk)
    later = brk.returns_at + minutes(OVERDUE_AFTER + 1)
    come_back(sam, brk.pk)
    assert Break.objects.get(pk=brk.pk).is_overdue(later)
    come_back(alex, brk.pk)
    assert not Break.objects.get(pk=brk.pk).is_overdue(later)


def test_checking_in_is_coming_back(alex, brk):
    brk = until_reconnecting(brk)
    check_in(alex, brk.pk, 5)
    assert not Break.objects.get(pk=brk.pk).is_overdue(brk.returns_at + minutes(OVERDUE_AFTER + 1))


def test_a_break_ended_early_or_closed_is_never_overdue(alex, sam, couple):
    brk = space.take_space(alex, 30, REASSURANCE)
    space.ready_to_talk(alex, brk.pk)
    ended = Break.objects.get(pk=brk.pk)
    assert not ended.is_overdue(ended.returns_at + timedelta(days=1))

    record_outcome(sam, brk.pk, Timing.ON_TIME, Repair.REPAIRED)
    record_outcome(alex, brk.pk, Timing.ON_TIME, Repair.REPAIRED)
    closed = pass_time(Break.objects.get(pk=brk.pk), 100)
    Taker.objects.update(back_at=None)
    assert not Break.objects.get(pk=closed.pk).is_overdue()


def test_the_waiting_partner_is_never_the_one_overdue(alex, sam, brk):
    brk = until_reconnecting(brk)
    come_back(alex, brk.pk)
    assert not Break.objects.get(pk=brk.pk).is_overdue(brk.returns_at + timedelta(hours=1))


# --- After the couple ended -------------------------------------------------------------------------


@pytest.mark.parametrize("task", [call_back, say_overdue], ids=["call_back", "say_overdue"])
def test_no_one_is_called_back_to_a_couple_that_has_ended(alex, sam, brk, events, committed, task):
    pairing.leave(sam)
    brk = pass_time(brk, 30 + OVERDUE_AFTER + 1)
    assert committed(task.call, str(brk.id), brk.returns_at.isoformat()) is False
    for person in (alex, sam):
        assert not {"reconnection.due", "break.overdue"} & set(events.types(person))
