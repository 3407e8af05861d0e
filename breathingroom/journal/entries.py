"""Keeping a journal: writing, editing, deleting and sharing entries, whoever asks (a page or the API).

An entry is its author's alone. Someone else's entry is refused exactly like one that never existed,
so no id tells anyone that an entry is there. The one exception is sharing: the author may let their
partner read an entry, in the couple they are in now, until they stop sharing it, leave the couple or
delete the entry. A partner reads a shared entry as it is now, later edits included, and is told of
each share (and each unshare, so an open page drops it) by the "journal.shared" event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.couples.models import Couple
from breathingroom.events.publish import publish
from breathingroom.journal.models import ENTRY_WORDS, IDEMPOTENCY_KEY_LENGTH, Entry, EntryQuerySet
from breathingroom.journal.prompts import PROMPTS
from breathingroom.refusals import Refused

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person

SHARED = "journal.shared"
NOT_A_PROMPT = _("Choose one of the prompts, or write without one.")


class NotKept(Refused):
    """An entry that cannot be kept as written."""

    status = 400


class NoSuchEntry(Refused):
    status = 404
    message = _("There is no such journal entry.")


class ChangedElsewhere(Refused):
    status = 409
    message = _(
        "This entry was changed somewhere else after you opened it, perhaps on another device. "
        "Nothing was saved: your words are still here to copy, beside what it says now."
    )


class NoOneToShareWith(Refused):
    status = 409
    message = _("Sharing is with a partner, and you are not paired with anyone right now. The entry stays private.")


def write(person: Person, text: str, prompt: str = "", key: str = "") -> Entry:
    """Keep a new entry for ``person``, begun from ``prompt`` (a prompt's key) or from nothing.

    ``key`` makes a request sent twice keep one entry: the second is answered with the first's.
    """
    text = _words(text)
    if not isinstance(prompt, str) or (prompt and prompt not in PROMPTS):
        raise NotKept(NOT_A_PROMPT)
    if not isinstance(key, str) or len(key) > IDEMPOTENCY_KEY_LENGTH:
        raise NotKept(_("That request key is too long: use at most %(n)s characters.") % {"n": IDEMPOTENCY_KEY_LENGTH})
    if key and (earlier := _written_with(person, key)) is not None:
        return earlier
    try:
        with transaction.atomic():
            return Entry.objects.create(person=person, text=text, prompt=prompt, idempotency_key=key)
    except IntegrityError:
        # The same key at the same moment: the other request kept it first.
        earlier = _written_with(person, key) if key else None
        if earlier is None:
            raise
        return earlier


def _written_with(person: Person, key: str) -> Entry | None:
    return Entry.objects.written_by(person).filter(idempotency_key=key).first()


def _words(text: object) -> str:
    if not isinstance(text, str):
        raise NotKept(ENTRY_WORDS.empty)
    return ENTRY_WORDS.check(text, NotKept)


def own(person: Person, entry_id: UUID, *, lock: bool = False) -> Entry:
    """``person``'s own entry, or :class:`NoSuchEntry`; ``lock`` holds its row until the transaction ends."""
    found = Entry.objects.written_by(person).filter(pk=entry_id)
    if lock:
        found = found.select_for_update()
    entry = found.first()
    if entry is None:
        raise NoSuchEntry
    return entry


def readable(person: Person, entry_id: UUID) -> Entry:
    """An entry ``person`` may read: their own, or one their partner shares with them now."""
    entry = Entry.objects.filter(pk=entry_id).select_related("person").first()
    if entry is None:
        raise NoSuchEntry
    if entry.person_id == person.pk:
        return entry
    couple = Couple.objects.current_for(person)
    if couple is None or not entry.shared_now(couple):
        # Shared once, in another couple, or never: all alike to whoever asks.
        raise NoSuchEntry
    return entry


def mine(person: Person) -> EntryQuerySet:
    return Entry.objects.written_by(person).newest_first()


def shared_with(person: Person, couple: Couple | None) -> EntryQuerySet:
    """What ``person``'s partner shares with them now (``couple``: their couple now, or None)."""
    if couple is None:
        return Entry.objects.none()
    return Entry.objects.shared_with(person, couple).select_related("person")


def edit(person: Person, entry_id: UUID, text: str, version: int | None = None) -> Entry:
    """New words for ``person``'s entry; a partner it is shared with reads the new words from now on.

    ``version``: the version the new words were written over. If the entry changed since, nothing
    is saved and :class:`ChangedElsewhere` says so, so neither device's words are lost unseen.
    """
    text = _words(text)
    with transaction.atomic():
        entry = own(person, entry_id, lock=True)
        if version is not None and version != entry.version:
            raise ChangedElsewhere
        if text == entry.text:
            return entry  # sent twice, or saved unchanged: no new version
        entry.text = text
        entry.version += 1
        entry.edited_at = timezone.now()
        entry.save(update_fields=["text", "version", "edited_at"])
        return entry


def delete(person: Person, entry_id: UUID) -> None:
    """Delete ``person``'s entry; a partner it was shared with can no longer read it either."""
    with transaction.atomic():
        entry = own(person, entry_id, lock=True)
        couple = Couple.objects.current_for(person)
        was_shared = entry.shared_now(couple)
        entry.delete()
        if was_shared and couple is not None:
            _tell_partner(person, couple, entry_id, shared=False)


def share(person: Person, entry_id: UUID) -> Entry:
    """Let ``person``'s partner read the entry, until it is unshared. Sharing again changes nothing."""
    with transaction.atomic():
        entry = own(person, entry_id, lock=True)
        couple = Couple.objects.current_for(person)
        if couple is None or couple.partner_of(person) is None:
            raise NoOneToShareWith
        if entry.shared_now(couple):
            return entry
        entry.shared_in, entry.shared_at = couple, timezone.now()
        entry.save(update_fields=["shared_in", "shared_at"])
        _tell_partner(person, couple, entry.id, shared=True)
        return entry


def unshare(person: Person, entry_id: UUID) -> Entry:
    """Make the entry private again: the partner can no longer open it. Unsharing again changes nothing."""
    with transaction.atomic():
        entry = own(person, entry_id, lock=True)
        if entry.shared_in_id is None:
            return entry
        couple = Couple.objects.current_for(person)
        was_shared = entry.shared_now(couple)
        entry.shared_in, entry.shared_at = None, None
        entry.save(update_fields=["shared_in", "shared_at"])
        if was_shared and couple is not None:
            _tell_partner(person, couple, entry.id, shared=False)
        return entry


def _tell_partner(person: Person, couple: Couple, entry_id: UUID, *, shared: bool) -> None:
    # Only which entry, and whether it is shared now: the words stay in the entry, behind its rules.
    partner = couple.partner_of(person)
    if partner is not None:
        publish([partner.pk], SHARED, {"entry": str(entry_id), "shared": shared})
