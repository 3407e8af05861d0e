"""A report as a PDF, drawn with fpdf2 from the same ``Contents`` its page shows.

fpdf2 is pure Python (with Pillow and fontTools, both installed from wheels), so a PDF is made on any
machine that runs the app, with no system library. The text is set in DejaVu Sans, kept beside this
module with its licence and embedded in each PDF (only the letters used), so every language shows
the same whatever fonts a machine has. The charts and the cycle map are drawn here from the very
coordinates the page's SVG is made of (``insights.charts``, ``dance.cycle_svg``), in the app's light
colours, so the paper shows what the screen shows.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from breathingroom.dance import cycle_svg
from breathingroom.insights.charts import REPAIR_KINDS, TIMING_KINDS, Bars, Frame, Lines, Rows
from breathingroom.reports.contents import Contents, Term
from breathingroom.reports.models import ReportKind

# fontTools says every glyph it keeps, at INFO: nothing anyone running the app needs to read.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"

# The app's light palette (static/breathingroom/app.css), as RGB.
TEXT = (0x1F, 0x2B, 0x2D)
MUTED = (0x55, 0x62, 0x5F)
LINE = (0xDD, 0xD5, 0xC8)
PRIMARY = (0x2E, 0x6B, 0x64)
ACCENT = (0xB0, 0x68, 0x3C)
SURFACE = (0xFF, 0xFD, 0xF9)
PALE = (0xB8, 0xBC, 0xB8)
PRIMARY_TINT = (0xE3, 0xEC, 0xE9)
ACCENT_TINT = (0xF5, 0xE9, 0xE0)
KIND_COLOURS = {
    "repaired": PRIMARY,
    "on_time": PRIMARY,
    "partly": ACCENT,
    "late": ACCENT,
    "not_yet": PALE,
    "not_noted": PALE,
}

# A4 in millimetres, with room to hold and punch.
MARGIN = 18
BODY = 10.5
SMALL = 8.5
LINE_HEIGHT = 5.2
# How wide the charts and the map are drawn on paper.
CHART_WIDTH = 130.0
MAP_WIDTH = 100.0
# A point, in millimetres: font sizes in a drawing's own units are turned into points with it.
POINT = 25.4 / 72


# What stands for a letter the font has no shape for (a name in a script DejaVu Sans does not cover):
# a visible box, where fpdf2 would leave nothing at all. The page itself shows every script.
NO_SHAPE = "\u25a1"
# An empty cell of a table.
NOTHING = "\u2013"


@cache
def _drawable() -> frozenset[int]:
    """The characters both faces of the font can draw."""
    found: set[int] | None = None
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        with TTFont(FONTS / name) as face:
            known = set(face.getBestCmap())
        found = known if found is None else found & known
    return frozenset(found or ())


def drawable(text: str) -> str:
    known = _drawable()
    return "".join(ch if ord(ch) in known or ch in "\n\t" else NO_SHAPE for ch in text)


class Paper(FPDF):
    def __init__(self, footer_words: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_words = footer_words
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        self.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_text_color(*TEXT)

    def normalize_text(self, text: str) -> str:
        return super().normalize_text(drawable(text))

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", SMALL)
        self.set_text_color(*MUTED)
        page = _("Page %(n)s of %(total)s") % {"n": self.page_no(), "total": "{nb}"}
        self.cell(0, 5, f"{self.footer_words} · {page}", align=Align.C)
        self.set_text_color(*TEXT)

    # --- Words --------------------------------------------------------------------------------------

    def words(self, text: str, size: float = BODY, bold: bool = False, colour: tuple[int, int, int] = TEXT) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.5, text, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*TEXT)

    def heading(self, text: str, size: float = 14) -> None:
        # A heading never sits alone at the foot of a page.
        if self.get_y() > self.h - MARGIN - 40:
            self.add_page()
        self.ln(4)
        self.words(text, size, bold=True, colour=PRIMARY)
        self.ln(1.5)

    def terms(self, terms: Sequence[Term]) -> None:
        self.plain()
        with self.table(
            col_widths=(55, 119),
            text_align="LEFT",
            first_row_as_headings=False,
            borders_layout="HORIZONTAL_LINES",
            line_height=LINE_HEIGHT,
            padding=1.2,
        ) as table:
            self.set_font(FONT, "", BODY)
            for term in terms:
                row = table.row()
                row.cell(term.label)
                row.cell(term.value)
        self.ln(2)

    def plain(self) -> None:
        """Thin lines in the palette's line colour and no fill, whatever a drawing left set."""
        self.set_draw_color(*LINE)
        self.set_fill_color(255, 255, 255)
        self.set_line_width(0.2)
        self.set_text_color(*TEXT)

    def room_for(self, height: float) -> float:
        """The y to draw something ``height`` tall at, on a new page if it would not fit here."""
        if self.get_y() + height > self.h - MARGIN:
            self.add_page()
        return self.get_y()

    # --- Drawings in their own units -------------------------------------------------------------------

    def label(self, x: float, y: float, text: str, size: float, anchor: str = "start", bold: bool = False) -> None:
        """``text`` with its baseline at ``y``, starting, centred or ending at ``x``."""
        self.set_font(FONT, "B" if bold else "", size)
        width = self.get_string_width(text)
        left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
        self.text(left, y, text)


