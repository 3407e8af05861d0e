"""The couple's breaks, counted by the database: how many, how long, back on time, how it went, when.

Each figure is one grouped query over the period, whatever the history. Lengths are in break minutes
(``breaks.models.minutes``), as the break pages say them.

"Took" is measured from stepping away until both were back for the reconnection (or until the break
was ended early, both ready): the time apart, not the talk after it. A break someone never came back
to is not measured. "On time" is each partner's own coming back (``Taker.back_at``) no later than the
app's own grace (``OVERDUE_AFTER``) after the agreed time, extensions included: measured, not what
anyone remembered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import (
    Avg,
    Count,
    DateTimeField,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, ExtractHour, ExtractIsoWeekDay

from breathingroom.accounts.models import Person
from breathingroom.agreements.models import DEFAULT_LONGEST, DEFAULT_SHORTEST, Agreement
from breathingroom.breaks.models import OVERDUE_AFTER, Break, Outcome, Repair, Taker, minutes
from breathingroom.couples.models import Couple
from breathingroom.insights.window import Stride, Window


@dataclass(frozen=True)
class Counted:
    start: date
    breaks: int


@dataclass(frozen=True)
class BreaksOverTime:
    by: Stride
    points: tuple[Counted, ...]
    total: int


@dataclass(frozen=True)
class LengthPoint:
    start: date
    breaks: int
    # Averages in minutes, or None with nothing measured in that step.
    asked: float | None
    took: float | None


@dataclass(frozen=True)
class Lengths:
    by: Stride
    points: tuple[LengthPoint, ...]
    breaks: int
    asked: float | None
    took: float | None
    # Breaks whose time apart could be measured (everyone came back).
    measured: int
    longer_than_asked: int
    extended: int
    # Against the agreement in force when each break began (the defaults if none was).
    asked_shortest: int
    asked_longest: int
    beyond_longest: int


@dataclass(frozen=True)
class Timing:
    person_id: int
    name: str
    on_time: int
    late: int
    not_noted: int

    @property
    def times(self) -> int:
        return self.on_time + self.late + self.not_noted


@dataclass(frozen=True)
class OnTime:
    people: tuple[Timing, ...]
    grace: int = OVERDUE_AFTER

    @property
    def on_time(self) -> int:
        return sum(p.on_time for p in self.people)

    @property
    def late(self) -> int:
        return sum(p.late for p in self.people)

    @property
    def not_noted(self) -> int:
        return sum(p.not_noted for p in self.people)

    @property
    def times(self) -> int:
        return sum(p.times for p in self.people)


@dataclass(frozen=True)
class RepairPoint:
    start: date
    repaired: int
    partly: int
    not_yet: int

    @property
    def views(self) -> int:
        return self.repaired + self.partly + self.not_yet


@dataclass(frozen=True)
class Repairs:
    by: Stride
    points: tuple[RepairPoint, ...]
    repaired: int
    partly: int
    not_yet: int

    @property
    def views(self) -> int:
        return self.repaired + self.partly + self.not_yet


@dataclass(frozen=True)
class Heat:
    # Seven rows, Monday first, of twenty-four hours each: breaks begun then.
    rows: tuple[tuple[int, ...], ...]

    @property
    def most(self) -> int:
        return max((n for row in self.rows for n in row), default=0)

    @property
    def total(self) -> int:
        return sum(n for row in self.rows for n in row)


def _in(couple: Couple, since: Window) -> Q:
    return Q(couple=couple, started_at__gte=since.since)


def over_time(couple: Couple, window: Window) -> BreaksOverTime:
    step = window.bars_by
    rows = (
        Break.objects.filter(_in(couple, window))
        .annotate(start=window.trunc("started_at", step))
        .order_by()
        .values("start")
        .annotate(n=Count("pk"))
        .values_list("start", "n")
    )
    found = {window.local_day(start): n for start, n in rows}
    points = tuple(Counted(start, found.get(start, 0)) for start in window.starts(step))
    return BreaksOverTime(step, points, sum(found.values()))


def _came_back() -> Coalesce:
    """When the time apart ended: ended early, or the last of them back; None while anyone is not."""
    all_back = (
        Taker.objects.filter(brk=OuterRef("pk"))
        .order_by()
        .values("brk")
        .annotate(takers=Count("pk"), back=Count("back_at"), last=Max("back_at"))
        .filter(takers=F("back"))
        .values("last")
    )
    return Coalesce("ended_early_at", Subquery(all_back), output_field=DateTimeField())


def _agreed(field: str, default: int) -> Coalesce:
    version = Agreement.objects.filter(couple=OuterRef("couple"), version=OuterRef("agreement_version"))
    return Coalesce(Subquery(version.values(field)[:1]), Value(default), output_field=IntegerField())


# SQLite's day numbers are exact to well under a millisecond: a moment exactly on a limit stays on it.
LEEWAY = 0.001


class SecondsBetween(Func):
    """Seconds from one moment to a later one, as a plain number each database works out natively.

    Django's own subtraction of moments runs in Python, row by row, on SQLite; a count or an average
    over years of breaks stays quick this way. Null when either moment is.
    """

    output_field = FloatField()
    arity = 2

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "((julianday(%(expressions)s)) * 86400.0)"
        return self.as_sql(compiler, connection, template=template, arg_joiner=") - julianday(", **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "EXTRACT(EPOCH FROM (%(expressions)s))::float"
        return self.as_sql(compiler, connection, template=template, arg_joiner=" - ", **extra)


def lengths(couple: Couple, window: Window) -> Lengths:
    step = window.points_by
    minute = minutes(1).total_seconds()
    grace = minutes(OVERDUE_AFTER).total_seconds()
    first_ask = Taker.objects.filter(brk=OuterRef("pk")).order_by("joined_at", "pk").values("minutes")[:1]
    annotated = (
        Break.objects.filter(_in(couple, window))
        .annotate(
            start=window.trunc("started_at", step),
            asked=Subquery(first_ask, output_field=IntegerField()),
            came_back=_came_back(),
            shortest=_agreed("shortest", DEFAULT_SHORTEST),
            longest=_agreed("longest", DEFAULT_LONGEST),
        )
        .annotate(apart=SecondsBetween("came_back", "started_at"))
    )
    rows = (
        annotated.order_by()
        .values("start")
        .annotate(
            n=Count("pk"),
            asked_n=Count("asked"),
            asked_avg=Avg("asked"),
            took_n=Count("came_back"),
            took_avg=Avg("apart"),
            longer=Count("pk", filter=Q(apart__gt=F("asked") * minute + grace + LEEWAY)),
            extended=Count("pk", filter=Q(extensions_used__gt=0)),
            at_shortest=Count("pk", filter=Q(asked__lte=F("shortest"))),
            at_longest=Count("pk", filter=Q(asked__gte=F("longest"))),
            beyond=Count("pk", filter=Q(apart__gt=F("longest") * minute + LEEWAY)),
        )
    )
    by_start = {window.local_day(row["start"]): row for row in rows}

    for row in by_start.values():
        # Asked in minutes already; apart in seconds.
        row["took_avg"] = round(row["took_avg"] / minute, 2) if row["took_avg"] is not None else None

    points = tuple(
        LengthPoint(start, row["n"], row["asked_avg"], row["took_avg"]) if row else LengthPoint(start, 0, None, None)
        for start in window.starts(step)
        for row in [by_start.get(start)]
    )
    found = list(by_start.values())

    def overall(avg: str, n: str) -> float | None:
        weighed = [(float(r[avg]), r[n]) for r in found if r[avg] is not None]
        total = sum(n for _, n in weighed)
        return round(sum(a * n for a, n in weighed) / total, 2) if total else None

    def total(name: str) -> int:
        return sum(r[name] for r in found)

    return Lengths(
        by=step,
        points=points,
        breaks=total("n"),
        asked=overall("asked_avg", "asked_n"),
        took=overall("took_avg", "took_n"),
        measured=total("took_n"),
        longer_than_asked=total("longer"),
        extended=total("extended"),
        asked_shortest=total("at_shortest"),
        asked_longest=total("at_longest"),
        beyond_longest=total("beyond"),
    )


def on_time(couple: Couple, window: Window, people: list[Person]) -> OnTime:
    """Each partner's comings back from their own breaks: counted once the break has ended or they are back."""
    grace = minutes(OVERDUE_AFTER).total_seconds()
    rows = (
        Taker.objects.filter(brk__couple=couple, brk__started_at__gte=window.since)
        .filter(Q(back_at__isnull=False) | Q(brk__closed_at__isnull=False))
        .annotate(after_time=SecondsBetween("back_at", "brk__returns_at"))
        .order_by()
        .values("person_id")
        .annotate(
            on_time=Count("pk", filter=Q(after_time__lte=grace + LEEWAY)),
            late=Count("pk", filter=Q(after_time__gt=grace + LEEWAY)),
            not_noted=Count("pk", filter=Q(back_at__isnull=True)),
        )
    )
    found = {row["person_id"]: row for row in rows}
    return OnTime(
        tuple(
            Timing(
                person.pk,
                person.display_name,
                found.get(person.pk, {}).get("on_time", 0),
                found.get(person.pk, {}).get("late", 0),
                found.get(person.pk, {}).get("not_noted", 0),
            )
            for person in people
        )
    )


