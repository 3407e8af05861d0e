"""The reconnection ritual: check in, settle if the body needs it, take turns, name one thing to try, say how it went.

Both phones show the same step; either partner moves it on. Each move names the step it moves
from, so a double tap, or both pressing at once, moves it only one step. Nothing here hurries a
person: a high check-in turns the ritual to settling first, a turn ends only when both say it was
heard, and each partner keeps their own view of how it went.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from breathingroom.accounts.models import Person
from breathingroom.agreements.models import Reconnect
from breathingroom.agreements.proposals import terms_for
from breathingroom.breaks import reminders, talk_again
from breathingroom.breaks.models import (
    NEXT_TRY_WORDS,
    OVERDUE_AFTER,
    PREPARATION_NOTE,
    Break,
    CheckIn,
    NextTry,
    Outcome,
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
# From here up the body is still flooded (the guidance couples are given puts it around seven of
# ten), and talking now tends to go round the loop again: the ritual settles first.
FLOODED = 7
# "A few more minutes", in break minutes: the lengths offered, and how often one reconnection may
# wait, so that waiting stays a pause and never becomes a way of not coming back.
MORE_MINUTES = (5, 10)
MOST_MORE_TIMES = 3
# One breath taken together: a moment for both phones to hear of it, then slow rounds, the same as
# the breathing tool (in for four seconds, out for six).
BREATH_LEAD = timedelta(seconds=3)
BREATH_IN = 4
BREATH_OUT = 6
BREATH_ROUNDS = 6
BREATH_LENGTH = timedelta(seconds=(BREATH_IN + BREATH_OUT) * BREATH_ROUNDS)
# Once one partner has said how it went, how long the break waits for the other's view before it
# closes with the one it has: enough to finish talking and put the phone down, not so long that a
# partner who walked away keeps both called back to a ritual that is over.
OUTCOME_WAIT = 60


class NotYet(BreakRefused):
    message = _("It is not time to reconnect yet. The break is still on.")


class AlreadyRecorded(BreakRefused):
    message = _("How this reconnection went has already been recorded.")


class BadAnswer(BreakRefused):
    status = 400


class Replaced(BreakRefused):
    message = _("A newer break replaced this one, so its reconnection is closed.")


class NotNow(BreakRefused):
    """A step the ritual is not at, or not yet ready for."""


def flooded(check_ins: list[CheckIn]) -> bool:
    return any(c.strength >= FLOODED for c in check_ins)


def _talk_step(reconnect_way: str) -> Step:
    return Step.OWN_WAY if reconnect_way == Reconnect.OWN else Step.FIRST_TURN


def ready_to_talk(check_in: CheckIn | None, since: datetime | None) -> bool:
    """While settling since ``since``: checked in calmer than flooded again, or chose to go on anyway."""
    if check_in is None or since is None:
        return False
    chose = check_in.go_on_at is not None and check_in.go_on_at >= since
    return chose or (check_in.checked_at >= since and check_in.strength < FLOODED)


def settled(reconnection: Reconnection) -> bool:
    """Everyone who checked in is ready to talk again."""
    check_ins = list(reconnection.check_ins.all())
    return bool(check_ins) and all(ready_to_talk(c, reconnection.settling_since) for c in check_ins)


def next_step(reconnection: Reconnection, reconnect_way: str) -> Step:
    step = Step(reconnection.step)
    if step == Step.CHECK_IN:
        return Step.SETTLE if flooded(list(reconnection.check_ins.all())) else _talk_step(reconnect_way)
    if step == Step.SETTLE:
        return _talk_step(reconnect_way) if settled(reconnection) else Step.SETTLE
    order = {
        Step.FIRST_TURN: Step.SECOND_TURN,
        Step.SECOND_TURN: Step.TRY,
        Step.OWN_WAY: Step.TRY,
        Step.TRY: Step.OUTCOME,
    }
    return order.get(step, step)


def _go(reconnection: Reconnection, step: Step) -> None:
    if step == reconnection.step:
        return
    if step == Step.SETTLE:
        reconnection.settling_since = timezone.now()
    reconnection.step = step
    reconnection.said_back_at = reconnection.not_quite_at = None
    reconnection.save()


def _first_speaker(brk: Break) -> int | None:
    # The partner who waited has held their feelings longest, so they speak first; when both
    # took space, the one who stepped away second does.
    takers = {t.person_id for t in brk.takers.all()}
    waiting = [p.pk for p in brk.couple.partners if p.pk not in takers]
    if waiting:
        return waiting[0]
    return brk.taker_list[-1].person_id if brk.taker_list else None


def speaker_of(reconnection: Reconnection, couple: Couple) -> int | None:
    """Who speaks in the turn the ritual is at; None outside the turns."""
    first = reconnection.first_speaker_id
    if reconnection.step == Step.FIRST_TURN:
        return first
    if reconnection.step == Step.SECOND_TURN:
        return next((p.pk for p in couple.partners if p.pk != first), None)
    return None


def reconnection_of(brk: Break) -> Reconnection:
    """The break's reconnection, begun the first time anyone reaches it."""
    reconnection, _created = Reconnection.objects.get_or_create(
        brk=brk, defaults={"first_speaker_id": _first_speaker(brk), "started_at": brk.reconnect_at}
    )
    reconnection.brk = brk  # already at hand, with its couple: not read again
    return reconnection


