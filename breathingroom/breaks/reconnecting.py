"""The reconnection ritual: check in, take turns, name one thing to try, record how it went.

Both phones show the same step; either partner moves it on. Each move names the step it moves
from, so a double tap, or both pressing at once, moves it only one step.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.agreements.models import Reconnect
from breathingroom.agreements.proposals import terms_for
from breathingroom.breaks import reminders
from breathingroom.breaks.models import (
    NEXT_TRY_WORDS,
    OVERDUE_AFTER,
    PREPARATION_NOTE,
    Break,
    CheckIn,
    NextTry,
    Preparation,
    Reconnection,
    Repair,
    Step,
    Timing,
    minutes,
)
from breathingroom.breaks.space import BreakRefused, find_break
from breathingroom.couples.models import Couple
from breathingroom.events.publish import publish

# A check-in's number: 0 is calm, this is overwhelmed.
STRONGEST = 10


class NotYet(BreakRefused):
    message = _("It is not time to reconnect yet. The break is still on.")


class AlreadyRecorded(BreakRefused):
    message = _("How this reconnection went has already been recorded.")


class BadAnswer(BreakRefused):
    status = 400


def next_step(reconnection: Reconnection, reconnect_way: str) -> Step:
    order = {
        Step.CHECK_IN: Step.OWN_WAY if reconnect_way == Reconnect.OWN else Step.FIRST_TURN,
        Step.FIRST_TURN: Step.SECOND_TURN,
        Step.SECOND_TURN: Step.TRY,
        Step.OWN_WAY: Step.TRY,
        Step.TRY: Step.OUTCOME,
    }
    return order.get(Step(reconnection.step), Step(reconnection.step))


def _first_speaker(brk: Break) -> int | None:
    # The partner who waited has held their feelings longest, so they speak first; when both
    # took space, the one who stepped away second does.
    takers = {t.person_id for t in brk.takers.all()}
    waiting = [p.pk for p in brk.couple.partners if p.pk not in takers]
    if waiting:
        return waiting[0]
    return brk.taker_list[-1].person_id if brk.taker_list else None


def reconnection_of(brk: Break) -> Reconnection:
    """The break's reconnection, begun the first time anyone reaches it."""
    reconnection, _created = Reconnection.objects.get_or_create(
        brk=brk, defaults={"first_speaker_id": _first_speaker(brk), "started_at": brk.reconnect_at}
    )
    return reconnection


class Replaced(BreakRefused):
    message = _("A newer break replaced this one, so its reconnection is closed.")


def _reconnecting(person: Person, break_id: UUID | str) -> tuple[Couple, Break, Reconnection]:
    couple, brk = find_break(person, break_id)
    if brk.is_on():
        raise NotYet
    if brk.closed_at is not None:
        # Closed either by recording its outcome, which can be read again, or by a new break.
        recorded = Reconnection.objects.filter(brk=brk, recorded_at__isnull=False).first()
        if recorded is None:
            raise Replaced
        return couple, brk, recorded
    return couple, brk, reconnection_of(brk)


@transaction.atomic
def reconnection_for(person: Person, break_id: UUID | str) -> tuple[Break, Reconnection]:
    """The reconnection of one of ``person``'s couple's breaks, to read; refused like any step."""
    _couple, brk, reconnection = _reconnecting(person, break_id)
    return brk, reconnection


def _tell(couple: Couple, brk: Break, reconnection: Reconnection) -> None:
    publish(
        [p.pk for p in couple.partners],
        "reconnection.updated",
        {"break": str(brk.id), "step": reconnection.step},
    )


def _mark_back(person: Person, brk: Break) -> None:
    taker = brk.taker(person)
    if taker is not None and taker.back_at is None:
        taker.back_at = timezone.now()
        taker.save(update_fields=["back_at"])


@transaction.atomic
def come_back(person: Person, break_id: UUID | str) -> Reconnection:
    """A partner who was on the break says they are here."""
    couple, brk, reconnection = _reconnecting(person, break_id)
    if reconnection.recorded_at is not None:
        raise AlreadyRecorded
    _mark_back(person, brk)
    _tell(couple, brk, reconnection)
    return reconnection