def repairs(couple: Couple, window: Window, viewer: Person) -> Repairs:
    """Each partner's own view of how it went, by when the break began.

    A partner's view counts once the break has ended (as the break pages show it to both); the
    viewer's own counts from the moment they gave it.
    """
    step = window.points_by
    rows = (
        Outcome.objects.filter(reconnection__brk__couple=couple, reconnection__brk__started_at__gte=window.since)
        .filter(Q(person=viewer) | Q(reconnection__brk__closed_at__isnull=False))
        .annotate(start=window.trunc("reconnection__brk__started_at", step))
        .order_by()
        .values("start")
        .annotate(
            repaired=Count("pk", filter=Q(repair=Repair.REPAIRED)),
            partly=Count("pk", filter=Q(repair=Repair.PARTLY)),
            not_yet=Count("pk", filter=Q(repair=Repair.NOT_YET)),
        )
    )
    found = {window.local_day(row["start"]): row for row in rows}
    points = tuple(
        RepairPoint(start, row["repaired"], row["partly"], row["not_yet"]) if row else RepairPoint(start, 0, 0, 0)
        for start in window.starts(step)
        for row in [found.get(start)]
    )
    return Repairs(
        step,
        points,
        sum(p.repaired for p in points),
        sum(p.partly for p in points),
        sum(p.not_yet for p in points),
    )


def heat(couple: Couple, window: Window) -> Heat:
    """When breaks begin: each weekday and hour of the viewer's own clock."""
    rows = (
        Break.objects.filter(_in(couple, window))
        .annotate(
            day=ExtractIsoWeekDay("started_at", tzinfo=window.zone),
            hour=ExtractHour("started_at", tzinfo=window.zone),
        )
        .order_by()
        .values("day", "hour")
        .annotate(n=Count("pk"))
        .values_list("day", "hour", "n")
    )
    grid = [[0] * 24 for _ in range(7)]
    for day, hour, n in rows:
        grid[day - 1][hour] += n
    return Heat(tuple(tuple(row) for row in grid))