def _reconnecting(person: Person, break_id: UUID | str) -> tuple[Couple, Break, Reconnection]:
    couple, brk = find_break(person, break_id)
    if brk.is_on():
        raise NotYet
    if brk.closed_at is None:
        reconnection = reconnection_of(brk)
        _close_if_waited(brk, reconnection)
        return couple, brk, reconnection
    # Closed either once its outcome was recorded, which can be read again, or by a new break.
    recorded = Reconnection.objects.filter(brk=brk, outcomes__isnull=False).first()
    if recorded is None:
        raise Replaced
    recorded.brk = brk
    return couple, brk, recorded


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


def _open(brk: Break) -> None:
    if brk.closed_at is not None:
        raise AlreadyRecorded


def _to_change(person: Person, break_id: UUID | str) -> tuple[Couple, Break, Reconnection]:
    couple, brk, reconnection = _reconnecting(person, break_id)
    _open(brk)
    return couple, brk, reconnection


@transaction.atomic
def come_back(person: Person, break_id: UUID | str) -> Reconnection:
    """A partner who was on the break says they are here."""
    couple, brk, reconnection = _to_change(person, break_id)
    _mark_back(person, brk)
    _tell(couple, brk, reconnection)
    return reconnection


def _waiting_more(reconnection: Reconnection) -> bool:
    return reconnection.more_until is not None and reconnection.more_until > timezone.now()


def _settling(reconnection: Reconnection) -> None:
    # The few more minutes someone asked for are theirs: the ritual waits, whoever presses.
    if reconnection.step == Step.SETTLE and _waiting_more(reconnection):
        raise NotNow(_("These few minutes are for settling. Check in again when they are over."))


@transaction.atomic
def check_in(person: Person, break_id: UUID | str, strength: int, shared: bool = False) -> CheckIn:
    couple, brk, reconnection = _to_change(person, break_id)
    if not 0 <= strength <= STRONGEST:
        raise BadAnswer(_("Choose a number from 0 (calm) to %(n)s (overwhelmed).") % {"n": STRONGEST})
    _settling(reconnection)
    check, _created = CheckIn.objects.update_or_create(
        reconnection=reconnection,
        person=person,
        defaults={"strength": strength, "shared": shared, "checked_at": timezone.now()},
    )
    check.reconnection = reconnection  # as found, with its break: not read again
    _mark_back(person, brk)
    checked_in = reconnection.check_ins.count() >= len(couple.partners)
    if (reconnection.step == Step.CHECK_IN and checked_in) or reconnection.step == Step.SETTLE:
        _go(reconnection, next_step(reconnection, terms_for(couple).reconnect))
    _tell(couple, brk, reconnection)
    return check


@transaction.atomic
def go_on(person: Person, break_id: UUID | str) -> Reconnection:
    """While settling: "still stirred up, and I choose to talk now". Talk starts once all who checked in are ready."""
    couple, brk, reconnection = _to_change(person, break_id)
    if reconnection.step != Step.SETTLE:
        return reconnection  # it already went on
    _settling(reconnection)
    mine = reconnection.check_ins.filter(person=person).first()
    if mine is None:
        raise NotNow(_("Check in first, so you both know where you are."))
    mine.go_on_at = timezone.now()
    mine.save(update_fields=["go_on_at"])
    _go(reconnection, next_step(reconnection, terms_for(couple).reconnect))
    _tell(couple, brk, reconnection)
    return reconnection


@transaction.atomic
def breathe_together(person: Person, break_id: UUID | str) -> Reconnection:
    """While settling, start one slow breath both phones take in step; then each checks in again."""
    couple, brk, reconnection = _to_change(person, break_id)
    if reconnection.step != Step.SETTLE:
        raise NotNow(_("The breath together is for settling after a high check-in."))
    _settling(reconnection)
    now = timezone.now()
    if reconnection.breath_at is not None and now < reconnection.breath_at + BREATH_LENGTH:
        return reconnection  # both pressed: one breath, the one already on its way
    reconnection.breath_at = now + BREATH_LEAD
    reconnection.settling_since = now
    reconnection.save(update_fields=["breath_at", "settling_since"])
    _tell(couple, brk, reconnection)
    return reconnection


