"""After a "not yet": the time a couple chose to talk again, and calling both back at it.

When a break closes with a view that said "not yet", its time becomes the couple's time to talk
again (the later one, if both chose one, so neither is hurried). Both see it on Home, can add it to
a calendar, and are called back when it comes, once, as they are at the end of a break. Either may
move it, or say they talked.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.breaks import reminders
from breathingroom.breaks.models import Reconnection, TalkAgain
from breathingroom.breaks.space import BreakRefused, NoSuchBreak, find_break
from breathingroom.couples.models import Couple
from breathingroom.events.publish import publish

# As far ahead as "not yet" may be put off when it is first said.
FURTHEST = timedelta(days=14)
# How long Home keeps the call to talk on show when nobody says they talked: the rest of an evening.
SHOWN_FOR = timedelta(hours=12)


class BadTime(BreakRefused):
    status = 400
    message = _("Choose a time to talk again within the next two weeks.")


def arrange(reconnection: Reconnection) -> TalkAgain | None:
    """As the break closes: the time to talk again its views chose, if any, and the call back at it."""
    chosen = [o.next_talk_at for o in reconnection.outcomes.all() if o.next_talk_at is not None]
    if not chosen:
        return None
    talk, created = TalkAgain.objects.get_or_create(reconnection=reconnection, defaults={"at": max(chosen)})
    if created:
        reminders.schedule_talk_again(talk)
    return talk


def current_for(couple: Couple, now: datetime | None = None) -> TalkAgain | None:
    """The couple's time to talk again still ahead, or come and not yet talked about."""
    now = now or timezone.now()
    return (
        TalkAgain.objects.filter(reconnection__brk__couple=couple, talked_at__isnull=True, at__gt=now - SHOWN_FOR)
        .select_related("reconnection__brk")
        .order_by("at")
        .first()
    )


def _find(person: Person, break_id: UUID | str, lock: bool = False) -> tuple[Couple, TalkAgain]:
    couple, brk = find_break(person, break_id)
    found = TalkAgain.objects.filter(reconnection__brk=brk).select_related("reconnection__brk")
    talk = (found.select_for_update(of=("self",)) if lock else found).first()
    if talk is None:
        raise NoSuchBreak
    return couple, talk


@transaction.atomic
def talk_again_of(person: Person, break_id: UUID | str) -> TalkAgain:
    """The time to talk again after one of ``person``'s couple's breaks; refused like the break itself."""
    return _find(person, break_id)[1]


def _tell(couple: Couple, talk: TalkAgain) -> None:
    publish(
        [p.pk for p in couple.partners],
        "reconnection.updated",
        {"break": str(talk.reconnection.brk_id), "talk_again_at": talk.at.isoformat()},
    )


@transaction.atomic
def move(person: Person, break_id: UUID | str, at: datetime) -> TalkAgain:
    """Either partner moves the time: both are called back at the new one instead, and calendars follow."""
    couple, talk = _find(person, break_id, lock=True)
    now = timezone.now()
    if not now < at <= now + FURTHEST:
        raise BadTime
    if at != talk.at:
        talk.at, talk.sequence, talk.called_at, talk.talked_at = at, talk.sequence + 1, None, None
        talk.save(update_fields=["at", "sequence", "called_at", "talked_at"])
        reminders.schedule_talk_again(talk)
        _tell(couple, talk)
    return talk


@transaction.atomic
def talked(person: Person, break_id: UUID | str) -> TalkAgain:
    """Either partner says they talked: Home stops calling them to it."""
    couple, talk = _find(person, break_id, lock=True)
    if talk.talked_at is None:
        talk.talked_at = timezone.now()
        talk.save(update_fields=["talked_at"])
        reminders.cancel_talk_again(talk)
        _tell(couple, talk)
    return talk
