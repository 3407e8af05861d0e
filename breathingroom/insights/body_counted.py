"""How strong it felt in the body over time: a line for each partner, counted by the database.

A check-in counts by its strongest place, as the body's own trend does. The viewer's line counts
every check-in of theirs; their partner's counts only those the partner shares with them now, so a
check-in kept private, or unshared, never shows here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Count, IntegerField, OuterRef, Q, Subquery

from breathingroom.accounts.models import Person
from breathingroom.body.models import CheckIn, Spot
from breathingroom.couples.models import Couple
from breathingroom.insights.window import Stride, Window


@dataclass(frozen=True)
class Strength:
    start: date
    check_ins: int
    # The strongest place of each check-in, on average (0 to 10); None with no check-in that step.
    average: float | None


@dataclass(frozen=True)
class BodyLine:
    person_id: int
    name: str
    mine: bool
    points: tuple[Strength, ...]

    @property
    def check_ins(self) -> int:
        return sum(p.check_ins for p in self.points)

    @property
    def average(self) -> float | None:
        found = [p for p in self.points if p.average is not None]
        total = sum(p.check_ins for p in found)
        return sum((p.average or 0) * p.check_ins for p in found) / total if total else None


@dataclass(frozen=True)
class BodyOverTime:
    by: Stride
    lines: tuple[BodyLine, ...]


def strength(couple: Couple, window: Window, viewer: Person, people: list[Person]) -> BodyOverTime:
    step = window.points_by
    strongest = Spot.objects.filter(check_in=OuterRef("pk")).order_by("-intensity").values("intensity")[:1]
    rows = (
        CheckIn.objects.filter(Q(person=viewer) | Q(shared_in=couple, person__in=[p.pk for p in people]))
        .filter(created_at__gte=window.since)
        .annotate(start=window.trunc("created_at", step), peak=Subquery(strongest, output_field=IntegerField()))
        .filter(peak__isnull=False)
        .order_by()
        .values("person_id", "start")
        .annotate(n=Count("pk"), average=Avg("peak"))
        .values_list("person_id", "start", "n", "average")
    )
    found = {(person_id, window.local_day(start)): (n, average) for person_id, start, n, average in rows}
    starts = window.starts(step)
    lines = tuple(
        BodyLine(
            person.pk,
            person.display_name,
            person.pk == viewer.pk,
            tuple(Strength(start, *found.get((person.pk, start), (0, None))) for start in starts),
        )
        for person in people
    )
    return BodyOverTime(step, lines)
