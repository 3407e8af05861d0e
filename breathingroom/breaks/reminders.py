"""Calling both partners back at the agreed time, and saying so gently when someone is late.

Each change to a break's time schedules a task for the new moment, in the change's own
transaction; a task that wakes for a time the break no longer has does nothing, so moving a break
needs no cancelling. Each call is said once: the break records that it was said in the same
transaction as the event, under the break's row lock.
A time to talk again after a "not yet" is called the same way, once, at its own time.
``catch_up`` finds any call whose task never ran (a worker that died mid-task, a queue that lost it)
and says it late rather than never; the worker runs it on starting and every half minute.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from breathingroom.events.publish import publish

if TYPE_CHECKING:
    from breathingroom.breaks.models import Break, TalkAgain


def schedule(brk: Break) -> None:
    """Call back at the break's time, and replace any call queued for an older time.

    Queued in the change's own transaction (the queue is this database): the task exists exactly
    when the new time does, and a change that is saved is never told it failed because of it.
    """
    break_id = str(brk.id)
    _unqueue(brk.queued_tasks)
    _remember(
        brk,
        [
            call_back.using(run_after=brk.returns_at).enqueue(break_id, brk.returns_at.isoformat()).id,
            say_overdue.using(run_after=brk.overdue_at).enqueue(break_id, brk.returns_at.isoformat()).id,
        ],
    )


def cancel(brk: Break) -> None:
    """Drop the calls still queued for a break that ended or closed, with the change that did it."""
    _unqueue(brk.queued_tasks)
    _remember(brk, [])


def _remember(brk: Break, task_ids: list[str]) -> None:
    from breathingroom.breaks.models import Break

    brk.queued_tasks = task_ids
    Break.objects.filter(pk=brk.pk).update(queued_tasks=task_ids)


def _unqueue(task_ids: list[str]) -> None:
    # By id: the queue holds every couple's calls, and searching it by a task's arguments read all
    # of them on every change. Only tasks not yet picked up; one already running finds the break
    # changed and does nothing, as does one queued before ids were kept.
    if task_ids:
        DBTaskResult.objects.filter(pk__in=task_ids, status=TaskResultStatus.READY).delete()


def _locked_break(break_id: str, returns_at: str) -> Break | None:
    from breathingroom.breaks.models import Break

    # Only the break's row: a plain FOR UPDATE would lock the couple's row too (it is joined for the
    # filter), in whatever order the database meets them, while a change from a page locks the couple
    # first and the break second. The two then deadlocked on PostgreSQL, and the call back was lost
    # until the next catch-up.
    brk = (
        Break.objects.select_for_update(of=("self",))
        .filter(pk=break_id, closed_at__isnull=True, couple__ended_at__isnull=True)
        .first()
    )
    if brk is None or brk.returns_at != datetime.fromisoformat(returns_at):
        return None
    return brk


@task()
def call_back(break_id: str, returns_at: str) -> bool:
    """At the agreed time, tell both partners it is time to reconnect (once)."""
    with transaction.atomic():
        brk = _locked_break(break_id, returns_at)
        if brk is None or brk.due_announced_at is not None or brk.ended_early_at is not None:
            return False
        if brk.returns_at > timezone.now():
            return False  # woken early (clocks that disagree): catch_up says it once the time has come
        brk.due_announced_at = timezone.now()
        brk.save(update_fields=["due_announced_at"])
        announce_due(brk)
    return True


def announce_due(brk: Break) -> None:
    publish(
        [p.pk for p in brk.couple.partners],
        "reconnection.due",
        {"break": str(brk.id), "returns_at": brk.returns_at.isoformat()},
    )


def catch_up() -> int:
    """Say every call back and every "late" whose moment has passed but was never said. How many."""
    from breathingroom.breaks.models import OVERDUE_AFTER, Break, minutes

    now = timezone.now()
    open_breaks = Break.objects.filter(closed_at__isnull=True, couple__ended_at__isnull=True)
    due = open_breaks.filter(returns_at__lte=now, due_announced_at__isnull=True, ended_early_at__isnull=True)
    late = open_breaks.filter(
        returns_at__lte=now - minutes(OVERDUE_AFTER), overdue_announced_at__isnull=True, takers__back_at__isnull=True
    ).distinct()
    said = _catch_up_talks(now)
    for break_id, returns_at in due.values_list("pk", "returns_at"):
        said += call_back.call(str(break_id), returns_at.isoformat())
    for break_id, returns_at in late.values_list("pk", "returns_at"):
        said += say_overdue.call(str(break_id), returns_at.isoformat())
    return said


@task()
def say_overdue(break_id: str, returns_at: str) -> bool:
    """Some minutes after the time, if someone on the break has not come back, tell both, once."""
    with transaction.atomic():
        brk = _locked_break(break_id, returns_at)
        if brk is None or brk.overdue_announced_at is not None or not brk.is_overdue():
            return False
        brk.overdue_announced_at = timezone.now()
        brk.save(update_fields=["overdue_announced_at"])
        publish(
            [p.pk for p in brk.couple.partners],
            "break.overdue",
            {
                "break": str(brk.id),
                "returns_at": brk.returns_at.isoformat(),
                "waiting_for": [t.person.display_name for t in brk.takers.all() if t.back_at is None],
            },
        )
    return True


def schedule_talk_again(talk: TalkAgain) -> None:
    """Call both to talk again at ``talk``'s time, replacing a call queued for an older time."""
    cancel_talk_again(talk)
    _remember_talk(talk, call_to_talk.using(run_after=talk.at).enqueue(str(talk.pk), talk.at.isoformat()).id)


def cancel_talk_again(talk: TalkAgain) -> None:
    _unqueue([talk.queued_task] if talk.queued_task else [])
    _remember_talk(talk, "")


def _remember_talk(talk: TalkAgain, task_id: str) -> None:
    from breathingroom.breaks.models import TalkAgain

    talk.queued_task = task_id
    TalkAgain.objects.filter(pk=talk.pk).update(queued_task=task_id)


@task()
def call_to_talk(talk_id: str, at: str) -> bool:
    """At the time chosen after a "not yet", tell both partners it is time to talk again (once)."""
    from breathingroom.breaks.models import TalkAgain

    with transaction.atomic():
        talk = (
            TalkAgain.objects.select_for_update(of=("self",))
            .select_related("reconnection__brk__couple")
            .filter(pk=talk_id, talked_at__isnull=True, called_at__isnull=True)
            .filter(reconnection__brk__couple__ended_at__isnull=True)
            .first()
        )
        if talk is None or talk.at != datetime.fromisoformat(at) or talk.at > timezone.now():
            return False  # moved, talked about, already said, or woken early: catch_up says it when due
        talk.called_at = timezone.now()
        talk.save(update_fields=["called_at"])
        publish(
            [p.pk for p in talk.reconnection.brk.couple.partners],
            "reconnection.talk_again",
            {"break": str(talk.reconnection.brk_id), "at": talk.at.isoformat()},
        )
    return True


def _catch_up_talks(now: datetime) -> int:
    from breathingroom.breaks.models import TalkAgain

    due = TalkAgain.objects.filter(
        at__lte=now, called_at__isnull=True, talked_at__isnull=True, reconnection__brk__couple__ended_at__isnull=True
    )
    return sum(call_to_talk.call(str(pk), at.isoformat()) for pk, at in due.values_list("pk", "at"))
