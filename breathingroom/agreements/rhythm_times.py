"""The rhythm in everyday life: the next time of each, a gentle reminder when it comes, skipping one.

Only the next moment of each time is scheduled, as breaks' call-backs are (``breaks.reminders``):
accepting a version queues each time's next moment in the same transaction, and the task that says
it queues the one after. A task that wakes for a version no longer in force does nothing, so a new
version needs no cancelling. Each moment is said once: it is marked passed under its row's lock in
the transaction that says it. ``catch_up`` finds a moment whose task never ran: said if the moment is
still near, passed quietly if not (a reminder hours late is only noise), and the next one queued.

Skipping is one person's choice, made without a reason: the other is told, gently and once, so they
are not left waiting, and no reminder goes for that moment. Nothing counts what was skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from breathingroom.accounts.models import Person
from breathingroom.agreements.models import Agreement, RhythmOccurrence
from breathingroom.agreements.rhythm import RhythmTime, zone_of
from breathingroom.couples.models import Couple
from breathingroom.events.publish import publish
from breathingroom.refusals import Refused

# A moment is "now" for this long: Home shows it, and skipping means skipping this one, not the next.
NOW_FOR = timedelta(hours=1)
# Moments that passed are kept a short while only: a rhythm is not a record of who showed up.
KEEP_PASSED_FOR = timedelta(days=7)
# Said later than this, a reminder would only be noise: the moment passes quietly instead.
SAY_LATE_UP_TO = timedelta(minutes=15)


class NoSuchRhythmTime(Refused):
    status = 404
    message = _("That time is not in the rhythm you agreed. Have a look at your agreement as it is now.")


@dataclass(frozen=True)
class Moment:
    """One moment of a rhythm time, as one partner sees it."""

    time: RhythmTime
    at: datetime
    now: bool
    skipped: bool
    # Who let it pass: None once their account is gone, though it stays skipped.
    skipped_by: Person | None
    skipped_by_me: bool

    @classmethod
    def seen_by(cls, person: Person, time: RhythmTime, at: datetime, occurrence: RhythmOccurrence | None) -> Moment:
        skipped = occurrence is not None and occurrence.skipped_at is not None
        return cls(
            time=time,
            at=at,
            now=at <= timezone.now(),
            skipped=skipped,
            skipped_by=occurrence.skipped_by if occurrence and skipped else None,
            skipped_by_me=skipped and occurrence is not None and occurrence.skipped_by_id == person.pk,
        )


def current_or_next(time: RhythmTime, zone: str, now: datetime) -> datetime:
    """The moment of ``time`` that is happening now, or else its next one."""
    return time.next_at(zone_of(zone), now - NOW_FOR)


def upcoming(couple: Couple, person: Person) -> list[Moment]:
    """Each time of the rhythm in force at its current or next moment, soonest first."""
    now = timezone.now()
    agreement = Agreement.objects.in_force_for(couple)
    if agreement is None:
        return []
    terms = agreement.terms()
    moments = {t.key: (t, current_or_next(t, terms.rhythm_zone, now)) for t in terms.rhythm}
    let_pass = RhythmOccurrence.objects.let_pass(couple).filter(key__in=moments).select_related("skipped_by")
    skips = {(o.key, o.at): o for o in let_pass}
    seen = [Moment.seen_by(person, t, at, skips.get((t.key, at))) for t, at in moments.values()]
    return sorted(seen, key=lambda m: m.at)


def schedule(agreement: Agreement, after: datetime | None = None) -> None:
    """Queue the next moment of each time in ``agreement``'s rhythm, in the caller's transaction.

    A moment someone already let pass under the version before stays let pass: the partner was told,
    and a new version agreed in between must not bring its reminder back.
    """
    terms = agreement.terms()
    for t in terms.rhythm:
        at = t.next_at(zone_of(terms.rhythm_zone), after or timezone.now())
        _queue(agreement, t.key, at)
        let_pass = RhythmOccurrence.objects.let_pass(agreement.couple).filter(key=t.key, at=at).first()
        if let_pass is not None:
            agreement.occurrences.filter(key=t.key, at=at).update(
                skipped_by=let_pass.skipped_by_id, skipped_at=let_pass.skipped_at
            )


def _queue(agreement: Agreement, key: str, at: datetime) -> None:
    RhythmOccurrence.objects.get_or_create(agreement=agreement, key=key, at=at)
    remind.using(run_after=at).enqueue(agreement.pk, key, at.isoformat())


def _in_force(agreement: Agreement) -> bool:
    if agreement.couple.ended_at is not None:
        return False
    current = Agreement.objects.in_force_for(agreement.couple)
    return current is not None and current.pk == agreement.pk


@task()
def remind(agreement_id: int, key: str, at: str) -> bool:
    """At a rhythm time, remind both partners gently (once), and queue the next moment."""
    now = timezone.now()
    unsaid = RhythmOccurrence.objects.filter(
        agreement_id=agreement_id, key=key, at=datetime.fromisoformat(at), passed_at__isnull=True
    )
    couple_id = unsaid.values_list("agreement__couple_id", flat=True).first()
    if couple_id is None:
        return False
    with transaction.atomic():
        # The couple's row first, as skipping takes it, and only then the moment's own: a skip and
        # the reminder then wait for each other in turn, never each for the other at once.
        Couple.objects.select_for_update().filter(pk=couple_id).first()
        occurrence = unsaid.select_for_update(of=("self",)).select_related("agreement__couple").first()
        if occurrence is None or occurrence.at > now:
            return False  # said already, or woken early: catch_up says it once the time has come
        agreement = occurrence.agreement
        occurrence.passed_at = now
        terms = agreement.terms()
        time = terms.rhythm_time(key)
        if time is None or not _in_force(agreement):
            occurrence.save(update_fields=["passed_at"])
            return False  # a newer version replaced this rhythm and queued its own times
        occurrence.reminded = (
            occurrence.skipped_at is None and now - occurrence.at <= SAY_LATE_UP_TO and not _on_a_break(agreement)
        )
        occurrence.save(update_fields=["passed_at", "reminded"])
        if occurrence.reminded:
            publish(
                [p.pk for p in agreement.couple.partners],
                "rhythm.due",
                {"rhythm": key, "at": occurrence.at.isoformat(), "what": time.what, "kind": time.kind},
            )
        _queue(agreement, key, time.next_at(zone_of(terms.rhythm_zone), max(occurrence.at, now)))
    return occurrence.reminded


def _on_a_break(agreement: Agreement) -> bool:
    # A break has its own time to come back; a call to "time together" in the middle of it would
    # only press on the one who stepped away.
    return agreement.couple.breaks.filter(closed_at__isnull=True, returns_at__gt=timezone.now()).exists()


def catch_up() -> int:
    """Deal with every moment whose time came but whose task never ran. How many were said."""
    said = 0
    unsaid = RhythmOccurrence.objects.unsaid(timezone.now())
    for agreement_id, key, at in unsaid.values_list("agreement_id", "key", "at"):
        said += remind.call(agreement_id, key, at.isoformat())
    return said


def forget_old(now: datetime) -> None:
    RhythmOccurrence.objects.filter(passed_at__lt=now - KEEP_PASSED_FOR).delete()


@transaction.atomic
def skip(person: Person, key: str) -> Moment:
    """Let the current or next moment of one rhythm time pass: no reminder, and the partner is told once."""
    couple = Couple.objects.of(person, lock=True)
    agreement = Agreement.objects.in_force_for(couple)
    terms = agreement.terms() if agreement else None
    time = terms.rhythm_time(key) if terms else None
    if agreement is None or terms is None or time is None:
        raise NoSuchRhythmTime
    at = current_or_next(time, terms.rhythm_zone, timezone.now())
    occurrence, _made = RhythmOccurrence.objects.select_for_update().get_or_create(agreement=agreement, key=key, at=at)
    earlier = RhythmOccurrence.objects.let_pass(couple).filter(key=key, at=at).first()
    if occurrence.skipped_at is None:
        occurrence.skipped_by_id = earlier.skipped_by_id if earlier else person.pk
        occurrence.skipped_at = earlier.skipped_at if earlier else timezone.now()
        occurrence.save(update_fields=["skipped_by", "skipped_at"])
    if earlier is None:
        publish(
            [p.pk for p in couple.partners],
            "rhythm.skipped",
            {"rhythm": key, "at": at.isoformat(), "what": time.what, "by": person.display_name},
        )
    return Moment.seen_by(person, time, at, occurrence)