@transaction.atomic
def check_in(person: Person, break_id: UUID | str, strength: int, shared: bool = False) -> CheckIn:
    couple, brk, reconnection = _reconnecting(person, break_id)
    if reconnection.recorded_at is not None:
        raise AlreadyRecorded
    if not 0 <= strength <= STRONGEST:
        raise BadAnswer(_("Choose a number from 0 (calm) to %(n)s (overwhelmed).") % {"n": STRONGEST})
    check, _created = CheckIn.objects.update_or_create(
        reconnection=reconnection, person=person, defaults={"strength": strength, "shared": shared}
    )
    _mark_back(person, brk)
    if reconnection.step == Step.CHECK_IN and reconnection.check_ins.count() >= len(couple.partners):
        reconnection.step = next_step(reconnection, terms_for(couple).reconnect)
        reconnection.save(update_fields=["step"])
    _tell(couple, brk, reconnection)
    return check


@transaction.atomic
def move_on(person: Person, break_id: UUID | str, from_step: str) -> Reconnection:
    """Go to the next step, if the ritual is still at ``from_step``; otherwise change nothing."""
    couple, brk, reconnection = _reconnecting(person, break_id)
    if reconnection.recorded_at is not None:
        raise AlreadyRecorded
    if reconnection.step == from_step and from_step not in (Step.OUTCOME, Step.DONE):
        reconnection.step = next_step(reconnection, terms_for(couple).reconnect)
        reconnection.save(update_fields=["step"])
        _mark_back(person, brk)
        _tell(couple, brk, reconnection)
    return reconnection


@transaction.atomic
def name_next_try(person: Person, break_id: UUID | str, text: str) -> NextTry:
    couple, brk, reconnection = _reconnecting(person, break_id)
    if reconnection.recorded_at is not None:
        raise AlreadyRecorded
    text = NEXT_TRY_WORDS.check(text, BadAnswer)
    item, _created = NextTry.objects.update_or_create(reconnection=reconnection, person=person, defaults={"text": text})
    if reconnection.step == Step.TRY and reconnection.next_tries.count() >= len(couple.partners):
        reconnection.step = Step.OUTCOME
        reconnection.save(update_fields=["step"])
    _tell(couple, brk, reconnection)
    return item


def suggested_timing(brk: Break) -> Timing:
    takers = list(brk.takers.all())
    if any(t.back_at is None for t in takers):
        return Timing.NOT_YET
    late_after = brk.returns_at + minutes(OVERDUE_AFTER)
    return Timing.LATE if any(t.back_at and t.back_at > late_after for t in takers) else Timing.ON_TIME


@transaction.atomic
def record_outcome(
    person: Person,
    break_id: UUID | str,
    timing: str,
    repair: str,
    next_talk_at: datetime | None = None,
) -> Reconnection:
    """Either partner records how the coming back went; this closes the break."""
    couple, brk, reconnection = _reconnecting(person, break_id)
    if timing not in Timing.values:
        raise BadAnswer(_("Choose whether you came back on time, late, or not yet."))
    if repair not in Repair.values:
        raise BadAnswer(_("Choose whether things feel repaired, partly, or not yet."))
    if reconnection.recorded_at is not None:
        if (reconnection.timing, reconnection.repair) == (timing, repair):
            return reconnection  # the same answer sent twice
        raise AlreadyRecorded
    needs_next = Timing.NOT_YET in (timing,) or repair == Repair.NOT_YET
    now = timezone.now()
    if needs_next:
        if next_talk_at is None:
            raise BadAnswer(_("Not yet is fine. Choose when you will talk again."))
        if not now < next_talk_at <= now + timedelta(days=14):
            raise BadAnswer(_("Choose a time to talk again within the next two weeks."))
    else:
        next_talk_at = None
    reconnection.timing, reconnection.repair, reconnection.next_talk_at = timing, repair, next_talk_at
    reconnection.recorded_by, reconnection.recorded_at, reconnection.step = person, now, Step.DONE
    reconnection.save()
    brk.closed_at = now
    brk.save(update_fields=["closed_at"])
    reminders.cancel(brk)
    _tell(couple, brk, reconnection)
    return reconnection


@transaction.atomic
def prepare(person: Person, break_id: UUID | str, felt: str, need: str, my_part: str) -> Preparation:
    """Keep a partner's private notes for their turn. Either partner may prepare, at any point."""
    _couple, brk = find_break(person, break_id)
    if brk.closed_at is not None:
        raise AlreadyRecorded
    felt, need, my_part = (PREPARATION_NOTE.check(text, BadAnswer) for text in (felt, need, my_part))
    notes, _created = Preparation.objects.update_or_create(
        brk=brk,
        person=person,
        defaults={"felt": felt, "need": need, "my_part": my_part, "updated_at": timezone.now()},
    )
    return notes
