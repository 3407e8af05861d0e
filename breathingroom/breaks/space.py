"""Taking space: starting a break, taking space too, extending it, ending it early, and the one
"thinking of you" the agreement allows.

Every change locks the couple's row first, so two phones pressing at once are served one after
the other and see each other's result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.agreements.models import LONGEST_BREAK, MORNING_HOUR, SHORTEST_BREAK, Contact, Terms
from breathingroom.agreements.proposals import terms_for
from breathingroom.breaks import describe as describing
from breathingroom.breaks import reminders
from breathingroom.breaks.models import (
    IDEMPOTENCY_KEY_LASTS,
    REASSURANCE_WORDS,
    SHORTEST_EXTENSION,
    Break,
    Extension,
    Taker,
    ThinkingOfYou,
    minutes,
)
from breathingroom.couples.models import Couple
from breathingroom.durations import minutes_label
from breathingroom.events.publish import publish
from breathingroom.refusals import Refused


class BreakRefused(Refused):
    """A break step that cannot happen."""


# Said instead of the plain "not in a couple" whenever a break step is asked for without a partner.
NO_ONE_TO_TAKE_SPACE_FROM = _("You are not in a couple, so there is no one to take space from.")


class NoSuchBreak(BreakRefused):
    status = 404
    message = _("There is no such break.")


class BreakOver(BreakRefused):
    message = _("This break is already over. It is time to reconnect.")


class BadLength(BreakRefused):
    status = 400


class OneLength(BadLength):
    message = _("Choose how long you need: a number of minutes, or until tomorrow morning.")


class NoUntilMorning(BadLength):
    message = _("Your agreement does not offer a break until tomorrow morning now.")


class BadReassurance(BreakRefused):
    status = 400


class NotOnBreak(BreakRefused):
    status = 403
    message = _("Only a partner on the break can do that.")


class NoMoreExtensions(BreakRefused):
    pass


class ContactNotAllowed(BreakRefused):
    status = 429


class TakerCannotSend(BreakRefused):
    status = 403
    message = _("You are the one taking space; this is for the partner who waits.")


# The amounts of extra time a page offers as buttons; any whole number within the room is taken.
EXTENSION_CHOICES = (10, 15, 20, 30, 45, 60, 90, 120)


def default_reassurance() -> str:
    return str(_("I need some time to settle. I'm not leaving us, and I'll come back at the time I chose."))


def reassurance_for(person: Person, partner: Person | None, terms: Terms) -> str:
    """What to prefill: the words the partner asked to hear, or the app's own gentle default."""
    return (partner and terms.words_for(partner)) or default_reassurance()


def next_morning(person: Person, now: datetime | None = None) -> datetime:
    """The next MORNING_HOUR o'clock in the person's own zone, at least the shortest break away.

    Found on the wall clock, so across a daylight-saving change "tomorrow at eight" is still
    eight, and the break is an hour shorter or longer that night.
    """
    now = now or timezone.now()
    local = now.astimezone(ZoneInfo(person.time_zone))
    morning = local.replace(hour=MORNING_HOUR, minute=0, second=0, microsecond=0)
    if morning <= local + timedelta(minutes=SHORTEST_BREAK):
        morning = (local + timedelta(days=1)).replace(hour=MORNING_HOUR, minute=0, second=0, microsecond=0)
    # Rebuild from the naive wall time so the offset is the one in force on that morning.
    return morning.replace(tzinfo=None).replace(tzinfo=ZoneInfo(person.time_zone))