def _colour(pdf: Paper, rgb: tuple[int, int, int], *, fill: bool = True, draw: bool = False) -> None:
    if fill:
        pdf.set_fill_color(*rgb)
    if draw:
        pdf.set_draw_color(*rgb)


def _frame(pdf: Paper, frame: Frame, x0: float, y0: float, s: float) -> None:
    pdf.set_line_width(0.2)
    _colour(pdf, LINE, fill=False, draw=True)
    pdf.set_text_color(*MUTED)
    for level in frame.levels:
        y = y0 + level.at * s
        pdf.line(x0 + frame.left * s, y, x0 + frame.right * s, y)
        pdf.label(x0 + frame.level_x * s, y + 1, level.label, SMALL - 1, "end")
    for day in frame.days:
        pdf.label(x0 + day.at * s, y0 + frame.day_y * s, day.label, SMALL - 1, day.anchor)
    pdf.set_text_color(*TEXT)


def bars(pdf: Paper, chart: Bars) -> None:
    s = CHART_WIDTH / chart.frame.width
    y0 = pdf.room_for(chart.frame.height * s + 4)
    x0 = pdf.l_margin
    _frame(pdf, chart.frame, x0, y0, s)
    for box in chart.boxes:
        _colour(pdf, KIND_COLOURS.get(box.kind, PRIMARY))
        pdf.rect(x0 + box.x * s, y0 + box.y * s, box.width * s, box.height * s, style="F")
    pdf.set_y(y0 + chart.frame.height * s + 2)


_POINTS = re.compile(r"[ML]\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)")


def lines(pdf: Paper, chart: Lines) -> None:
    s = CHART_WIDTH / chart.frame.width
    y0 = pdf.room_for(chart.frame.height * s + 10)
    x0 = pdf.l_margin
    _frame(pdf, chart.frame, x0, y0, s)
    for i, line in enumerate(chart.lines):
        colour = PRIMARY if i == 0 else ACCENT
        _colour(pdf, colour, draw=True)
        pdf.set_line_width(0.8 if i == 0 else 0.5)
        points = [(x0 + float(x) * s, y0 + float(y) * s) for x, y in _POINTS.findall(line.path)]
        if i:
            pdf.set_dash_pattern(dash=1.6, gap=1)
        for a, b in itertools.pairwise(points):
            pdf.line(*a, *b)
        pdf.set_dash_pattern()
        for dot in line.dots:
            r = line.radius * s
            pdf.circle(x0 + dot.x * s, y0 + dot.y * s, r, style="F")
    pdf.set_y(y0 + chart.frame.height * s + 1)
    _legend(pdf, [(line.name, PRIMARY if i == 0 else ACCENT) for i, line in enumerate(chart.lines)])


