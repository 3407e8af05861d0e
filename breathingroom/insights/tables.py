"""Each chart's numbers as a table: the alternative to the drawing, for a screen reader or a closer look."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from breathingroom.durations import minutes_label
from breathingroom.insights.body_counted import BodyOverTime
from breathingroom.insights.breaks_counted import BreaksOverTime, Heat, Lengths, OnTime, Repairs
from breathingroom.insights.dance_counted import DanceLine
from breathingroom.insights.marks import Table, when
from breathingroom.insights.window import Stride
from breathingroom.sentences import said_number


def _first_column(by: Stride) -> str:
    return _("Week of") if by == Stride.WEEK else _("Month")


def _length(value: float | None) -> str:
    if value is None:
        return "—"
    return minutes_label(round(value)) if value >= 1 else _("under a minute")


def breaks_table(counted: BreaksOverTime) -> Table:
    rows = [(when(p.start, counted.by, short=True), str(p.breaks)) for p in counted.points]
    return Table((_first_column(counted.by), _("Breaks")), rows)


def lengths_table(lengths: Lengths) -> Table:
    rows = [
        (when(p.start, lengths.by, short=True), str(p.breaks), _length(p.asked), _length(p.took))
        for p in lengths.points
        if p.breaks
    ]
    return Table((_first_column(lengths.by), _("Breaks"), _("Asked for, on average"), _("Took, on average")), rows)


def on_time_table(timing: OnTime) -> Table:
    rows = [(p.name, str(p.on_time), str(p.late), str(p.not_noted)) for p in timing.people]
    return Table((_("Who"), _("On time"), _("Late"), _("Not noted")), rows)


def repairs_table(repairs: Repairs) -> Table:
    rows = [
        (when(p.start, repairs.by, short=True), str(p.repaired), str(p.partly), str(p.not_yet))
        for p in repairs.points
        if p.views
    ]
    return Table((_first_column(repairs.by), _("Repaired"), _("Partly"), _("Not yet")), rows)


def body_table(body: BodyOverTime) -> Table:
    rows = [
        (
            str(_("You")) if line.mine else line.name,
            when(p.start, body.by, short=True),
            str(p.check_ins),
            said_number(p.average) if p.average is not None else "—",
        )
        for line in body.lines
        for p in line.points
        if p.check_ins
    ]
    return Table((_("Who"), _first_column(body.by), _("Check-ins"), _("Strongest, on average")), rows)


def heat_table(heat: Heat, first_monday: date) -> Table:
    rows = []
    for d, row in enumerate(heat.rows):
        hours = ", ".join(f"{h:02d}:00 ({n})" for h, n in enumerate(row) if n)
        rows.append((date_format(first_monday + timedelta(days=d), "l"), str(sum(row)), hours or "—"))
    return Table((_("Day"), _("Breaks"), _("Hours they began (how many)")), rows)


def dance_table(line: DanceLine) -> Table:
    rows = [(f.words, str(f.times)) for f in (*line.moves, *line.triggers)]
    return Table((_("Move or trigger"), _("Times")), rows)
