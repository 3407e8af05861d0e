"""Our breaks, remembered: every break of the couple, newest first, and what each partner said they would try.

The page and the API read the same list, each break told by the one describer, so both show the
same things and keep the same things private.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import overload

from django.utils import timezone

from breathingroom.accounts.models import Person
from breathingroom.agreements.models import Terms
from breathingroom.agreements.proposals import terms_for
from breathingroom.breaks.describe import BreakSeen, describe
from breathingroom.breaks.models import Break, BreakQuerySet, NextTry
from breathingroom.breaks.space import NO_ONE_TO_TAKE_SPACE_FROM
from breathingroom.couples.models import Couple


@dataclass
class History(Sequence[BreakSeen]):
    """The couple's breaks as one person sees them, described only for the page asked for."""

    breaks: BreakQuerySet
    person: Person
    terms: Terms

    def __len__(self) -> int:
        return self.breaks.count()

    @overload
    def __getitem__(self, index: int) -> BreakSeen: ...

    @overload
    def __getitem__(self, index: slice) -> list[BreakSeen]: ...

    def __getitem__(self, index: int | slice) -> BreakSeen | list[BreakSeen]:
        now = timezone.now()
        if isinstance(index, int):
            return describe(self.breaks[index], self.person, self.terms, now)
        return [describe(brk, self.person, self.terms, now) for brk in self.breaks[index]]


def history_for(person: Person) -> History:
    """``person``'s couple's breaks, newest first; refused when they have no partner."""
    couple = Couple.objects.of(person, refusal=NO_ONE_TO_TAKE_SPACE_FROM)
    breaks = (
        Break.objects.of_couple(couple)
        .select_related("reconnection", "couple")
        .prefetch_related(
            "thoughts",
            "couple__memberships__person",
            "reconnection__check_ins",
            "reconnection__next_tries",
            "reconnection__outcomes",
        )
        .order_by("-started_at", "-pk")
    )
    return History(breaks, person, terms_for(couple))


def last_try(person: Person, couple: Couple, before: datetime | None = None) -> str | None:
    """The one thing ``person`` last said they would try, in this couple, before ``before``.

    Only their own: it is shown back to them as they step away or wait, never to their partner.
    """
    tries = NextTry.objects.filter(person=person, reconnection__brk__couple=couple)
    if before is not None:
        tries = tries.filter(reconnection__brk__started_at__lt=before)
    found = tries.order_by("-created_at").first()
    return found.text if found is not None else None
