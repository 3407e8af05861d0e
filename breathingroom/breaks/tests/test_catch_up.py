"""A reminder whose task never ran is said late rather than never, and still only once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from breathingroom import housekeeping
from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.models import Break
from breathingroom.breaks.reminders import call_back, catch_up
from breathingroom.breaks.tests.conftest import REASSURANCE, pass_time, until_reconnecting
from breathingroom.events.models import Connection, Event


@pytest.fixture
def brk(alex, events, committed) -> Break:
    brk = committed(space.take_space, alex, 30, REASSURANCE)
    # The queue lost its tasks: only the catch-up can call anyone back now.
    DBTaskResult.objects.all().delete()
    return brk


def kept(person, type: str) -> list[Event]:
    return list(Event.objects.filter(recipient=person, type=type))


def test_nothing_is_said_before_the_time(brk, alex, sam, events, committed):
    assert committed(catch_up) == 0
    assert kept(sam, "reconnection.due") == []
    assert "reconnection.due" not in events.types(sam)


def test_a_call_back_whose_task_was_lost_is_said_once_the_time_has_passed(brk, alex, sam, events, committed):
    until_reconnecting(brk)

    assert committed(catch_up) == 1
    assert committed(catch_up) == 0

    for person in (alex, sam):
        assert len(kept(person, "reconnection.due")) == 1
        assert events.types(person).count("reconnection.due") == 1


def test_the_lost_task_running_after_the_catch_up_says_nothing_more(brk, alex, sam, events, committed):
    brk = until_reconnecting(brk)
    committed(catch_up)

    assert committed(call_back.call, str(brk.id), brk.returns_at.isoformat()) is False
    assert len(kept(sam, "reconnection.due")) == 1


def test_late_is_said_once_when_someone_has_not_come_back(brk, alex, sam, events, committed):
    pass_time(brk, 30 + 11)

    committed(catch_up)
    committed(catch_up)

    assert len(kept(sam, "break.overdue")) == 1
    assert len(kept(sam, "reconnection.due")) == 1


def test_late_is_not_said_when_everyone_came_back(brk, alex, sam, events, committed):
    brk = until_reconnecting(brk)
    committed(reconnecting.come_back, alex, brk.id)
    pass_time(brk, 11)

    committed(catch_up)

    assert kept(sam, "break.overdue") == []


def test_a_break_that_ended_early_is_not_called_back(brk, alex, sam, events, committed):
    committed(space.ready_to_talk, alex, brk.id)
    pass_time(brk, 31)

    committed(catch_up)

    assert kept(sam, "reconnection.due") == []


def test_a_couple_that_ended_is_called_back_by_no_one(brk, alex, sam, events, committed):
    from breathingroom.couples import pairing

    committed(pairing.leave, sam)
    pass_time(brk, 45)

    assert committed(catch_up) == 0


# --- The worker's other chores ---------------------------------------------------------------------


def stuck_task(started_ago: timedelta) -> DBTaskResult:
    return DBTaskResult.objects.create(
        task_path=call_back.module_path,
        args_kwargs={"args": ["x", "y"], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now() - started_ago,
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - started_ago,
    )


@pytest.mark.django_db
def test_a_task_left_running_by_a_dead_worker_is_queued_again():
    dead = stuck_task(housekeeping.STUCK_AFTER + timedelta(seconds=1))
    busy = stuck_task(timedelta(seconds=5))

    assert housekeeping.requeue_stuck_tasks() == 1

    dead.refresh_from_db()
    busy.refresh_from_db()
    assert dead.status == TaskResultStatus.READY
    assert busy.status == TaskResultStatus.RUNNING


def test_old_events_and_gone_connections_are_forgotten(alex, sam, events, committed):
    committed(space.take_space, alex, 30, REASSURANCE)
    Event.objects.filter(recipient=sam).update(at=timezone.now() - timedelta(days=31))
    committed(space.extend, alex, Break.objects.get().id, 10, REASSURANCE)
    Connection.objects.create(
        channel_name="gone", person=sam, opened_at=timezone.now(), seen_at=timezone.now() - timedelta(hours=1)
    )
    Connection.objects.create(channel_name="here", person=sam, opened_at=timezone.now(), seen_at=timezone.now())

    housekeeping.forget_old()

    assert [e.type for e in Event.objects.filter(recipient=sam)] == ["break.extended"]
    assert list(Connection.objects.values_list("channel_name", flat=True)) == ["here"]


@pytest.mark.django_db(transaction=True)
def test_the_worker_catches_up_before_running_the_queue(alex, sam, couple):
    from breathingroom.breaks.tests.conftest import agree

    agree(alex, sam)
    brk = space.take_space(alex, 30, REASSURANCE)
    DBTaskResult.objects.all().delete()
    until_reconnecting(brk)

    call_command("worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)

    assert len(kept(sam, "reconnection.due")) == 1


# --- Moving and cancelling -------------------------------------------------------------------------


def queued(break_id) -> list[tuple[str, object]]:
    rows = DBTaskResult.objects.filter(status=TaskResultStatus.READY, args_kwargs__args__0=str(break_id))
    return sorted((row.task_path.rsplit(".", 1)[1], row.run_after) for row in rows)


def test_extending_moves_the_queued_calls_to_the_new_time(alex, sam, events, committed):
    brk = committed(space.take_space, alex, 30, REASSURANCE)
    brk = committed(space.extend, alex, brk.id, 15, REASSURANCE)

    assert queued(brk.id) == [("call_back", brk.returns_at), ("say_overdue", brk.overdue_at)]


def test_ending_early_drops_the_queued_calls(alex, sam, events, committed):
    brk = committed(space.take_space, alex, 30, REASSURANCE)
    committed(space.ready_to_talk, alex, brk.id)

    assert queued(brk.id) == []


def test_a_finished_reconnection_drops_what_is_still_queued(alex, sam, events, committed):
    from breathingroom.breaks.models import Repair, Timing

    brk = committed(space.take_space, alex, 30, REASSURANCE)
    brk = until_reconnecting(brk)
    for person in (sam, alex):
        committed(reconnecting.record_outcome, person, brk.id, Timing.ON_TIME, Repair.REPAIRED)

    assert queued(brk.id) == []


def test_another_breaks_calls_stay_queued(alex, sam, robin, events, committed):
    theirs = committed(space.take_space, robin, 30, REASSURANCE)
    brk = committed(space.take_space, alex, 30, REASSURANCE)
    committed(space.ready_to_talk, alex, brk.id)

    assert [name for name, _ in queued(theirs.id)] == ["call_back", "say_overdue"]