def minutes_until_morning(person: Person, now: datetime | None = None) -> int:
    """Whole minutes from now until :func:`next_morning`."""
    now = now or timezone.now()
    return int((next_morning(person, now) - now).total_seconds() // 60)


@dataclass(frozen=True)
class Choice:
    minutes: int
    until_morning: bool = False

    @property
    def label(self) -> str:
        if self.until_morning:
            return str(_("Until tomorrow morning"))
        return minutes_label(self.minutes)


def longest_break(terms: Terms) -> int:
    """The longest a break may last under ``terms``, extensions and taking space too included."""
    return min(terms.longest, LONGEST_BREAK)


def _morning(person: Person, terms: Terms, now: datetime) -> Choice | None:
    """ "Until tomorrow morning", when the agreement offers it and the morning is within its range."""
    if not terms.until_morning:
        return None
    m = minutes_until_morning(person, now)
    return Choice(m, until_morning=True) if terms.shortest <= m <= terms.longest else None


def lengths_offered(person: Person, terms: Terms, now: datetime | None = None) -> list[Choice]:
    choices = [Choice(m) for m in terms.presets if terms.shortest <= m <= terms.longest]
    morning = _morning(person, terms, now or timezone.now())
    return [*choices, morning] if morning is not None else choices


def _check_length(n: int, terms: Terms) -> None:
    low, high = max(terms.shortest, SHORTEST_BREAK), longest_break(terms)
    if not low <= n <= high:
        raise BadLength(
            _("A break can last from %(low)s to %(high)s under your agreement.")
            % {"low": minutes_label(low), "high": minutes_label(high)}
        )


def _check_reassurance(text: str) -> str:
    return REASSURANCE_WORDS.check(text, BadReassurance)


def _lock_couple(person: Person) -> Couple:
    return Couple.objects.of(person, lock=True, refusal=NO_ONE_TO_TAKE_SPACE_FROM)


def _tell_couple(couple: Couple, type: str, brk: Break, **extra: object) -> None:
    # Each partner's copy is described for them, as their own page and the API would describe it.
    terms, partners = terms_for(couple), {p.pk: p for p in couple.partners}
    publish(partners, type, lambda pk: {**describing.describe(brk, partners[pk], terms).event(), **extra})


def _earlier_press(person: Person, couple: Couple, key: str) -> Break | None:
    """The break a repeated request with ``key`` already started, if it is this couple's and recent.

    A key answers only for the couple it was sent in and only for a day: a phone replaying an old
    request after its person left and paired again must never be shown the old couple's break and
    the old partner's words. Looked up under the couple's lock, so two copies of one request are
    served one after the other and the second finds the first's break.
    """
    taker = Taker.objects.filter(person=person, idempotency_key=key).select_related("brk").first()
    if taker is None:
        return None
    if taker.brk.couple_id == couple.pk and taker.joined_at >= timezone.now() - IDEMPOTENCY_KEY_LASTS:
        return taker.brk
    # Out of its scope, the old key is forgotten so that it can name this new press.
    Taker.objects.filter(pk=taker.pk).update(idempotency_key="")
    return None


def forget_old_idempotency_keys(now: datetime | None = None) -> int:
    """Clear keys past their day, so a key never outlives the retry it was made for."""
    now = now or timezone.now()
    stale = Taker.objects.exclude(idempotency_key="").filter(joined_at__lt=now - IDEMPOTENCY_KEY_LASTS)
    return stale.update(idempotency_key="")


@transaction.atomic
def take_space(
    person: Person,
    n: int | None,
    reassurance: str | None,
    idempotency_key: str = "",
    until_morning: bool = False,
) -> Break:
    """Start a break of ``n`` minutes, or join the partner's break ("take space too").

    Either ``n`` or ``until_morning``: the latter ends the break at eight o'clock sharp on the
    person's clock, and only when the agreement offers it and the morning is within its range.
    A ``reassurance`` of None sends the words the partner asked to hear, or the gentle default.
    Pressing again while already on the break, or repeating a request with the same
    idempotency key, answers with the same break and changes nothing.
    """
    if (n is None) != until_morning:
        raise OneLength
    couple = _lock_couple(person)
    if idempotency_key:
        earlier = _earlier_press(person, couple, idempotency_key)
        if earlier is not None:
            return earlier
    terms = terms_for(couple)
    now = timezone.now()
    returns_at = None
    if until_morning:
        if not terms.until_morning:
            raise NoUntilMorning
        # Checked against the agreement's range like any length, as lengths_offered() does.
        returns_at, n = next_morning(person, now), minutes_until_morning(person, now)
    assert n is not None
    _check_length(n, terms)
    if returns_at is None or settings.BREAK_MINUTE_SECONDS != 60:
        returns_at = now + minutes(n)
    if reassurance is None:
        reassurance = reassurance_for(person, couple.partner_of(person), terms)
    text = _check_reassurance(reassurance)
    current = Break.objects.current_for(couple)
    if current is not None and current.is_on(now):
        if current.taker(person) is not None:
            return current
        longest = longest_break(terms)
        if returns_at > current.started_at + minutes(longest):
            room = int((current.started_at + minutes(longest) - now) / minutes(1))
            raise BadLength(
                _(
                    "Together your breaks can last at most %(longest)s under your agreement, "
                    "so you can take up to %(room)s now."
                )
                % {"longest": minutes_label(longest), "room": minutes_label(room)}
            )
        Taker.objects.create(
            brk=current, person=person, reassurance=text, minutes=n, joined_at=now, idempotency_key=idempotency_key
        )
        current.returns_at = max(current.returns_at, returns_at)
        current.save(update_fields=["returns_at"])
        current = Break.objects.current_for(couple)
        assert current is not None
        reminders.schedule(current)
        _tell_couple(couple, "break.started", current, joined=person.display_name)
        return current
    if current is not None:
        # The old break reached its time but its reconnection was never recorded: a new need for
        # space replaces it rather than waiting on paperwork.
        current.closed_at = now
        current.save(update_fields=["closed_at"])
        reminders.cancel(current)
    brk = Break.objects.create(
        couple=couple, started_by=person, started_at=now, returns_at=returns_at, agreement_version=terms.version
    )
    Taker.objects.create(
        brk=brk, person=person, reassurance=text, minutes=n, joined_at=now, idempotency_key=idempotency_key
    )
    fresh = Break.objects.current_for(couple)
    assert fresh is not None
    reminders.schedule(fresh)
    _tell_couple(couple, "break.started", fresh)
    return fresh


def find_break(person: Person, break_id: UUID | str) -> tuple[Couple, Break]:
    couple = _lock_couple(person)
    brk = Break.objects.of_couple(couple).filter(pk=break_id).first()
    if brk is None:
        raise NoSuchBreak
    return couple, brk


def extensions_left(brk: Break, terms: Terms, now: datetime | None = None) -> int:
    """How many more times the break may be extended now: none once it is over."""
    return max(terms.extensions - brk.extensions_used, 0) if brk.is_on(now) else 0


def extension_room(brk: Break, terms: Terms) -> int:
    """The most minutes an extension may add before the break reaches the agreement's longest."""
    return longest_break(terms) - brk.length_minutes()


def extensions_offered(brk: Break, terms: Terms) -> list[int]:
    """The amounts of extra time to choose from, each one :func:`extend` would take."""
    room = extension_room(brk, terms)
    return [m for m in EXTENSION_CHOICES if SHORTEST_EXTENSION <= m <= room]


@transaction.atomic
def extend(person: Person, break_id: UUID | str, n: int, reassurance: str) -> Break:
    """More time for a partner on the break, with a new reassurance, within the agreement."""
    couple, brk = find_break(person, break_id)
    if not brk.is_on():
        raise BreakOver
    taker = brk.taker(person)
    if taker is None:
        raise NotOnBreak
    terms = terms_for(couple)
    if extensions_left(brk, terms) == 0:
        raise NoMoreExtensions(
            _("Your agreement allows no more time on this break; it is time to come back.")
            if terms.extensions == 0
            else _("Your agreement allows %(n)s extension(s) per break, and it has been used.")
            % {"n": terms.extensions}
        )
    text = _check_reassurance(reassurance)
    longest, room = longest_break(terms), extension_room(brk, terms)
    if n < SHORTEST_EXTENSION or n > room:
        if room < SHORTEST_EXTENSION:
            raise BadLength(
                _("This break is already close to the longest your agreement allows (%(longest)s).")
                % {"longest": minutes_label(longest)}
            )
        raise BadLength(
            _("You can add from %(low)s to %(high)s; your agreement's longest break is %(longest)s.")
            % {"low": minutes_label(SHORTEST_EXTENSION), "high": minutes_label(room), "longest": minutes_label(longest)}
        )
    brk.returns_at += minutes(n)
    brk.extensions_used += 1
    brk.save(update_fields=["returns_at", "extensions_used"])
    Extension.objects.create(brk=brk, person=person, minutes=n, reassurance=text)
    taker.reassurance = text
    taker.save(update_fields=["reassurance"])
    reminders.schedule(brk)
    _tell_couple(couple, "break.extended", brk, minutes=n, by=person.display_name)
    return brk


@transaction.atomic
def ready_to_talk(person: Person, break_id: UUID | str) -> Break:
    """A partner on the break is ready early. When everyone on it is, the reconnection starts now."""
    couple, brk = find_break(person, break_id)
    if not brk.is_on():
        raise BreakOver
    taker = brk.taker(person)
    if taker is None:
        raise NotOnBreak
    now = timezone.now()
    if taker.ready_at is None:
        taker.ready_at = taker.back_at = now
        taker.save(update_fields=["ready_at", "back_at"])
    brk = Break.objects.of_couple(couple).get(pk=brk.pk)
    if all(t.ready_at is not None for t in brk.takers.all()):
        brk.ended_early_at = now
        brk.save(update_fields=["ended_early_at"])
        reminders.cancel(brk)
        _tell_couple(couple, "break.ended", brk, by=person.display_name, early=True)
    else:
        _tell_couple(couple, "break.extended", brk, ready=person.display_name)
    return brk


def thinking_of_you_allowed(person: Person, brk: Break, terms: Terms, now: datetime | None = None) -> str | None:
    """None when ``person`` may send a "thinking of you" now; otherwise the reason, in plain words."""
    now = now or timezone.now()
    if not brk.is_on(now):
        return str(BreakOver.message)
    if brk.taker(person) is not None:
        return str(TakerCannotSend.message)
    if terms.contact == Contact.NOTHING:
        return str(_("Your agreement asks for no messages during a break, so you can both rest."))
    sent = brk.thoughts.filter(sender=person).order_by("-sent_at")
    last = sent.first()
    if last is None:
        return None
    if terms.contact == Contact.ONCE:
        return str(_("You have sent your “thinking of you” for this break."))
    wait_until = last.sent_at + minutes(terms.contact_every)
    if now < wait_until:
        return str(
            _("Your agreement allows one “thinking of you” every %(every)s; the next one can go at %(time)s.")
            % {
                "every": minutes_label(terms.contact_every),
                "time": time_format(timezone.localtime(wait_until, person.zone), "CLOCK_FORMAT"),
            }
        )
    return None


@transaction.atomic
def send_thinking_of_you(person: Person, break_id: UUID | str) -> ThinkingOfYou:
    couple, brk = find_break(person, break_id)
    reason = thinking_of_you_allowed(person, brk, terms_for(couple))
    if reason is not None:
        if not brk.is_on():
            raise BreakOver
        if brk.taker(person) is not None:
            raise TakerCannotSend
        raise ContactNotAllowed(reason)
    thought = ThinkingOfYou.objects.create(brk=brk, sender=person)
    publish(
        [t.person_id for t in brk.takers.all()],
        "break.thinking_of_you",
        {"break": str(brk.id), "from": person.display_name, "sent_at": thought.sent_at.isoformat()},
    )
    return thought
