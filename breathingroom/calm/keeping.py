"""Keeping what a person writes down while calming themselves: notes they did not send.

Pages and any other caller come here, so the rules hold whoever asks. Each note is reached through
its author only: someone else's note is refused exactly like one that never existed, so nobody can
learn that it does. (Body check-ins are kept by ``body/checking_in.py``.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.utils.translation import gettext_lazy as _

from breathingroom.calm.models import UNSENT_WORDS, UnsentNote
from breathingroom.refusals import Refused

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person
    from breathingroom.calm.models import WrittenQuerySet


class NotKept(Refused):
    """A note that cannot be kept as written."""

    status = 400


class NoSuchNote(Refused):
    status = 404
    message = _("There is no such note.")


def keep_unsent_note(person: Person, text: str) -> UnsentNote:
    """Keep words ``person`` wanted to say, instead of sending them to anyone."""
    return UnsentNote.objects.create(person=person, text=UNSENT_WORDS.check(text, NotKept))


def unsent_notes(person: Person) -> WrittenQuerySet[UnsentNote]:
    return UnsentNote.objects.written_by(person).latest_first()


def delete_unsent_note(person: Person, note_id: UUID) -> None:
    deleted, _kinds = UnsentNote.objects.written_by(person).filter(pk=note_id).delete()
    if not deleted:
        raise NoSuchNote
