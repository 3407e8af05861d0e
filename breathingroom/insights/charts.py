"""Where each mark of the insights' charts goes, for SVG drawn by the page itself (as ``body.chart``).

No script draws them: the server works out every coordinate, so they show without JavaScript, print,
and read the same everywhere. Each mark carries its own words (a <title>); the page says the whole
of each chart in a line beside it and gives its numbers in a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from breathingroom.durations import minutes_label
from breathingroom.insights.body_counted import BodyOverTime
from breathingroom.insights.breaks_counted import BreaksOverTime, Heat, Lengths, OnTime, Repairs
from breathingroom.insights.dance_counted import Often
from breathingroom.insights.marks import boxes, dots, when
from breathingroom.insights.window import Stride
from breathingroom.sentences import said_number

WIDTH = 320
HEIGHT = 160
LEFT, RIGHT, TOP, BOTTOM = 30, 8, 10, 24
PLOT_WIDTH = WIDTH - LEFT - RIGHT
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM


@dataclass(frozen=True)
class Tick:
    at: float
    label: str
    anchor: str = "middle"


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    title: str
    kind: str = ""


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    title: str


@dataclass(frozen=True)
class Line:
    kind: str
    name: str
    path: str
    dots: tuple[Dot, ...]
    # The first line is drawn broad and the second narrow over it, so both show where they meet.
    radius: float = 4

    @property
    def marks(self) -> SafeString:
        return dots(self.dots, self.radius)


@dataclass(frozen=True)
class Frame:
    """The axes every chart over time shares."""

    levels: tuple[Tick, ...]
    days: tuple[Tick, ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM

    @property
    def level_x(self) -> int:
        return LEFT - 6

    @property
    def day_y(self) -> int:
        return HEIGHT - 6


@dataclass(frozen=True)
class Bars:
    frame: Frame
    boxes: tuple[Box, ...]

    @property
    def marks(self) -> SafeString:
        return boxes(self.boxes, "insights-bar")


@dataclass(frozen=True)
class Lines:
    frame: Frame
    lines: tuple[Line, ...]


def _slot(index: int, count: int) -> tuple[float, float]:
    """The left edge and width of the ``index``-th of ``count`` equal slots along the plot."""
    width = PLOT_WIDTH / max(count, 1)
    return LEFT + index * width, width


def _y(value: float, top: float) -> float:
    return round(TOP + PLOT_HEIGHT * (1 - value / top), 1) if top else float(TOP + PLOT_HEIGHT)


def _rounded_up(most: float) -> int:
    """A top for the scale a little above ``most``, in steps a reader can halve."""
    for step in (2, 4, 6, 8, 10, 12, 16, 20, 30, 40, 50, 60, 80, 100, 120, 160, 200, 240, 300, 360, 480, 720, 1440):
        if most <= step:
            return step
    return int(most) + 1


def _frame(starts: Sequence[date], by: Stride, top: int, label: object = str) -> Frame:
    levels = tuple(Tick(_y(level, top), str(label(level))) for level in (0, top // 2, top))  # type: ignore[operator]
    last = len(starts) - 1
    marks = [0, last // 2, last] if len(starts) >= 9 else [0, last]
    fmt = "DAY_MON_FORMAT" if by == Stride.WEEK else "M Y"
    days = []
    for i in dict.fromkeys(marks):
        if i < 0:
            continue
        left, width = _slot(i, len(starts))
        if i == 0:
            days.append(Tick(LEFT, date_format(starts[i], fmt), "start"))
        elif i == last:
            days.append(Tick(WIDTH - RIGHT, date_format(starts[i], fmt), "end"))
        else:
            days.append(Tick(round(left + width / 2, 1), date_format(starts[i], fmt)))
    return Frame(levels=levels, days=tuple(days))


def breaks_chart(counted: BreaksOverTime) -> Bars | None:
    if not counted.total:
        return None
    starts = [p.start for p in counted.points]
    top = _rounded_up(max(p.breaks for p in counted.points))
    boxes = []
    for i, point in enumerate(counted.points):
        if not point.breaks:
            continue
        left, width = _slot(i, len(starts))
        gap = width * 0.2 if width > 3 else 0
        y = _y(point.breaks, top)
        title = ngettext("%(when)s: %(n)s break", "%(when)s: %(n)s breaks", point.breaks) % {
            "when": when(point.start, counted.by),
            "n": point.breaks,
        }
        boxes.append(
            Box(round(left + gap / 2, 1), y, round(max(width - gap, 0.8), 1), round(TOP + PLOT_HEIGHT - y, 1), title)
        )
    return Bars(_frame(starts, counted.by, top), tuple(boxes))


def _line(kind: str, name: str, values: Sequence[tuple[float | None, str]], top: float, radius: float = 4) -> Line:
    dots, path, pen_up = [], [], True
    for i, (value, title) in enumerate(values):
        if value is None:
            pen_up = True
            continue
        left, width = _slot(i, len(values))
        x, y = round(left + width / 2, 1), _y(value, top)
        path.append(f"{'M' if pen_up else 'L'}{x},{y}")
        pen_up = False
        dots.append(Dot(x, y, title))
    return Line(kind, name, " ".join(path), tuple(dots), radius)


def lengths_chart(lengths: Lengths) -> Lines | None:
    if lengths.asked is None:
        return None
    found = [v for p in lengths.points for v in (p.asked, p.took) if v is not None]
    top = _rounded_up(max(found))
    asked, took = _("Asked for"), _("Took")

    def said(value: float | None, start: date, what: str) -> tuple[float | None, str]:
        if value is None:
            return None, ""
        return value, f"{when(start, lengths.by)}: {what} {minutes_label(max(1, round(value)))}"

    lines = (
        _line("asked", str(asked), [said(p.asked, p.start, _("asked for")) for p in lengths.points], top),
        _line("took", str(took), [said(p.took, p.start, _("took")) for p in lengths.points], top, radius=2.5),
    )
    frame = _frame([p.start for p in lengths.points], lengths.by, top, label=_short_minutes)
    return Lines(frame, lines)


def _short_minutes(n: int) -> str:
    """A scale's label: "0", "45m", "2h"; the table and the titles say lengths in full."""
    if n and n % 60 == 0:
        return _("%(n)sh") % {"n": n // 60}
    return _("%(n)sm") % {"n": n} if n else "0"


def body_chart(body: BodyOverTime) -> Lines | None:
    if not any(line.check_ins for line in body.lines):
        return None
    starts = [p.start for p in body.lines[0].points]
    lines = []
    for line in body.lines:
        values = [
            (
                p.average,
                ngettext(
                    "%(who)s, %(when)s: %(n)s check-in, %(average)s of 10",
                    "%(who)s, %(when)s: %(n)s check-ins, %(average)s of 10 on average",
                    p.check_ins,
                )
                % {
                    "who": line.name,
                    "when": when(p.start, body.by),
                    "n": p.check_ins,
                    "average": said_number(p.average),
                }
                if p.average is not None
                else "",
            )
            for p in line.points
        ]
        kind, name = ("mine", _("You")) if line.mine else ("theirs", line.name)
        lines.append(_line(kind, name, values, 10, radius=4 if line.mine else 2.5))
    return Lines(_frame(starts, body.by, 10), tuple(lines))


REPAIR_KINDS = (("repaired", _("repaired")), ("partly", _("partly")), ("not_yet", _("not yet")))


def repairs_chart(repairs: Repairs) -> Bars | None:
    if not repairs.views:
        return None
    starts = [p.start for p in repairs.points]
    top = _rounded_up(max(p.views for p in repairs.points))
    boxes = []
    for i, point in enumerate(repairs.points):
        left, width = _slot(i, len(starts))
        gap = width * 0.25
        base = 0
        for kind, name in REPAIR_KINDS:
            n = getattr(point, kind)
            if not n:
                continue
            y_top, y_bottom = _y(base + n, top), _y(base, top)
            title = f"{when(point.start, repairs.by)}: {n} {name}"
            boxes.append(
                Box(round(left + gap / 2, 1), y_top, round(width - gap, 1), round(y_bottom - y_top, 1), title, kind)
            )
            base += n
    return Bars(_frame(starts, repairs.by, top), tuple(boxes))


# The heat map: a row for each weekday, a column for each hour.
HEAT_LEFT = 34
HEAT_TOP = 4
CELL_WIDTH = (WIDTH - HEAT_LEFT - 2) / 24
CELL_HEIGHT = 18
HEAT_SHADES = 4


@dataclass(frozen=True)
class HeatMap:
    cells: tuple[Box, ...]
    days: tuple[Tick, ...]
    hours: tuple[Tick, ...]
    width: int = WIDTH
    height: int = HEAT_TOP + 7 * CELL_HEIGHT + 20
    left: int = HEAT_LEFT - 6

    @property
    def marks(self) -> SafeString:
        return boxes(self.cells, "insights-cell")


def heat_chart(heat: Heat, first_monday: date) -> HeatMap | None:
    if not heat.total:
        return None
    most = heat.most
    cells, days = [], []
    for d, row in enumerate(heat.rows):
        day = first_monday + timedelta(days=d)
        y = HEAT_TOP + d * CELL_HEIGHT
        days.append(Tick(y + CELL_HEIGHT / 2, date_format(day, "D"), "end"))
        for h, n in enumerate(row):
            shade = 0 if not n else max(1, round(HEAT_SHADES * n / most))
            title = ngettext(
                "%(day)s, %(from)s to %(to)s: %(n)s break", "%(day)s, %(from)s to %(to)s: %(n)s breaks", n
            ) % {"day": date_format(day, "l"), "from": f"{h:02d}:00", "to": f"{(h + 1) % 24:02d}:00", "n": n}
            x = round(HEAT_LEFT + h * CELL_WIDTH, 1)
            cells.append(Box(x, y, round(CELL_WIDTH - 1.5, 1), CELL_HEIGHT - 2, title, f"heat-{shade}"))
    hours = tuple(
        Tick(round(HEAT_LEFT + h * CELL_WIDTH + (CELL_WIDTH - 1.5) / 2, 1), f"{h:02d}") for h in (0, 6, 12, 18)
    )
    return HeatMap(tuple(cells), tuple(days), hours)


# Lists of bars (coming back on time; moves and triggers): each name above its own full-width bar.
ROW = 38
BAR_HEIGHT = 12


@dataclass(frozen=True)
class Row:
    y: int
    name: str
    count: str
    parts: tuple[Box, ...]

    @property
    def label_y(self) -> int:
        return self.y + 13

    @property
    def scale_y(self) -> int:
        return self.y + 20


@dataclass(frozen=True)
class Rows:
    rows: tuple[Row, ...]
    width: int = WIDTH
    scale: int = WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return len(self.rows) * ROW

    @property
    def count_x(self) -> int:
        return WIDTH


def often_chart(found: Sequence[Often]) -> Rows | None:
    if not found:
        return None
    most = found[0].times
    scale = WIDTH
    rows = tuple(
        Row(
            i * ROW,
            f.words,
            str(f.times),
            (
                Box(
                    0,
                    i * ROW + 20,
                    round(max(2.0, scale * f.times / most), 1),
                    BAR_HEIGHT,
                    ngettext("%(what)s: %(n)s time", "%(what)s: %(n)s times", f.times)
                    % {"what": f.words, "n": f.times},
                ),
            ),
        )
        for i, f in enumerate(found)
    )
    return Rows(rows)


TIMING_KINDS = (("on_time", _("on time")), ("late", _("late")), ("not_noted", _("not noted")))


def on_time_chart(timing: OnTime) -> Rows | None:
    if not timing.times:
        return None
    most = max(p.times for p in timing.people)
    scale = WIDTH
    rows = []
    for i, person in enumerate(p for p in timing.people if p.times):
        x, parts = 0.0, []
        for kind, name in TIMING_KINDS:
            n = getattr(person, kind)
            if not n:
                continue
            width = scale * n / most
            parts.append(
                Box(round(x, 1), i * ROW + 20, round(width, 1), BAR_HEIGHT, f"{person.name}: {n} {name}", kind)
            )
            x += width
        count = _("%(on_time)s of %(n)s") % {"on_time": person.on_time, "n": person.times}
        rows.append(Row(i * ROW, person.name, count, tuple(parts)))
    return Rows(tuple(rows))
