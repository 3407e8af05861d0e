"""Sending a kind word to one's partner, reading the notes between the two, and putting one away.

Pages and the API both come here, so the rules hold whoever asks: only someone in a couple sends,
only to their partner, never while a break is on, and a doubled tap or a retried request sends one
note, not two. Each note is reached through the couple it was sent in: another couple's note, and
one from a couple that has ended, is refused exactly like one that never existed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import overload
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.appreciations import notices
from breathingroom.appreciations.describe import AppreciationSeen, describe
from breathingroom.appreciations.models import (
    APPRECIATION_WORDS,
    DOUBLE_TAP_WITHIN,
    IDEMPOTENCY_KEY_LASTS,
    IDEMPOTENCY_KEY_LENGTH,
    ON_HOME,
    Appreciation,
    AppreciationQuerySet,
    NoteKind,
)
from breathingroom.breaks.models import Break
from breathingroom.couples.models import Couple
from breathingroom.events.publish import publish
from breathingroom.refusals import Refused

NO_ONE_TO_SEND_TO = _("You are not in a couple, so there is no one to send this to yet.")
NOTHING_WRITTEN = _("Write a few words first, or send “we're okay”.")


class NotSent(Refused):
    """A note that cannot go as it is."""

    status = 400


class DuringABreak(Refused):
    # A break's contact is what the agreement allows ("thinking of you"), and nothing else: a note
    # arriving then would go around the agreement, and ask something of a person settling down.
    message = _(
        "While one of you is taking space, only what your agreement allows reaches the other. "
        "Keep these words for when you are back together."
    )


class NoSuchAppreciation(Refused):
    status = 404
    message = _("There is no such note.")


def break_on(couple: Couple, now: datetime | None = None) -> bool:
    brk = Break.objects.current_for(couple)
    return brk is not None and brk.is_on(now)


def _earlier_request(person: Person, couple: Couple, key: str, now: datetime) -> Appreciation | None:
    """The note a repeated request with ``key`` already sent, if it is this couple's and recent.

    Out of its scope (another couple, or older than a day) the key is forgotten, so that it can name
    this new request; looked up under the couple's lock, so two copies of one request are served one
    after the other and the second finds the first's note.
    """
    earlier = Appreciation.objects.filter(sender=person, idempotency_key=key).first()
    if earlier is None:
        return None
    if earlier.couple_id == couple.pk and earlier.sent_at >= now - IDEMPOTENCY_KEY_LASTS:
        return earlier
    Appreciation.objects.filter(pk=earlier.pk).update(idempotency_key="")
    return None


def forget_old_idempotency_keys(now: datetime | None = None) -> int:
    """Clear keys past their day, so a key never outlives the retry it was made for."""
    now = now or timezone.now()
    stale = Appreciation.objects.exclude(idempotency_key="").filter(sent_at__lt=now - IDEMPOTENCY_KEY_LASTS)
    return stale.update(idempotency_key="")


def _same_note_just_sent(
    person: Person, couple: Couple, kind: NoteKind, text: str, now: datetime
) -> Appreciation | None:
    # The words are encrypted, so the database cannot compare them: the last few seconds' notes are
    # read and compared here. Under the couple's lock, two taps arrive one after the other.
    recent = Appreciation.objects.of_couple(couple).filter(
        sender=person, kind=kind, sent_at__gte=now - DOUBLE_TAP_WITHIN
    )
    return next((note for note in recent.order_by("-sent_at") if note.text == text), None)


@transaction.atomic
def send(
    person: Person, text: str, kind: NoteKind | str = NoteKind.APPRECIATION, idempotency_key: str = ""
) -> Appreciation:
    """Send a few kind words, or a plain "we're okay" (words optional), to ``person``'s partner.

    Pressing again with the same words within a few seconds, or repeating a request with the same
    idempotency key, answers with the note already sent and sends nothing new.
    """
    if kind not in NoteKind.values:
        raise NotSent(_("Choose kind words or “we're okay”."))
    if len(idempotency_key) > IDEMPOTENCY_KEY_LENGTH:
        raise NotSent(_("An Idempotency-Key is at most %(n)s characters.") % {"n": IDEMPOTENCY_KEY_LENGTH})
    couple = Couple.objects.of(person, lock=True, refusal=NO_ONE_TO_SEND_TO)
    now = timezone.now()
    if idempotency_key:
        earlier = _earlier_request(person, couple, idempotency_key, now)
        if earlier is not None:
            return earlier
    if break_on(couple, now):
        raise DuringABreak
    kind = NoteKind(kind)
    words = APPRECIATION_WORDS.check(text, NotSent)
    if kind == NoteKind.APPRECIATION and not words:
        raise NotSent(NOTHING_WRITTEN)
    doubled = _same_note_just_sent(person, couple, kind, words, now)
    if doubled is not None:
        return doubled
    partner = couple.partner_of(person)
    assert partner is not None  # a couple in progress has two people
    note = Appreciation.objects.create(
        couple=couple,
        sender=person,
        recipient=partner,
        kind=kind,
        text=words,
        sent_at=now,
        idempotency_key=idempotency_key,
    )
    events = publish([partner.pk], "appreciation.received", describe(note, partner).event())
    notices.after_quiet_hours(events)
    return note


@dataclass
class Appreciations(Sequence[AppreciationSeen]):
    """The notes between a person and their partner, newest first, described only for the page asked for."""

    notes: AppreciationQuerySet
    person: Person

    def __len__(self) -> int:
        return self.notes.count()

    @overload
    def __getitem__(self, index: int) -> AppreciationSeen: ...

    @overload
    def __getitem__(self, index: slice) -> list[AppreciationSeen]: ...

    def __getitem__(self, index: int | slice) -> AppreciationSeen | list[AppreciationSeen]:
        if isinstance(index, int):
            return describe(self.notes[index], self.person)
        return [describe(note, self.person) for note in self.notes[index]]


def appreciations_for(person: Person) -> Appreciations:
    """Every note ``person`` sent or received in their couple now, newest first."""
    couple = Couple.objects.of(person, refusal=NO_ONE_TO_SEND_TO)
    return Appreciations(Appreciation.objects.between(couple, person), person)


def new_for(person: Person, couple: Couple) -> tuple[list[AppreciationSeen], int]:
    """The newest few notes to ``person`` not put away yet, and how many more are waiting."""
    waiting = Appreciation.objects.new_for(couple, person)
    newest = [describe(note, person) for note in waiting[: ON_HOME + 1]]
    more = waiting.count() - ON_HOME if len(newest) > ON_HOME else 0
    return newest[:ON_HOME], more


def _note_id(value: UUID | str) -> UUID:
    # Anything that is not a note's id is answered like the id of no note of this couple.
    try:
        return value if isinstance(value, UUID) else UUID(value)
    except ValueError:
        raise NoSuchAppreciation from None


def find(person: Person, appreciation_id: UUID | str) -> AppreciationSeen:
    """One note ``person`` sent or received in their couple now."""
    couple = Couple.objects.of(person, refusal=NO_ONE_TO_SEND_TO)
    note = Appreciation.objects.between(couple, person).filter(pk=_note_id(appreciation_id)).first()
    if note is None:
        raise NoSuchAppreciation
    return describe(note, person)


@transaction.atomic
def put_away(person: Person, appreciation_id: UUID | str) -> AppreciationSeen:
    """Take a note to ``person`` off their Home; it stays among their appreciations. Only its recipient may.

    Putting it away again changes nothing, and the sender is never told.
    """
    couple = Couple.objects.of(person, refusal=NO_ONE_TO_SEND_TO)
    mine = Appreciation.objects.between(couple, person).filter(recipient=person)
    note = mine.select_for_update(of=("self",)).filter(pk=_note_id(appreciation_id)).first()
    if note is None:
        raise NoSuchAppreciation
    if note.seen_at is None:
        note.seen_at = timezone.now()
        note.save(update_fields=["seen_at"])
    return describe(note, person)