def more_minutes_allowed(person: Person, brk: Break, reconnection: Reconnection | None) -> bool:
    """Whether ``person`` may ask for a few more minutes now: while settling, or while late coming back.

    A reconnection no one has reached yet (None) is at its check-in, with no minutes asked.
    """
    reconnection = reconnection or Reconnection()
    if brk.is_on() or brk.closed_at is not None or reconnection.more_times >= MOST_MORE_TIMES:
        return False
    if reconnection.step == Step.SETTLE:
        return True
    taker = brk.taker(person)
    return reconnection.step == Step.CHECK_IN and taker is not None and taker.back_at is None


@transaction.atomic
def more_minutes(person: Person, break_id: UUID | str, n: int) -> Reconnection:
    """A few more minutes before talking, asked by someone still settling or not back yet; both are told."""
    couple, brk, reconnection = _to_change(person, break_id)
    if n not in MORE_MINUTES:
        choices = ", ".join(str(m) for m in MORE_MINUTES)
        raise BadAnswer(_("Choose %(choices)s more minutes.") % {"choices": choices})
    if reconnection.more_times >= MOST_MORE_TIMES:
        raise NotNow(
            _("You have waited a few more minutes %(n)s times. Come back as you are; going slowly is fine.")
            % {"n": MOST_MORE_TIMES}
        )
    if not more_minutes_allowed(person, brk, reconnection):
        raise NotNow(_("A few more minutes are for settling, or for coming back late."))
    now = timezone.now()
    reconnection.more_until = max(now, reconnection.more_until or now) + minutes(n)
    reconnection.more_times += 1
    if reconnection.step == Step.SETTLE:
        reconnection.settling_since = now
    reconnection.save(update_fields=["more_until", "more_times", "settling_since"])
    publish(
        [p.pk for p in couple.partners],
        "reconnection.more_time",
        {
            "break": str(brk.id),
            "minutes": n,
            "until": reconnection.more_until,
            "step": reconnection.step,
            # Who asked, by the id a person is publicly known by: a phone tells only the other.
            "by": str(person.public_id),
        },
    )
    return reconnection


@transaction.atomic
def move_on(person: Person, break_id: UUID | str, from_step: str) -> Reconnection:
    """Go to the next step, if the ritual is still at ``from_step``; otherwise change nothing."""
    couple, brk, reconnection = _to_change(person, break_id)
    if reconnection.step != from_step or from_step in (Step.OUTCOME, Step.DONE, Step.SETTLE):
        # Settling ends by checking in again or choosing to go on, never by a tap past it.
        return reconnection
    if from_step in (Step.FIRST_TURN, Step.SECOND_TURN):
        raise NotNow(_("A turn ends when the listener has said back what they heard and the speaker feels heard."))
    _go(reconnection, next_step(reconnection, terms_for(couple).reconnect))
    _mark_back(person, brk)
    _tell(couple, brk, reconnection)
    return reconnection


def _in_turn(person: Person, break_id: UUID | str, turn: str) -> tuple[Couple, Break, Reconnection, bool]:
    couple, brk, reconnection = _to_change(person, break_id)
    at_turn = reconnection.step == turn and turn in (Step.FIRST_TURN, Step.SECOND_TURN)
    return couple, brk, reconnection, at_turn and speaker_of(reconnection, couple) == person.pk


@transaction.atomic
def said_back(person: Person, break_id: UUID | str, turn: str) -> Reconnection:
    """The listener of ``turn`` said back what they heard. If the turn is over, nothing changes."""
    couple, brk, reconnection, speaking = _in_turn(person, break_id, turn)
    if reconnection.step != turn:
        return reconnection
    if speaking:
        raise NotNow(_("This is your turn to speak; your partner says back what they heard."))
    reconnection.said_back_at, reconnection.not_quite_at = timezone.now(), None
    reconnection.save(update_fields=["said_back_at", "not_quite_at"])
    _tell(couple, brk, reconnection)
    return reconnection


@transaction.atomic
def heard(person: Person, break_id: UUID | str, turn: str, yes: bool) -> Reconnection:
    """The speaker of ``turn`` answers: "Yes, I was heard" ends the turn, "Not quite" asks to try again."""
    couple, brk, reconnection, speaking = _in_turn(person, break_id, turn)
    if reconnection.step != turn:
        return reconnection
    if not speaking:
        raise NotNow(_("The one who spoke says whether they felt heard."))
    if reconnection.said_back_at is None:
        if not yes and reconnection.not_quite_at is not None:
            return reconnection  # "not quite" sent twice
        raise NotNow(_("Wait for your partner to say back what they heard."))
    if yes:
        _go(reconnection, next_step(reconnection, terms_for(couple).reconnect))
    else:
        reconnection.said_back_at, reconnection.not_quite_at = None, timezone.now()
        reconnection.save(update_fields=["said_back_at", "not_quite_at"])
    _tell(couple, brk, reconnection)
    return reconnection


