"""What keeps a break in view away from the break page: the words and the time to come back.

The waiting partner reads the words they were given; the one on the break reads their own time to
come back. Calm pages show it in a small banner and the header stops offering "I need space" to
someone already taking it. The break itself is told by the one describer, as everywhere else.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from breathingroom.accounts.models import Person
from breathingroom.breaks.describe import BreakSeen, describe
from breathingroom.breaks.models import Break, Phase
from breathingroom.couples.models import Couple


@dataclass(frozen=True)
class Held:
    """The couple's open break as this person sees it, or nothing when there is none."""

    seen: BreakSeen | None = None

    @property
    def taking_space(self) -> bool:
        return self.seen is not None and self.seen.i_am_on_break and self.seen.phase == Phase.ON_BREAK

    @property
    def signature(self) -> str:
        """A digest of all the banner shows, so a live check that would change nothing gets 204."""
        parts: list[object] = []
        if self.seen is not None:
            words = [(t.person_id, t.is_me, t.reassurance) for t in self.seen.takers]
            parts = [self.seen.id, self.seen.phase, self.seen.returns_at, words]
        return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def held_for(person: Person) -> Held:
    couple = Couple.objects.current_for(person)
    brk = Break.objects.current_for(couple) if couple is not None else None
    return Held(describe(brk, person) if brk is not None else None)


def held(request: HttpRequest) -> dict[str, object]:
    """The person's break for every page, looked up only if the page asks."""

    def look_up() -> Held:
        user = request.user
        return held_for(user) if isinstance(user, Person) else Held()

    return {"held": SimpleLazyObject(look_up)}
