"""What keeps a break in view away from the break page: the words and the time to come back.

The waiting partner reads the words they were given; the one on the break reads their own time to
come back. Calm pages show it in a small banner and the header stops offering "I need space" to
someone already taking it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from breathingroom.accounts.models import Person
from breathingroom.breaks.models import Break, Phase, Taker
from breathingroom.couples.models import Couple


@dataclass(frozen=True)
class Held:
    brk: Break | None = None
    phase: Phase | None = None
    # This person's own place on the break, when they are the one taking space.
    mine: Taker | None = None
    # Everyone else on the break, whose words the waiting partner keeps in view.
    others: list[Taker] = field(default_factory=list)

    @property
    def taking_space(self) -> bool:
        return self.mine is not None and self.phase == Phase.ON_BREAK

    @property
    def signature(self) -> str:
        """A digest of all the banner shows, so a live check that would change nothing gets 204."""
        parts: list[object] = []
        if self.brk is not None:
            takers = [self.mine, *self.others] if self.mine else self.others
            parts = [self.brk.id, self.phase, self.brk.returns_at, [(t.person_id, t.reassurance) for t in takers]]
        return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def held_for(person: Person) -> Held:
    """The break this person's couple is on, seen from their side; empty when there is none."""
    couple = Couple.objects.current_for(person)
    brk = Break.objects.current_for(couple) if couple is not None else None
    if brk is None:
        return Held()
    return Held(
        brk=brk,
        phase=brk.phase(timezone.now()),
        mine=brk.taker(person),
        others=[t for t in brk.taker_list if t.person_id != person.pk],
    )


def held(request: HttpRequest) -> dict[str, object]:
    """The person's break for every page, looked up only if the page asks."""

    def look_up() -> Held:
        user = request.user
        return held_for(user) if isinstance(user, Person) else Held()

    return {"held": SimpleLazyObject(look_up)}
