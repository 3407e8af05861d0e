"""Keeping what a person writes down while calming themselves: body check-ins and unsent notes.

Pages and any other caller come here, so the rules hold whoever asks. Each thing is reached through
its author only: someone else's check-in or note is refused exactly like one that never existed, so
nobody can learn that it does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from breathingroom.calm.models import (
    CHECK_IN_NOTE,
    FASTEST_HEART_RATE,
    FEELING_WORDS,
    RECENT_CHECK_INS,
    SLOWEST_HEART_RATE,
    STRONGEST,
    UNSENT_WORDS,
    BodyCheckIn,
    BodyPart,
    Sensation,
    UnsentNote,
)
from breathingroom.refusals import Refused

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person
    from breathingroom.calm.models import WrittenQuerySet

STRENGTH_RANGE = format_lazy(_("Choose a number from 0 to {strongest}."), strongest=STRONGEST)
HEART_RATE_RANGE = format_lazy(
    _("A heart rate here is between {slowest} and {fastest} beats a minute. If you are not sure, leave it empty."),
    slowest=SLOWEST_HEART_RATE,
    fastest=FASTEST_HEART_RATE,
)
NOT_A_PLACE = _("Choose one of the places in the list.")
NOT_A_SENSATION = _("Choose one of the sensations in the list.")


class NotKept(Refused):
    """A check-in or note that cannot be kept as written."""

    status = 400


class NoSuchCheckIn(Refused):
    status = 404
    message = _("There is no such check-in.")


class NoSuchNote(Refused):
    status = 404
    message = _("There is no such note.")


def _whole_number(value: object) -> bool:
    # True and False are ints to Python, never a strength or a pulse to a person.
    return isinstance(value, int) and not isinstance(value, bool)


def check_in(
    person: Person,
    where: str,
    sensation: str,
    strength: int,
    feeling: str = "",
    heart_rate: int | None = None,
    note: str = "",
) -> BodyCheckIn:
    """Keep where in the body a feeling sits, and how strongly, for ``person`` alone."""
    if where not in BodyPart.values:
        raise NotKept(NOT_A_PLACE)
    if sensation not in Sensation.values:
        raise NotKept(NOT_A_SENSATION)
    if not _whole_number(strength) or not 0 <= strength <= STRONGEST:
        raise NotKept(STRENGTH_RANGE)
    if heart_rate is not None and (
        not _whole_number(heart_rate) or not SLOWEST_HEART_RATE <= heart_rate <= FASTEST_HEART_RATE
    ):
        raise NotKept(HEART_RATE_RANGE)
    return BodyCheckIn.objects.create(
        person=person,
        where=where,
        sensation=sensation,
        strength=strength,
        feeling=FEELING_WORDS.check(feeling, NotKept),
        heart_rate=heart_rate,
        note=CHECK_IN_NOTE.check(note, NotKept),
    )


def keep_unsent_note(person: Person, text: str) -> UnsentNote:
    """Keep words ``person`` wanted to say, instead of sending them to anyone."""
    return UnsentNote.objects.create(person=person, text=UNSENT_WORDS.check(text, NotKept))


def recent_check_ins(person: Person) -> WrittenQuerySet[BodyCheckIn]:
    return BodyCheckIn.objects.written_by(person).latest_first()[:RECENT_CHECK_INS]


def unsent_notes(person: Person) -> WrittenQuerySet[UnsentNote]:
    return UnsentNote.objects.written_by(person).latest_first()


def delete_check_in(person: Person, check_in_id: UUID) -> None:
    deleted, _kinds = BodyCheckIn.objects.written_by(person).filter(pk=check_in_id).delete()
    if not deleted:
        raise NoSuchCheckIn


def delete_unsent_note(person: Person, note_id: UUID) -> None:
    deleted, _kinds = UnsentNote.objects.written_by(person).filter(pk=note_id).delete()
    if not deleted:
        raise NoSuchNote