@transaction.atomic
def name_next_try(person: Person, break_id: UUID | str, text: str) -> NextTry:
    couple, brk, reconnection = _to_change(person, break_id)
    text = NEXT_TRY_WORDS.check(text, BadAnswer)
    item, _created = NextTry.objects.update_or_create(reconnection=reconnection, person=person, defaults={"text": text})
    item.reconnection = reconnection  # as found, with its break: not read again
    if reconnection.step == Step.TRY and reconnection.next_tries.count() >= len(couple.partners):
        _go(reconnection, Step.OUTCOME)
    _tell(couple, brk, reconnection)
    return item


def suggested_timing(brk: Break) -> Timing:
    takers = list(brk.takers.all())
    if any(t.back_at is None for t in takers):
        return Timing.NOT_YET
    late_after = brk.returns_at + minutes(OVERDUE_AFTER)
    return Timing.LATE if any(t.back_at and t.back_at > late_after for t in takers) else Timing.ON_TIME


def views_shown(brk: Break, reconnection: Reconnection, outcomes: Iterable[Outcome] | None = None) -> bool:
    """Whether each partner's view is shown to both: once all are in, or once the break has closed.

    ``outcomes``: the reconnection's, when they are already at hand.
    """
    people = {o.person_id for o in (reconnection.outcomes.all() if outcomes is None else outcomes)}
    return brk.closed_at is not None or (bool(people) and len(people) >= len(brk.couple.partners))


def _close(brk: Break, reconnection: Reconnection) -> None:
    brk.closed_at = timezone.now()
    brk.save(update_fields=["closed_at"])
    _go(reconnection, Step.DONE)
    reminders.cancel(brk)
    DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=close_when_waited.module_path, args_kwargs__args__0=str(brk.id)
    ).delete()
    talk_again.arrange(reconnection)


def _close_if_waited(brk: Break, reconnection: Reconnection) -> bool:
    first = reconnection.outcomes.order_by("recorded_at").first()
    if brk.closed_at is not None or first is None or timezone.now() < first.recorded_at + minutes(OUTCOME_WAIT):
        return False
    _close(brk, reconnection)
    return True


@task()
def close_when_waited(break_id: str) -> bool:
    """When the second view has not come, close the break with the view it has (once)."""
    with transaction.atomic():
        found = Break.objects.filter(pk=break_id).first()
        if found is None:
            return False
        # The couple's row first, as every change to a break locks it.
        Couple.objects.select_for_update().filter(pk=found.couple_id).first()
        brk = Break.objects.prefetch_related("takers").get(pk=found.pk)
        reconnection = Reconnection.objects.filter(brk=brk).first()
        if reconnection is None or not _close_if_waited(brk, reconnection):
            return False
        _tell(brk.couple, brk, reconnection)
    return True


@transaction.atomic
def record_outcome(
    person: Person,
    break_id: UUID | str,
    timing: str,
    repair: str,
    next_talk_at: datetime | None = None,
) -> Reconnection:
    """A partner records their own view of how the coming back went.

    The break closes when every partner has, or ``OUTCOME_WAIT`` after the first view if the other
    never comes: each view is shown to both only then, so neither is written to match the other.
    """
    couple, brk, reconnection = _reconnecting(person, break_id)
    if timing not in Timing.values:
        raise BadAnswer(_("Choose whether you came back on time, late, or not yet."))
    if repair not in Repair.values:
        raise BadAnswer(_("Choose whether things feel repaired, partly, or not yet."))
    mine = reconnection.outcomes.filter(person=person).first()
    if mine is not None:
        if (mine.timing, mine.repair) == (timing, repair):
            return reconnection  # the same answer sent twice
        raise AlreadyRecorded
    _open(brk)
    now = timezone.now()
    if Timing.NOT_YET in (timing, repair):
        if next_talk_at is None:
            raise BadAnswer(_("Not yet is fine. Choose when you will talk again."))
        if not now < next_talk_at <= now + timedelta(days=14):
            raise BadAnswer(_("Choose a time to talk again within the next two weeks."))
    else:
        next_talk_at = None
    Outcome.objects.create(
        reconnection=reconnection,
        person=person,
        timing=timing,
        repair=repair,
        next_talk_at=next_talk_at,
        recorded_at=now,
    )
    if reconnection.outcomes.count() >= len(couple.partners):
        _close(brk, reconnection)
    else:
        _go(reconnection, Step.OUTCOME)
        close_when_waited.using(run_after=now + minutes(OUTCOME_WAIT)).enqueue(str(brk.id))
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
