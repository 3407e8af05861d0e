"""The stretch of time the insights look at, on the viewer's own calendar, and how it is cut up.

A period is chosen from a short list (three months, six, a year, everything). Its first day is a
Monday, so a week's bar is a whole week. Counts over time go a week at a time while that stays
readable on a phone, a month at a time beyond it: the chart says which.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from django.db.models import DateTimeField, Func
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Period(StrEnum):
    QUARTER = "3m"
    HALF_YEAR = "6m"
    YEAR = "1y"
    ALL = "all"


DEFAULT_PERIOD = Period.HALF_YEAR
PERIOD_NAMES: dict[Period, Promise] = {
    Period.QUARTER: _("3 months"),
    Period.HALF_YEAR: _("6 months"),
    Period.YEAR: _("1 year"),
    Period.ALL: _("All"),
}
PERIOD_WEEKS = {Period.QUARTER: 13, Period.HALF_YEAR: 26, Period.YEAR: 52}
# Bars a week wide stay readable up to about a year on a phone; longer, the breaks go by month.
MOST_WEEK_BARS = 53
# Averages over time (lengths, repairs, the body) need a few in each step: weeks for three months,
# months beyond.
MOST_WEEK_POINTS = 13


class Stride(StrEnum):
    WEEK = "week"
    MONTH = "month"


def period_from(value: str | None) -> Period:
    """A page's ``?period=``: one of the list, or the usual six months for anything else."""
    try:
        return Period(value or DEFAULT_PERIOD)
    except ValueError:
        return DEFAULT_PERIOD


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_of(day: date) -> date:
    return day.replace(day=1)


@dataclass(frozen=True)
class Window:
    period: Period
    zone: ZoneInfo
    # The first day counted (a Monday) and today, on the viewer's calendar.
    first: date
    today: date

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.first, time()), self.zone)

    @property
    def weeks(self) -> int:
        return (week_of(self.today) - self.first).days // 7 + 1

    @property
    def bars_by(self) -> Stride:
        """How the breaks are counted: a bar a week, or a month for a long history."""
        return Stride.WEEK if self.weeks <= MOST_WEEK_BARS else Stride.MONTH

    @property
    def points_by(self) -> Stride:
        """How averages over time are taken: a week at a time for a short period, else a month."""
        return Stride.WEEK if self.weeks <= MOST_WEEK_POINTS else Stride.MONTH

    def trunc(self, field: str, step: Stride) -> Func:
        kind = TruncWeek if step == Stride.WEEK else TruncMonth
        return kind(field, tzinfo=self.zone, output_field=DateTimeField())

    def starts(self, step: Stride) -> list[date]:
        """Every week or month from the first day to today, with or without anything in it."""
        if step == Stride.WEEK:
            return [self.first + timedelta(weeks=i) for i in range(self.weeks)]
        found, month, last = [], month_of(self.first), month_of(self.today)
        while month <= last:
            found.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return found

    def local_day(self, moment: datetime | date) -> date:
        """A truncated moment as the viewer's calendar day (the database answers in their zone)."""
        if isinstance(moment, datetime):
            return timezone.localtime(moment, self.zone).date() if timezone.is_aware(moment) else moment.date()
        return moment


def window(period: Period, zone: ZoneInfo, first_ever: datetime | None, now: datetime | None = None) -> Window:
    """The period's window; "everything" starts the week of ``first_ever`` (or this week, with nothing yet)."""
    today = timezone.localdate(now or timezone.now(), zone)
    this_week = week_of(today)
    weeks = PERIOD_WEEKS.get(period)
    if weeks is not None:
        return Window(period, zone, this_week - timedelta(weeks=weeks - 1), today)
    first = week_of(timezone.localdate(first_ever, zone)) if first_ever else this_week
    return Window(period, zone, min(first, this_week), today)
