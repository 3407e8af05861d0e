"""What the worker does by itself, on starting and every half minute, besides running queued tasks.

Everything here is safe to run any number of times, in any number of workers at once.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from breathingroom.agreements import rhythm_times
from breathingroom.appreciations import sending
from breathingroom.breaks import reminders, space
from breathingroom.events import presence
from breathingroom.events.models import KEEP_FOR, Event
from breathingroom.notify import outbox
from breathingroom.security import log as security_log
from breathingroom.yourdata.models import Export

log = logging.getLogger(__name__)

EVERY_SECONDS = 30
# Every task here finishes in seconds (a push gives up after ten). One still "running" after this
# long belonged to a worker that died; it runs again, and a task that already did its work does nothing.
STUCK_AFTER = timedelta(minutes=5)
KEEP_FINISHED_TASKS = timedelta(days=7)


def run() -> None:
    for chore in (requeue_stuck_tasks, reminders.catch_up, rhythm_times.catch_up, forget_old):
        try:
            chore()
        except Exception:
            log.exception("Housekeeping step %s failed; it runs again shortly", chore.__name__)


def requeue_stuck_tasks() -> int:
    with transaction.atomic():
        stuck = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status=TaskResultStatus.RUNNING, started_at__lt=timezone.now() - STUCK_AFTER
        )
        count = stuck.update(status=TaskResultStatus.READY, started_at=None)
    if count:
        log.warning("Requeued %d tasks whose worker stopped in the middle", count)
    return count


def forget_old() -> None:
    now = timezone.now()
    Event.objects.filter(at__lt=now - KEEP_FOR).delete()
    presence.forget_gone()
    space.forget_old_idempotency_keys(now)
    sending.forget_old_idempotency_keys(now)
    security_log.forget_old(now)
    rhythm_times.forget_old(now)
    outbox.forget_old(now)
    # Each copy's own task removes it after a day; this catches one whose task was lost.
    Export.objects.expired(now).delete()
    DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED], finished_at__lt=now - KEEP_FINISHED_TASKS
    ).delete()
