"""One describer for a journal entry: what this person sees of it, for the pages and the API alike.

The author sees everything about their entry. A partner reading a shared entry sees its words, its
prompt, when it was written and when it was shared, never when or how often it was edited: what
they are given is the entry, not a view of the other's evenings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import overload
from uuid import UUID

from django.db.models import QuerySet

from breathingroom.accounts.models import Person
from breathingroom.couples.models import Couple
from breathingroom.journal.models import Entry
from breathingroom.journal.prompts import Prompt, prompt


@dataclass(frozen=True)
class EntryView:
    id: UUID
    text: str
    prompt: Prompt | None
    written_at: datetime
    mine: bool
    author: str
    shared: bool
    shared_at: datetime | None
    # The author's alone.
    edited_at: datetime | None
    version: int | None
    # On one's own shared entry: who can read it.
    shared_with: str | None


def describe(entry: Entry, viewer: Person, couple: Couple | None) -> EntryView:
    """``entry`` as ``viewer`` sees it; ``couple`` is the viewer's couple now (None: they have none)."""
    mine = entry.person_id == viewer.pk
    shared = entry.shared_now(couple)
    partner = couple.partner_of(viewer) if couple is not None else None
    return EntryView(
        id=entry.id,
        text=entry.text,
        prompt=prompt(entry.prompt),
        written_at=entry.created_at,
        mine=mine,
        author=viewer.display_name if mine else entry.person.display_name,
        shared=shared,
        shared_at=entry.shared_at if shared else None,
        edited_at=entry.edited_at if mine else None,
        version=entry.version if mine else None,
        shared_with=partner.display_name if mine and shared and partner is not None else None,
    )


@dataclass
class Described(Sequence[EntryView]):
    """A list of entries, described only for the page asked for."""

    entries: Sequence[Entry] | QuerySet[Entry]
    viewer: Person
    couple: Couple | None

    def __len__(self) -> int:
        # A query is counted by the database, not by reading every row.
        return self.entries.count() if isinstance(self.entries, QuerySet) else len(self.entries)

    @overload
    def __getitem__(self, index: int) -> EntryView: ...

    @overload
    def __getitem__(self, index: slice) -> list[EntryView]: ...

    def __getitem__(self, index: int | slice) -> EntryView | list[EntryView]:
        if isinstance(index, int):
            return describe(self.entries[index], self.viewer, self.couple)
        return [describe(entry, self.viewer, self.couple) for entry in self.entries[index]]
