"""A person's own trend: how strong it felt over the weeks, and where in the body it sat most often.

Counted from the places and strengths alone (never the encrypted words), on the person's own
calendar. Up to six weeks of history is shown a day at a time; more, a week at a time, for the last
year. A check-in counts by its strongest place: that is what a person feels first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from statistics import fmean
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Min
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from breathingroom.body.models import STRONGEST, CheckIn, Region, Spot
from breathingroom.sentences import said_number

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person

DAYS_AT_MOST = 42
FEWEST_DAYS = 14
WEEKS_AT_MOST = 52
# With this many check-ins or more, the summary says whether it has lately been lower or higher.
ENOUGH_FOR_A_DIRECTION = 4


# The summary for a few check-ins, written whole for each way they went lately ("" when there are
# too few to tell), so each sentence can be translated; the count is the one named "n".
ON_AVERAGE = {
    "lower": ngettext_lazy(
        "%(n)s check-in since %(day)s, on average %(average)s of %(strongest)s at their strongest, lately lower.",
        "%(n)s check-ins since %(day)s, on average %(average)s of %(strongest)s at their strongest, lately lower.",
        "n",
    ),
    "higher": ngettext_lazy(
        "%(n)s check-in since %(day)s, on average %(average)s of %(strongest)s at their strongest, lately higher.",
        "%(n)s check-ins since %(day)s, on average %(average)s of %(strongest)s at their strongest, lately higher.",
        "n",
    ),
    "same": ngettext_lazy(
        "%(n)s check-in since %(day)s, on average %(average)s of %(strongest)s at their strongest, "
        "lately about the same.",
        "%(n)s check-ins since %(day)s, on average %(average)s of %(strongest)s at their strongest, "
        "lately about the same.",
        "n",
    ),
    "": ngettext_lazy(
        "%(n)s check-in since %(day)s, on average %(average)s of %(strongest)s at their strongest.",
        "%(n)s check-ins since %(day)s, on average %(average)s of %(strongest)s at their strongest.",
        "n",
    ),
}


@dataclass(frozen=True)
class Point:
    """One day or week with check-ins: their strongest places, on average and from lowest to highest."""

    start: date
    check_ins: int
    average: float
    lowest: int
    highest: int


@dataclass(frozen=True)
class Where:
    region: str
    name: str
    check_ins: int


@dataclass(frozen=True)
class Trend:
    by_week: bool
    first: date
    last: date
    points: tuple[Point, ...]
    # Every place named in that time, most often first.
    where: tuple[Where, ...]
    check_ins: int
    summary: str

    @property
    def buckets(self) -> int:
        """How many days (or weeks) the chart spans, with check-ins or not."""
        return self.index(self.last) + 1

    def index(self, day: date) -> int:
        return (day - self.first).days // (7 if self.by_week else 1)


def _week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _window(first_ever: date, today: date) -> tuple[date, bool]:
    """The chart's first day, and whether it goes a week at a time."""
    span = (today - first_ever).days + 1
    if span <= DAYS_AT_MOST:
        return today - timedelta(days=max(span, FEWEST_DAYS) - 1), False
    return max(_week_of(first_ever), _week_of(today) - timedelta(weeks=WEEKS_AT_MOST - 1)), True


def trend(person: Person, now: datetime | None = None) -> Trend:
    zone = person.zone
    today = timezone.localdate(now or timezone.now(), zone)
    first_ever = CheckIn.objects.written_by(person).aggregate(first=Min("created_at"))["first"]
    if first_ever is None:
        return Trend(False, today, today, (), (), 0, _nothing_yet())
    first, by_week = _window(timezone.localdate(first_ever, zone), today)
    since = timezone.make_aware(datetime.combine(first, time()), zone)
    rows = Spot.objects.filter(check_in__person=person, check_in__created_at__gte=since).values_list(
        "check_in_id", "check_in__created_at", "region", "intensity"
    )
    peaks: dict[UUID, int] = {}
    days: dict[UUID, date] = {}
    named: Counter[str] = Counter()
    for check_in_id, created_at, region, intensity in rows:
        peaks[check_in_id] = max(peaks.get(check_in_id, 0), intensity)
        days[check_in_id] = timezone.localdate(created_at, zone)
        named[region] += 1
    in_order = sorted(peaks, key=lambda c: (days[c], str(c)))
    buckets: dict[date, list[int]] = defaultdict(list)
    for check_in_id in in_order:
        day = days[check_in_id]
        buckets[_week_of(day) if by_week else day].append(peaks[check_in_id])
    points = tuple(
        Point(start, len(found), fmean(found), min(found), max(found)) for start, found in sorted(buckets.items())
    )
    labels = dict(Region.choices)
    where = tuple(
        Where(region, str(labels.get(region, region)), count)
        for region, count in sorted(named.items(), key=lambda item: (-item[1], Region.values.index(item[0])))
    )
    chronological = [peaks[c] for c in in_order]
    first_day = days[in_order[0]] if in_order else first
    counted = Trend(by_week, first, today, points, where, len(peaks), "")
    return replace(counted, summary=_summary(counted, chronological, first_day))


def _nothing_yet() -> str:
    return _("No check-ins yet. After a few, this shows how strong it felt and where it sat most often.")


def _summary(trend: Trend, peaks: list[int], first_day: date) -> str:
    if not peaks:
        return _("No check-ins in the last year.")
    day = date_format(first_day, "DAY_MONTH_FORMAT")
    n = len(peaks)
    if n == 1:
        strength = _("One check-in, on %(day)s, at %(peak)s of %(strongest)s at its strongest.") % {
            "day": day,
            "peak": peaks[0],
            "strongest": STRONGEST,
        }
    else:
        strength = ON_AVERAGE[_lately(peaks)] % {
            "n": n,
            "day": day,
            "average": said_number(fmean(peaks)),
            "strongest": STRONGEST,
        }
    most = trend.where[0].check_ins
    places = ", ".join(w.name for w in trend.where if w.check_ins == most)
    return " ".join([strength, _("Most often: %(places)s.") % {"places": places}])


def _lately(peaks: list[int]) -> str:
    """Which way the last third went from the first: "lower", "higher", "same", or "" with too few to tell."""
    if len(peaks) < ENOUGH_FOR_A_DIRECTION:
        return ""
    part = max(1, len(peaks) // 3)
    change = fmean(peaks[-part:]) - fmean(peaks[:part])
    if change <= -1:
        return "lower"
    if change >= 1:
        return "higher"
    return "same"