def _legend(pdf: Paper, keys: Sequence[tuple[str, tuple[int, int, int]]]) -> None:
    x, y = pdf.l_margin, pdf.get_y() + 1
    pdf.set_font(FONT, "", SMALL)
    for name, colour in keys:
        _colour(pdf, colour)
        pdf.rect(x, y, 6, 2.6, style="F")
        pdf.text(x + 7.5, y + 2.5, name)
        x += 7.5 + pdf.get_string_width(name) + 6
    pdf.set_y(y + 5)


def rows(pdf: Paper, chart: Rows) -> None:
    s = CHART_WIDTH / chart.width
    y0 = pdf.room_for(chart.height * s + 4)
    x0 = pdf.l_margin
    for row in chart.rows:
        pdf.label(x0, y0 + row.label_y * s, row.name, BODY - 1)
        pdf.label(x0 + chart.count_x * s, y0 + row.label_y * s, row.count, BODY - 1, "end", bold=True)
        _colour(pdf, PRIMARY_TINT)
        pdf.rect(x0, y0 + row.scale_y * s, chart.scale * s, chart.bar_height * s, style="F")
        for part in row.parts:
            _colour(pdf, KIND_COLOURS.get(part.kind, ACCENT))
            pdf.rect(x0 + part.x * s, y0 + part.y * s, part.width * s, part.height * s, style="F")
    pdf.set_y(y0 + chart.height * s + 1)
    _legend(pdf, [(str(name), KIND_COLOURS[kind]) for kind, name in TIMING_KINDS])


def _path_points(path: str) -> list[tuple[float, float]]:
    """The corners of a map's arrow ("M30,90 H14 V20 H24"): moves, and straight lines across and down."""
    points: list[tuple[float, float]] = []
    for command, numbers in re.findall(r"([MHV])\s*([-\d.,\s]+)", path):
        values = [float(v) for v in re.split(r"[,\s]+", numbers.strip()) if v]
        if command == "M":
            points.append((values[0], values[1]))
        elif command == "H":
            points.append((values[0], points[-1][1]))
        else:
            points.append((points[-1][0], values[0]))
    return points


