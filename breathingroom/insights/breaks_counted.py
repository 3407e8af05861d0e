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
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Avg,
    Case,
    Count,
    DateTimeField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractHour, ExtractIsoWeekDay

from breathingroom.accounts.models import Person
from breathingroom.agreements.models import DEFAULT_LONGEST, DEFAULT_SHORTEST, Agreement
from breathingroom.breaks.models import OVERDUE_AFTER, Break, Outcome, Repair, Taker, minutes
from breathingroom.couples.models import Couple
from breathingroom.insights.window import Step, Window


@dataclass(frozen=True)
class Counted:
    start: date
    breaks: int


@dataclass(frozen=True)
class BreaksOverTime:
    by: Step
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
    by: Step
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
    by: Step
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


def _came_back() -> Case:
    """When the time apart ended: ended early, or the last of them back; None while anyone is not."""
    backs = Taker.objects.filter(brk=OuterRef("pk"))
    last = backs.order_by().values("brk").annotate(last=Max("back_at")).values("last")
    return Case(
        When(ended_early_at__isnull=False, then=F("ended_early_at")),
        When(~Exists(backs.filter(back_at__isnull=True)) & Exists(backs), then=Subquery(last)),
        default=None,
        output_field=DateTimeField(),
    )


def _agreed(field: str, default: int) -> Coalesce:
    version = Agreement.objects.filter(couple=OuterRef("couple"), version=OuterRef("agreement_version"))
    return Coalesce(Subquery(version.values(field)[:1]), Value(default), output_field=IntegerField())


class InMinutes(Func):
    """A whole number of break minutes (a column) as a length of time the database can add to a moment.

    Django multiplies a duration by a column on PostgreSQL but not on SQLite, where durations are whole
    microseconds: so each database is told directly.
    """

    output_field = DurationField()

    def __init__(self, expression: str, minute: timedelta) -> None:
        super().__init__(F(expression))
        self.microseconds = int(minute / timedelta(microseconds=1))

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template=f"(%(expressions)s * {self.microseconds})", **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = f"(%(expressions)s * INTERVAL '{self.microseconds} microseconds')"
        return self.as_sql(compiler, connection, template=template, **extra)


def _after(n: str, minute: timedelta, grace: timedelta | None = None) -> ExpressionWrapper:
    """The moment ``n`` break minutes (and ``grace``) after the break began."""
    moment = F("started_at") + InMinutes(n, minute)
    if grace is not None:
        moment = moment + Value(grace, output_field=DurationField())
    return ExpressionWrapper(moment, output_field=DateTimeField())


def lengths(couple: Couple, window: Window) -> Lengths:
    step = window.points_by
    minute = minutes(1)
    first_ask = Taker.objects.filter(brk=OuterRef("pk")).order_by("joined_at", "pk").values("minutes")[:1]
    annotated = Break.objects.filter(_in(couple, window)).annotate(
        start=window.trunc("started_at", step),
        asked=Subquery(first_ask, output_field=IntegerField()),
        came_back=_came_back(),
        shortest=_agreed("shortest", DEFAULT_SHORTEST),
        longest=_agreed("longest", DEFAULT_LONGEST),
    )
    took = ExpressionWrapper(F("came_back") - F("started_at"), output_field=DurationField())
    rows = (
        annotated.order_by()
        .values("start")
        .annotate(
            n=Count("pk"),
            asked_n=Count("asked"),
            asked_avg=Avg("asked"),
            took_n=Count("came_back"),
            took_avg=Avg(took),
            longer=Count("pk", filter=Q(came_back__gt=_after("asked", minute, minutes(OVERDUE_AFTER)))),
            extended=Count("pk", filter=Q(extensions_used__gt=0)),
            at_shortest=Count("pk", filter=Q(asked__lte=F("shortest"))),
            at_longest=Count("pk", filter=Q(asked__gte=F("longest"))),
            beyond=Count("pk", filter=Q(came_back__gt=_after("longest", minute))),
        )
    )
    by_start = {window.local_day(row["start"]): row for row in rows}

    def in_minutes(value: timedelta | float | None) -> float | None:
        if value is None:
            return None
        return value / minute if isinstance(value, timedelta) else float(value)

    points = tuple(
        LengthPoint(
            start,
            row["n"] if row else 0,
            in_minutes(row["asked_avg"]) if row else None,
            in_minutes(row["took_avg"]) if row else None,
        )
        for start in window.starts(step)
        for row in [by_start.get(start)]
    )
    found = list(by_start.values())

    def overall(avg: str, n: str) -> float | None:
        weighed = [(in_minutes(r[avg]), r[n]) for r in found if r[avg] is not None]
        total = sum(n for _, n in weighed)
        return sum((a or 0) * n for a, n in weighed) / total if total else None

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
    late_after = ExpressionWrapper(
        F("brk__returns_at") + Value(minutes(OVERDUE_AFTER), output_field=DurationField()), DateTimeField()
    )
    rows = (
        Taker.objects.filter(brk__couple=couple, brk__started_at__gte=window.since)
        .filter(Q(back_at__isnull=False) | Q(brk__closed_at__isnull=False))
        .order_by()
        .values("person_id")
        .annotate(
            on_time=Count("pk", filter=Q(back_at__lte=late_after)),
            late=Count("pk", filter=Q(back_at__gt=late_after)),
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
