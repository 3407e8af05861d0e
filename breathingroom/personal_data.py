"""What an app keeps about a person, as the app itself declares it in its own ``personal_data.py``.

Each app that holds personal data says there, in one place: which parts of a person's copy of their
data it gathers, which of its models are the person's own (gone with the account, by the database's
cascade) and which a partner shares (kept for the partner, with this person emptied out of them),
and what deleting an account must do that a cascade cannot see. ``yourdata`` reads every app's
declaration to build a copy or to delete an account; a test fails when a model that points at a
person or a couple is in no declaration, so new personal data cannot be forgotten.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from breathingroom.accounts.models import Person

Record = dict[str, Any]


def name_of(person: Person | None) -> str:
    """How someone appears in the history: their name, or, once they deleted their account, not even that."""
    return person.display_name if person is not None else _("a former partner")


@dataclass(frozen=True)
class Section:
    """One part of a person's copy, under ``name`` in the JSON file.

    ``gather`` answers plain lists and dictionaries: exactly what the app shows this person, a
    partner included, and never a secret of signing in. A section with ``csv`` (what the file holds,
    for the README) is also written as ``<name>.csv``, one row per item, its keys the columns.
    """

    name: str
    gather: Callable[[Person], list[Record] | Record]
    csv: Promise | None = None


@dataclass(frozen=True)
class Deletion:
    """An account being deleted, as each app's ``erase`` sees it: its couple has ended, its row is still there."""

    person: Person
    # Every couple this person was ever in.
    couple_ids: Sequence[Any]
    # Each partner they ever had, and the times the two of them were a couple.
    together: dict[int, list[tuple[datetime, datetime]]]
    # Whatever could name them where a partner keeps it (names, addresses, words they shared), casefolded.
    traces: frozenset[str]

    def mentions(self, value: Any) -> bool:
        if isinstance(value, str):
            return value.strip().casefold() in self.traces
        if isinstance(value, dict):
            return any(self.mentions(item) for item in value.values())
        if isinstance(value, list):
            return any(self.mentions(item) for item in value)
        return False

    def was_together(self, partner_id: int, at: datetime) -> bool:
        return any(start <= at <= end for start, end in self.together.get(partner_id, []))


@dataclass(frozen=True)
class PersonalData:
    """One app's declaration; every field may be left empty."""

    sections: Sequence[Section] = ()
    # Rows that are one person's own: each goes with its person's account, by cascade.
    own: Sequence[type[models.Model]] = ()
    # Rows a partner keeps: the deleted person's references are emptied, their words removed by ``erase``.
    shared: Sequence[type[models.Model]] = ()
    traces: Callable[[Person], Iterable[str]] | None = None
    # In the deletion's own transaction, after the couple ended and before the person's row goes.
    erase: Callable[[Deletion], None] | None = None
