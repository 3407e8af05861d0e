"""The worker is killed in the middle of calling couples back, and another takes over.

Real ``manage.py worker`` processes on the test database, one break-minute to the second: four
couples' breaks come due over a few seconds. The first worker is SIGKILLed while one call back is
in the middle of running, so that task stays "running" for good; the next worker must still have
every break said exactly once, and the stuck task, when the housekeeping puts it back in the
queue, must find nothing left to say.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from breathingroom import housekeeping
from breathingroom.accounts.models import Person
from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.models import Break
from breathingroom.breaks.reminders import call_back, say_overdue
from breathingroom.breaks.tests.conftest import REASSURANCE, agree
from breathingroom.conftest import make_couple, make_person
from breathingroom.events.models import Event
from breathingroom.tests.servers import RedisServer, wait_for


def call_back_task(brk: Break) -> DBTaskResult:
    return DBTaskResult.objects.filter(task_path=call_back.module_path, args_kwargs__args__0=str(brk.id)).get()


def said(brk: Break, type: str) -> list[Event]:
    # Event data is kept encrypted: the database cannot look inside it, so this does.
    events = Event.objects.filter(type=type).order_by("recipient_id")
    return [event for event in events if event.data.get("break") == str(brk.id)]


def unfinished() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.exclude(status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]))


@contextlib.contextmanager
def held_mid_task(brk: Break, redis: RedisServer) -> Iterator[str]:
    """Keep the worker inside ``brk``'s call back until the block ends: the moment to kill it.

    PostgreSQL: the test holds the break's row lock, so the task waits before it has said
    anything. SQLite has no row locks (a write lock would stop the worker from claiming the
    task at all), so there Redis is frozen instead: the task has said it, and is stuck handing the
    events to the channel layer. Either way the killed worker leaves the task "running".
    """
    if connection.vendor == "postgresql":
        with transaction.atomic():
            Break.objects.select_for_update().get(pk=brk.pk)
            yield "before saying it"
        return
    redis.pause()
    try:
        yield "after saying it"
    finally:
        redis.resume()


def test_a_worker_killed_mid_task_leaves_every_break_said_once(app_processes, private_redis, settings):
    settings.BREAK_MINUTE_SECONDS = 1
    couples = [
        (make_person("Alex"), make_person("Sam")),
        (make_person("Robin"), make_person("Casey")),
        (make_person("Jo"), make_person("Max")),
        (make_person("Noor"), make_person("Ari")),
    ]
    for taker, partner in couples:
        make_couple(taker, partner)
        agree(taker, partner, shortest=10, presets=(10, 20, 30))
    t0 = time.monotonic()
    # Due 10 s from now (two at once), then 12 s and 14 s; late 10 s after each.
    back_in_time, never_back, held, after_the_kill = (
        space.take_space(taker, minutes, REASSURANCE)
        for (taker, _), minutes in zip(couples, (10, 10, 12, 14), strict=True)
    )
    worker = {"redis_url": private_redis.url, "minute_seconds": 1}
    first = app_processes.worker("worker-a", **worker)

    # The first two are called back on time.
    wait_for(lambda: len(said(back_in_time, "reconnection.due")) == 2, 15, "the first call back")
    wait_for(lambda: len(said(never_back, "reconnection.due")) == 2, 5, "the second call back")
    reconnecting.come_back(couples[0][0], back_in_time.id)
    wait_for(
        lambda: all(call_back_task(b).status == TaskResultStatus.SUCCESSFUL for b in (back_in_time, never_back)),
        5,
        "the first two call backs to finish",
    )

    with held_mid_task(held, private_redis) as moment:
        task = wait_for(
            lambda: DBTaskResult.objects.filter(
                pk=call_back_task(held).pk, status=TaskResultStatus.RUNNING, worker_ids=["worker-a"]
            ).first(),
            10,
            "the first worker to start the third call back",
        )
        if moment == "after saying it":
            wait_for(lambda: len(said(held, "reconnection.due")) == 2, 5, "the third call back to be said")
        first.kill()
        killed_at = timezone.now()
    assert time.monotonic() - t0 < 14, "the worker was killed too late for the fourth break to come due after it"
    assert isinstance(task, DBTaskResult)

    second = app_processes.worker("worker-b", **worker)
    wait_for(lambda: len(said(held, "reconnection.due")) == 2, 10, "the third break to be said after all")
    wait_for(lambda: len(said(after_the_kill, "reconnection.due")) == 2, 10, "the fourth call back")
    reconnecting.come_back(couples[3][0], after_the_kill.id)

    # The task the dead worker left "running" is still so, until the housekeeping finds it stuck
    # (after five minutes: here the test moves its start back) and queues it again.
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - housekeeping.STUCK_AFTER * 2)
    assert housekeeping.requeue_stuck_tasks() == 1
    wait_for(lambda: call_back_task(held).status == TaskResultStatus.SUCCESSFUL, 10, "the requeued task to run")
    task.refresh_from_db()
    assert task.return_value is False, "the requeued call back said something again"
    assert task.worker_ids == ["worker-a", "worker-b"]

    # Everything left (the late notices, 20 to 24 s in) runs in the second worker.
    wait_for(lambda: not unfinished(), 30, "every queued task to finish")
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()
    assert second.running, second.output()

    for brk in (back_in_time, never_back, held, after_the_kill):
        partners = sorted(p.pk for p in brk.couple.partners)
        assert [e.recipient_id for e in said(brk, "reconnection.due")] == partners, brk
    # Late is said once where someone never came back, and never where they did.
    assert [e.recipient_id for e in said(never_back, "break.overdue")] == sorted(p.pk for p in couples[1])
    assert [e.recipient_id for e in said(held, "break.overdue")] == sorted(p.pk for p in couples[2])
    assert said(back_in_time, "break.overdue") == said(after_the_kill, "break.overdue") == []
    overdue_tasks = DBTaskResult.objects.filter(task_path=say_overdue.module_path)
    assert sorted(t.return_value for t in overdue_tasks) == [False, False, True, True]

    # Before the kill it was the first worker's to say; after, the second's, by its catch-up.
    third_said_at = said(held, "reconnection.due")[0].at
    if moment == "before saying it":
        assert third_said_at > killed_at
    else:
        assert third_said_at < killed_at
    held.refresh_from_db()
    assert held.due_announced_at is not None
    assert held.due_announced_at - held.returns_at < timedelta(seconds=10)

    # And everyone's events are numbered without a gap or a repeat.
    for person in Person.objects.all():
        seqs = list(Event.objects.filter(recipient=person).values_list("seq", flat=True))
        assert seqs == list(range(1, len(seqs) + 1)), (person, seqs)
    assert time.monotonic() - t0 < 45
