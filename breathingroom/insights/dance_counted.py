"""The moves and triggers each partner names most often in their sides of the dance.

Counted by the database from the sides' tallies (``dance.counting``), never by opening them. The
viewer's own line counts every side they wrote, shared or not: it is theirs. Their partner's counts
only the sides the partner shares now, so a side kept private, or unshared, changes nothing here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.text import capfirst

from breathingroom.accounts.models import Person
from breathingroom.couples.models import Couple
from breathingroom.dance.counting import counted
from breathingroom.dance.models import Side
from breathingroom.dance.vocabulary import MOVE_SEEN, Move
from breathingroom.insights.window import Window

# How many of each are shown: enough to see a pattern, few enough to read on a phone.
MOST_OFTEN = 5


@dataclass(frozen=True)
class Often:
    value: str
    words: str
    times: int


@dataclass(frozen=True)
class DanceLine:
    person_id: int
    name: str
    mine: bool
    sides: int
    moves: tuple[Often, ...]
    triggers: tuple[Often, ...]


def _move_words(value: str, mine: bool) -> str:
    """My own move as I chose it ("I withdrew"); my partner's as the cycle map says it ("Withdraws")."""
    if mine:
        return str(dict(Move.choices).get(value, value))
    return capfirst(str(MOVE_SEEN.get(value, value)))


def most_often(couple: Couple, window: Window, viewer: Person, people: list[Person]) -> tuple[DanceLine, ...]:
    sides = Side.objects.filter(episode__couple=couple, episode__happened_at__gte=window.since).filter(
        Q(person=viewer) | Q(shared_at__isnull=False, person__in=[p.pk for p in people])
    )
    written = dict(sides.order_by().values("person_id").annotate(n=Count("pk")).values_list("person_id", "n"))
    counts = counted(sides, ("move", "trigger"), top=MOST_OFTEN) if written else {}
    lines = []
    for person in people:
        mine = person.pk == viewer.pk
        found = counts.get(person.pk, {})
        lines.append(
            DanceLine(
                person_id=person.pk,
                name=person.display_name,
                mine=mine,
                sides=written.get(person.pk, 0),
                moves=tuple(Often(c.value, _move_words(c.value, mine), c.times) for c in found.get("move", [])),
                triggers=tuple(Often(c.value, c.words, c.times) for c in found.get("trigger", [])),
            )
        )
    return tuple(lines)
