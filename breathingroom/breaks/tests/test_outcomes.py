"""Each partner keeps their own view of how the reconnection went; both are shown once both are in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.describe import describe, outcomes_of
from breathingroom.breaks.models import Break, Outcome, Phase, Reconnection, Repair, Step, Timing, minutes
from breathingroom.breaks.reconnecting import (
    OUTCOME_WAIT,
    AlreadyRecorded,
    BadAnswer,
    close_when_waited,
    record_outcome,
)
from breathingroom.breaks.tests.conftest import REASSURANCE, until_reconnecting
from breathingroom.tests.migrating import back_to_latest


@pytest.fixture
def brk(alex, couple) -> Break:
    return until_reconnecting(space.take_space(alex, 30, REASSURANCE))


def views(brk: Break, person) -> list[tuple[str, str, str]]:
    reconnection = Reconnection.objects.get(brk=brk)
    return [(o.name, o.timing, o.repair) for o in outcomes_of(reconnection, person)]


def wait_past_the_first_view(brk: Break) -> None:
    Outcome.objects.filter(reconnection__brk=brk).update(recorded_at=timezone.now() - minutes(OUTCOME_WAIT + 1))


def test_the_first_view_keeps_the_break_open_for_the_second(alex, sam, brk):
    reconnection = record_outcome(sam, brk.pk, Timing.ON_TIME, Repair.REPAIRED)
    assert reconnection.step == Step.OUTCOME
    assert Break.objects.get(pk=brk.pk).closed_at is None
    assert [(o.person, o.timing, o.repair) for o in reconnection.outcomes.all()] == [
        (sam, Timing.ON_TIME, Repair.REPAIRED)
    ]


def test_each_sees_only_their_own_view_until_both_are_in(alex, sam, brk):
    record_outcome(sam, brk.pk, Timing.ON_TIME, Repair.REPAIRED)
    assert views(brk, sam) == [("Sam", Timing.ON_TIME, Repair.REPAIRED)]
    assert views(brk, alex) == []

    record_outcome(alex, brk.pk, Timing.LATE, Repair.PARTLY)
    both = [("Sam", Timing.ON_TIME, Repair.REPAIRED), ("Alex", Timing.LATE, Repair.PARTLY)]
    assert views(brk, alex) == both
    assert views(brk, sam) == both


def test_the_second_view_closes_the_break(alex, sam, brk):
    record_outcome(sam, brk.pk, Timing.ON_TIME, Repair.REPAIRED)
    reconnection = record_outcome(alex, brk.pk, Timing.ON_TIME, Repair.PARTLY)
    closed = Break.objects.get(pk=brk.pk)
    assert reconnection.step == Step.DONE
    assert closed.phase() == Phase.CLOSED
    assert Break.objects.current_for(closed.couple) is None
    assert describe(closed, sam).outcomes[1].repair == Repair.PARTLY
    # A new need for space starts a new break.
    assert space.take_space(alex, 30, REASSURANCE).pk != brk.pk


def test_without_a_second_view_the_break_closes_after_the_wait_and_shows_the_one_it_has(alex, sam, brk):
    record_outcome(sam, brk.pk, Timing.ON_TIME, Repair.REPAIRED)
    assert close_when_waited.call(str(brk.pk)) is False  # too soon
    wait_past_the_first_view(brk)
    assert close_when_waited.call(str(brk.pk)) is True
    assert close_when_waited.call(str(brk.pk)) is False  # once
    assert Break.objects.get(pk=brk.pk).phase() == Phase.CLOSED
    assert views(brk, alex) == [("Sam", Timing.ON_TIME, Repair.REPAIRED)]
    with pytest.raises(AlreadyRecorded):
        record_outcome(alex, brk.pk, Timing.ON_TIME, Repair.REPAIRED)


def test_a_lost_closing_task_is_made_up_for_by_the_next_look(alex, sam, brk):
    record_outcome(sam, brk.pk, Timing.ON_TIME, Repair.REPAIRED)
    wait_past_the_first_view(brk)
    _brk, reconnection = reconnecting.reconnection_for(alex, brk.pk)
    assert reconnection.step == Step.DONE
    assert Break.objects.get(pk=brk.pk).closed_at is not None


def test_the_first_view_queues_the_close_for_the_end_of_the_wait(alex, sam, brk):
    from django_tasks_db.models import DBTaskResult

    before = timezone.now()
    record_outcome(sam, brk.pk, Timing.ON_TIME, Repair.REPAIRED)
    task = DBTaskResult.objects.get(task_path=close_when_waited.module_path)
    assert task.args_kwargs["args"] == [str(brk.pk)]
    assert before + minutes(OUTCOME_WAIT) <= task.run_after <= timezone.now() + minutes(OUTCOME_WAIT)


def test_sending_the_same_view_twice_is_fine_and_a_different_one_is_refused(alex, sam, brk):
    first = record_outcome(sam, brk.pk, Timing.ON_TIME, Repair.PARTLY)
    record_outcome(sam, brk.pk, Timing.ON_TIME, Repair.PARTLY)
    with pytest.raises(AlreadyRecorded):
        record_outcome(sam, brk.pk, Timing.ON_TIME, Repair.REPAIRED)
    assert [o.repair for o in first.outcomes.all()] == [Repair.PARTLY]


def test_the_views_may_differ(alex, sam, brk):
    record_outcome(sam, brk.pk, Timing.ON_TIME, Repair.PARTLY)
    record_outcome(alex, brk.pk, Timing.LATE, Repair.REPAIRED)
    assert {(o.person_id, o.repair) for o in Outcome.objects.all()} == {(sam.pk, "partly"), (alex.pk, "repaired")}


@pytest.mark.parametrize(("timing", "repair"), [("soon", Repair.REPAIRED), (Timing.ON_TIME, "fine"), ("", "")])
def test_a_view_is_chosen_from_the_answers_offered(sam, brk, timing, repair):
    with pytest.raises(BadAnswer):
        record_outcome(sam, brk.pk, timing, repair)
    assert not Outcome.objects.exists()


@pytest.mark.parametrize(
    ("timing", "repair"),
    [(Timing.NOT_YET, Repair.REPAIRED), (Timing.ON_TIME, Repair.NOT_YET), (Timing.NOT_YET, Repair.NOT_YET)],
)
def test_not_yet_needs_a_time_to_talk_again_within_two_weeks(sam, brk, timing, repair):
    now = timezone.now()
    for when in (None, now - timedelta(minutes=1), now + timedelta(days=14, minutes=1)):
        with pytest.raises(BadAnswer):
            record_outcome(sam, brk.pk, timing, repair, next_talk_at=when)
    assert not Outcome.objects.exists()

    when = now + timedelta(days=13)
    record_outcome(sam, brk.pk, timing, repair, next_talk_at=when)
    assert Outcome.objects.get(person=sam).next_talk_at == when


def test_a_time_to_talk_again_is_only_kept_when_something_is_not_yet(sam, brk):
    record_outcome(sam, brk.pk, Timing.LATE, Repair.PARTLY, next_talk_at=timezone.now() + timedelta(days=1))
    assert Outcome.objects.get().next_talk_at is None


def test_both_are_told_of_each_view_and_the_outsider_is_not(alex, sam, robin, brk, events, committed):
    committed(record_outcome, sam, brk.pk, Timing.ON_TIME, Repair.REPAIRED)
    for person in (alex, sam):
        assert events.last(person, "reconnection.updated") == {"break": str(brk.id), "step": Step.OUTCOME}
    committed(record_outcome, alex, brk.pk, Timing.ON_TIME, Repair.REPAIRED)
    for person in (alex, sam):
        assert events.last(person, "reconnection.updated") == {"break": str(brk.id), "step": Step.DONE}
    assert events.of(robin) == []


# --- From the one outcome to a view each ---------------------------------------------------------

BEFORE = [("breaks", "0002_encrypt_private_text")]


def _migrate(targets):
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_an_outcome_recorded_before_becomes_its_recorders_view(alex, sam, couple):
    brk = until_reconnecting(space.take_space(alex, 30, REASSURANCE))
    other = until_reconnecting(space.take_space(sam, 30, REASSURANCE))
    when = timezone.now() - timedelta(hours=1)
    talk = timezone.now() + timedelta(days=2)
    try:
        old = _migrate(BEFORE)
        OldReconnection = old.get_model("breaks", "Reconnection")
        OldReconnection.objects.create(
            brk_id=brk.pk,
            step="done",
            timing="late",
            repair="not_yet",
            next_talk_at=talk,
            recorded_by_id=sam.pk,
            recorded_at=when,
        )
        OldReconnection.objects.create(brk_id=other.pk, step="first_turn")
        old.get_model("breaks", "CheckIn").objects.create(
            reconnection=OldReconnection.objects.get(brk_id=other.pk), person_id=alex.pk, strength=8, created_at=when
        )
    finally:
        back_to_latest()

    view = Outcome.objects.get()
    assert (view.reconnection.brk_id, view.person_id) == (brk.pk, sam.pk)
    assert (view.timing, view.repair, view.next_talk_at, view.recorded_at) == ("late", "not_yet", talk, when)
    assert not Reconnection.objects.get(brk=other).outcomes.exists()
    assert Reconnection.objects.get(brk=other).check_ins.get().checked_at == when