def _arrow(pdf: Paper, points: list[tuple[float, float]], x0: float, y0: float, s: float) -> None:
    placed = [(x0 + x * s, y0 + y * s) for x, y in points]
    for a, b in itertools.pairwise(placed):
        pdf.line(*a, *b)
    (ax, ay), (bx, by) = placed[-2], placed[-1]
    length = max(((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5, 0.01)
    ux, uy = (bx - ax) / length, (by - ay) / length
    head = 2.2
    tip = (bx + ux * 1.2, by + uy * 1.2)
    left = (tip[0] - ux * head - uy * head * 0.6, tip[1] - uy * head + ux * head * 0.6)
    right = (tip[0] - ux * head + uy * head * 0.6, tip[1] - uy * head - ux * head * 0.6)
    pdf.polygon([tip, left, right], style="F")


def cycle_map(pdf: Paper, drawing: cycle_svg.Drawing) -> None:
    s = MAP_WIDTH / drawing.width
    y0 = pdf.room_for(drawing.height * s + 4)
    x0 = pdf.l_margin
    _colour(pdf, MUTED, draw=True)
    pdf.set_line_width(0.6)
    for arrow in (*drawing.arrows, drawing.back):
        _arrow(pdf, _path_points(arrow), x0, y0, s)
    for box in drawing.boxes:
        edge = PRIMARY if box.who == "me" else ACCENT
        fill = (PRIMARY_TINT if box.who == "me" else ACCENT_TINT) if box.kind == "move" else SURFACE
        _colour(pdf, fill)
        _colour(pdf, edge, fill=False, draw=True)
        pdf.set_line_width(0.6)
        pdf.rect(x0 + box.x * s, y0 + box.y * s, box.width * s, box.height * s, style="DF", round_corners=True)
        for line in box.lines:
            size = line.size * s / POINT
            x = x0 + line.x * s
            colour = MUTED if line.kind in ("label", "missing") or line.lead else TEXT
            pdf.set_text_color(*colour)
            if line.lead:
                pdf.label(x, y0 + line.y * s, line.lead, size)
                pdf.set_font(FONT, "", size)
                x += pdf.get_string_width(f"{line.lead} ")
                pdf.set_text_color(*TEXT)
            pdf.label(x, y0 + line.y * s, line.text, size, bold=line.kind == "main")
    pdf.set_text_color(*TEXT)
    pdf.set_y(y0 + drawing.height * s + 4)


# --- The report ------------------------------------------------------------------------------------


def _day(value: Any) -> str:
    return date_format(value, "DAY_MONTH_YEAR_FORMAT")


def period_words(contents: Contents) -> str:
    return _("%(start)s to %(end)s") % {"start": _day(contents.start), "end": _day(contents.end)}


def file_name(contents: Contents) -> str:
    return f"breathing-room-{slugify(f'report {contents.start:%Y-%m-%d} {contents.end:%Y-%m-%d}')}.pdf"


def _agreement(pdf: Paper, contents: Contents) -> None:
    pdf.heading(_("The Space Agreement"))
    found = contents.agreement
    if found is None:
        pdf.words(_("No agreement was in force yet by the end of this period."))
        return
    if found.agreed_on:
        pdf.words(
            _("Version %(n)s, agreed on %(day)s: the one in force at the end of the period.")
            % {"n": found.version, "day": _day(found.agreed_on)},
            colour=MUTED,
        )
    pdf.ln(1)
    pdf.terms(found.terms)


def _breaks(pdf: Paper, contents: Contents) -> None:
    pdf.heading(_("Breaks and how they went"))
    if not contents.breaks_total:
        pdf.words(_("No breaks in this period."))
        return
    pdf.words(
        ngettext("%(n)s break in this period.", "%(n)s breaks in this period.", contents.breaks_total)
        % {"n": contents.breaks_total},
        colour=MUTED,
    )
    pdf.ln(1)
    pdf.set_font(FONT, "", SMALL)
    pdf.plain()
    with pdf.table(
        col_widths=(26, 24, 22, 22, 38, 42),
        text_align="LEFT",
        borders_layout="HORIZONTAL_LINES",
        line_height=4.2,
        padding=1,
        headings_style=_headings(),
    ) as table:
        head = table.row()
        for title in (
            _("When"),
            _("Stepped away"),
            _("Asked for"),
            _("Apart"),
            _("Coming back"),
            _("How it went"),
        ):
            head.cell(title)
        for line in contents.breaks:
            row = table.row()
            row.cell(date_format(line.started_at, "DAY_MON_YEAR_TIME_FORMAT"))
            row.cell(", ".join(line.taken_by))
            asked = line.asked
            if line.extensions:
                asked += "\n" + ngettext("asked for more once", "asked for more %(n)s times", line.extensions) % {
                    "n": line.extensions
                }
            row.cell(asked)
            row.cell((line.apart or NOTHING) + ("\n" + _("both ready early") if line.ended_early else ""))
            row.cell("\n".join(f"{r.name}: {r.said}" for r in line.returns) or NOTHING)
            row.cell("\n".join(f"{v.name}: {v.repair_after_name}" for v in line.views) or NOTHING)
    if contents.breaks_not_listed:
        pdf.ln(1)
        pdf.words(
            ngettext(
                "And %(n)s more break, not listed here.",
                "And %(n)s more breaks, not listed here.",
                contents.breaks_not_listed,
            )
            % {"n": contents.breaks_not_listed},
            SMALL,
            colour=MUTED,
        )


def _headings() -> Any:
    from fpdf.fonts import FontFace

    return FontFace(family=FONT, emphasis="BOLD", color=PRIMARY)


def _insights(pdf: Paper, contents: Contents) -> None:
    part = contents.insights
    assert part is not None
    said = part.found.said
    pdf.heading(_("Insights for the period"))
    if part.runs_past_end:
        pdf.words(
            _("Counted from the week of %(day)s until today.") % {"day": _day(part.found.first)}, SMALL, colour=MUTED
        )
    figures: list[tuple[str, str, Any, Any]] = [
        (_("Breaks over time"), said["breaks"].summary, part.breaks_chart, bars),
        (_("How long: asked for, and taken"), said["lengths"].summary, part.lengths_chart, lines),
        (_("Coming back on time"), said["on_time"].summary, part.on_time_chart, rows),
        (_("How it went afterwards"), said["repairs"].summary, part.repairs_chart, bars),
    ]
    for title, summary, chart, draw in figures:
        # A figure's title, its line and its chart stay on one page.
        pdf.room_for(CHART_WIDTH / 2 + 30 if chart is not None else 20)
        pdf.ln(2)
        pdf.words(title, BODY + 1, bold=True)
        pdf.words(summary)
        if chart is not None:
            pdf.ln(2)
            draw(pdf, chart)
            if draw is bars and title == _("How it went afterwards"):
                _legend(pdf, [(str(name), KIND_COLOURS[kind]) for kind, name in REPAIR_KINDS])


def _cycle(pdf: Paper, contents: Contents) -> None:
    part = contents.cycle
    if part is None:
        return
    if not part.cycle.episodes:
        pdf.heading(_("The cycle map"))
        pdf.words(part.not_enough)
        return
    # The heading, the map's name and the map itself stay on one page.
    pdf.room_for(part.drawing.height * MAP_WIDTH / part.drawing.width + 30)
    pdf.heading(_("The cycle map"))
    pdf.words(part.drawing.title, BODY + 1, bold=True)
    pdf.words(part.resting_on, SMALL, colour=MUTED)
    if part.not_enough:
        pdf.words(part.not_enough)
    pdf.ln(2)
    cycle_map(pdf, part.drawing)
    for line in part.text:
        pdf.words(line)
        pdf.ln(1)


def _episodes(pdf: Paper, contents: Contents) -> None:
    pdf.heading(_("Episodes"))
    if not contents.episodes:
        pdf.words(_("No side of an episode in this period was let into reports."))
        return
    pdf.words(_("Only the sides their author chose to let in."), SMALL, colour=MUTED)
    for episode in contents.episodes:
        pdf.room_for(30)
        pdf.ln(2)
        pdf.words(date_format(episode.happened_at, "DAY_MONTH_YEAR_TIME_FORMAT"), BODY + 1, bold=True)
        for side in episode.sides:
            # A side's name is never left alone at the foot of a page.
            pdf.room_for(8 + LINE_HEIGHT * 2 * len(side.parts))
            pdf.words(_("%(name)s's side") % {"name": side.author}, BODY, bold=True, colour=PRIMARY)
            pdf.terms(side.parts)


SECTIONS = {
    ReportKind.AGREEMENT: _agreement,
    ReportKind.BREAKS: _breaks,
    ReportKind.INSIGHTS: _insights,
    ReportKind.CYCLE: _cycle,
    ReportKind.EPISODES: _episodes,
}


def render(contents: Contents, *, compress: bool = True) -> bytes:
    """The report as PDF bytes; ``compress=False`` leaves its text streams readable (for tests)."""
    names = " & ".join(contents.names)
    pdf = Paper(_("Breathing Room · %(names)s") % {"names": names})
    pdf.set_compression(compress)
    pdf.set_title(_("A report for a session: %(period)s") % {"period": period_words(contents)})
    pdf.set_creator("Breathing Room")
    pdf.set_lang(get_language() or "en")
    pdf.add_page()
    pdf.words(_("A report to take to a session"), 20, bold=True, colour=PRIMARY)
    pdf.ln(1)
    pdf.words(names, 13, bold=True)
    pdf.words(period_words(contents))
    pdf.words(
        _("Made by %(name)s on %(day)s. Times are on the clock of %(zone)s.")
        % {"name": contents.made_by, "day": _day(contents.made_at), "zone": str(contents.zone).replace("_", " ")},
        SMALL,
        colour=MUTED,
    )
    pdf.words(
        _("It holds only what the two of you chose to let in: %(kinds)s.") % {"kinds": "; ".join(contents.kind_names)},
        SMALL,
        colour=MUTED,
    )
    for kind in contents.kinds:
        SECTIONS[ReportKind(kind)](pdf, contents)
    return bytes(pdf.output())
