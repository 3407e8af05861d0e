"""Reaching a person whose page is closed: the worker pushes to their devices, or emails them.

``hand_on`` runs in an event's own transaction and only enqueues, so the task exists exactly when
the event does; the request that made the change never waits for a push service. The worker's
``tell`` then decides, for one event and its recipient, what to send where, and each device that
could not be reached is tried again later (``push_again``) with growing pauses. Every attempt asks
again whether the notice is still worth sending: not stale, not in quiet hours, the device still
this person's.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks import task

from breathingroom.accounts.models import Person
from breathingroom.events.models import Event
from breathingroom.events.presence import has_open_page
from breathingroom.notify import sending
from breathingroom.notify.models import NotificationSettings, PushMode, PushSubscription
from breathingroom.notify.notices import EMAILED, PUSHED, THROUGH_QUIET_HOURS, Notice, notice_for
from breathingroom.notify.sending import Outcome

log = logging.getLogger(__name__)

# The pause before each further attempt; after the last, the notice is given up.
BACKOFF = (timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=10), timedelta(hours=1))
ATTEMPTS = len(BACKOFF) + 1


def hand_on(events: list[Event]) -> None:
    """In the change's transaction: enqueue a ``tell`` for each event that someone reachable should hear of."""
    wanted = [event for event in events if event.type in PUSHED | EMAILED]
    if not wanted:
        return
    # Most people have no device and no email reminders: spare the worker a task for each of them.
    people = {event.recipient_id for event in wanted}
    with_device = set(PushSubscription.objects.filter(person__in=people).values_list("person_id", flat=True).distinct())
    with_email = set(
        NotificationSettings.objects.filter(person__in=people, email_reminders=True).values_list("person", flat=True)
    )
    for event in wanted:
        pushed = event.type in PUSHED and event.recipient_id in with_device
        if pushed or (event.type in EMAILED and event.recipient_id in with_email):
            tell.enqueue(event.pk)


def may_push(wishes: NotificationSettings, event_type: str, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if wishes.push == PushMode.OFF:
        return False
    if event_type not in THROUGH_QUIET_HOURS and wishes.is_quiet(now):
        return False
    return not (wishes.push == PushMode.AWAY and has_open_page(wishes.person_id))


def may_email(wishes: NotificationSettings, event_type: str, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if event_type not in EMAILED or not wishes.email_reminders:
        return False
    if event_type not in THROUGH_QUIET_HOURS and wishes.is_quiet(now):
        return False
    # Someone looking at the app already sees the moment; an email would only add noise.
    return not has_open_page(wishes.person_id)


@task()
def tell(event_id: int) -> list[str]:
    """Push and email what one event's recipient should hear of it. Answers what happened, for the record."""
    event = Event.objects.select_related("recipient").filter(pk=event_id).first()
    if event is None:
        return []
    person = event.recipient
    notice = notice_for(event, person)
    if notice is None or notice.is_stale():
        return []
    wishes = NotificationSettings.objects.for_person(person)
    done = []
    if event.type in PUSHED and may_push(wishes, event.type):
        for subscription in person.push_subscriptions.all():
            done.append(f"push:{_push(subscription, event, notice, attempt=1)}")
    if may_email(wishes, event.type):
        done.append(f"email:{_email(person, event, notice, attempt=1)}")
    return done


@task()
def push_again(subscription_id: int, event_id: int, attempt: int) -> str:
    subscription = PushSubscription.objects.filter(pk=subscription_id).first()
    event = Event.objects.select_related("recipient").filter(pk=event_id).first()
    # The device may have been removed, or signed in as someone else since: then it is not theirs.
    if subscription is None or event is None or subscription.person_id != event.recipient_id:
        return "gone"
    notice = notice_for(event, event.recipient)
    if notice is None or notice.is_stale():
        return "stale"
    if not may_push(NotificationSettings.objects.for_person(event.recipient), event.type):
        return "not now"
    return str(_push(subscription, event, notice, attempt))


@task()
def email_again(event_id: int, attempt: int) -> str:
    event = Event.objects.select_related("recipient").filter(pk=event_id).first()
    if event is None:
        return "gone"
    notice = notice_for(event, event.recipient)
    if notice is None or notice.is_stale():
        return "stale"
    if not may_email(NotificationSettings.objects.for_person(event.recipient), event.type):
        return "not now"
    return str(_email(event.recipient, event, notice, attempt))


def _push(subscription: PushSubscription, event: Event, notice: Notice, attempt: int) -> Outcome:
    outcome, status = sending.push(subscription, notice)
    if outcome == Outcome.SENT:
        PushSubscription.objects.filter(pk=subscription.pk).update(last_used_at=timezone.now())
    elif outcome == Outcome.GONE:
        log.info(
            "Removed device %s of person %s: its push service no longer knows it (%s)",
            subscription.pk,
            subscription.person_id,
            status,
        )
        PushSubscription.objects.filter(pk=subscription.pk).delete()
    elif outcome == Outcome.LATER and attempt < ATTEMPTS:
        run_after = timezone.now() + BACKOFF[attempt - 1]
        push_again.using(run_after=run_after).enqueue(subscription.pk, event.pk, attempt + 1)
    else:
        log.warning(
            "Gave up pushing %s to device %s of person %s after %s attempt(s) (%s, status %s)",
            event.type,
            subscription.pk,
            subscription.person_id,
            attempt,
            outcome,
            status,
        )
    return outcome


def _email(person: Person, event: Event, notice: Notice, attempt: int) -> Outcome:
    outcome = sending.email(person, notice)
    if outcome == Outcome.LATER and attempt < ATTEMPTS:
        email_again.using(run_after=timezone.now() + BACKOFF[attempt - 1]).enqueue(event.pk, attempt + 1)
    elif outcome != Outcome.SENT:
        log.warning(
            "Gave up emailing %s to person %s after %s attempt(s) (%s)", event.type, person.pk, attempt, outcome
        )
    return outcome
