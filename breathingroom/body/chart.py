"""Where each mark of the trend's two small charts goes, for SVG drawn by the page itself.

No script draws them: the server works out every coordinate, so the charts show without JavaScript,
print, and read the same everywhere. Each mark carries its own words (a <title>), and the page says
the whole of it in one line beside the chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from breathingroom.body.models import STRONGEST
from breathingroom.body.trend import Point, Trend, Where
from breathingroom.sentences import said_number

WIDTH = 320
HEIGHT = 176
LEFT, RIGHT, TOP, BOTTOM = 26, 10, 10, 26
# Places shown as bars: the most often named, in this order.
MOST_PLACES = 5
BAR_ROW = 30
BAR_START = 120
BAR_END = WIDTH - 34


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    low: float
    high: float
    title: str


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Chart:
    dots: tuple[Dot, ...]
    line: str
    levels: tuple[Tick, ...]
    days: tuple[Tick, ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


@dataclass(frozen=True)
class Bar:
    y: int
    width: float
    name: str
    count: int
    title: str

    @property
    def label_y(self) -> int:
        return self.y + 19

    @property
    def rect_y(self) -> int:
        return self.y + 8


@dataclass(frozen=True)
class Bars:
    bars: tuple[Bar, ...]
    height: int
    width: int = WIDTH
    start: int = BAR_START
    scale: int = BAR_END - BAR_START
    count_x: int = BAR_END + 8


def _y(value: float) -> float:
    return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / STRONGEST), 1)


def _x(trend: Trend, index: int) -> float:
    return round(LEFT + (index + 0.5) * (WIDTH - LEFT - RIGHT) / trend.buckets, 1)


def _when(trend: Trend, point: Point) -> str:
    day = date_format(point.start, "DAY_MON_FORMAT")
    return _("Week of %(day)s") % {"day": day} if trend.by_week else day


def _dot_title(trend: Trend, point: Point) -> str:
    count = ngettext("%(n)s check-in", "%(n)s check-ins", point.check_ins) % {"n": point.check_ins}
    said = said_number(point.average)
    if point.lowest == point.highest:
        strength = _("%(value)s of %(strongest)s") % {"value": said, "strongest": STRONGEST}
    else:
        strength = _("%(value)s of %(strongest)s on average, from %(low)s to %(high)s") % {
            "value": said,
            "strongest": STRONGEST,
            "low": point.lowest,
            "high": point.highest,
        }
    return f"{_when(trend, point)}: {count}, {strength}"


def intensity_chart(trend: Trend) -> Chart | None:
    """How strong it felt, a dot a day (or week): its strongest places on average, and their range."""
    if not trend.points:
        return None
    dots = tuple(
        Dot(
            x=_x(trend, trend.index(point.start)),
            y=_y(point.average),
            low=_y(point.lowest),
            high=_y(point.highest),
            title=_dot_title(trend, point),
        )
        for point in trend.points
    )
    line = " ".join(f"{'M' if i == 0 else 'L'}{dot.x},{dot.y}" for i, dot in enumerate(dots))
    levels = tuple(Tick(_y(level), str(level)) for level in (0, STRONGEST // 2, STRONGEST))
    last = trend.buckets - 1
    marks = [0, last // 2, last] if trend.buckets >= 10 else [0, last]
    step = timedelta(weeks=1) if trend.by_week else timedelta(days=1)
    # The first date starts at the chart's left edge and the last ends at its right (the page anchors
    # them so); any between sits under its own day.
    edges = {0: LEFT, last: WIDTH - RIGHT}
    days = tuple(
        Tick(edges.get(i, _x(trend, i)), date_format(trend.first + step * i, "DAY_MON_FORMAT"))
        for i in dict.fromkeys(marks)
    )
    return Chart(dots=dots, line=line, levels=levels, days=days)


def where_chart(trend: Trend) -> Bars | None:
    """Where it sat most often: a bar for each of the places most often named."""
    shown: tuple[Where, ...] = trend.where[:MOST_PLACES]
    if not shown:
        return None
    most = shown[0].check_ins
    bars = tuple(
        Bar(
            y=i * BAR_ROW,
            width=round(max(2.0, (BAR_END - BAR_START) * w.check_ins / most), 1),
            name=w.name,
            count=w.check_ins,
            title=ngettext("%(place)s: in %(n)s check-in", "%(place)s: in %(n)s check-ins", w.check_ins)
            % {"place": w.name, "n": w.check_ins},
        )
        for i, w in enumerate(shown)
    )
    return Bars(bars=bars, height=len(bars) * BAR_ROW)
