"""The many small repeated pieces of the insights page, joined in Python: chart marks and table rows.

A chart over five years has hundreds of bars, dots and squares, and a table row for each month; a
template loop spends most of the page's time on them. Joined here with ``format_html_join`` (every
value escaped), they cost a fraction, and the templates keep the shape of each figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from breathingroom.insights.window import Stride


@lru_cache(maxsize=4096)
def _when(start: date, by: Stride, language: str | None, short: bool) -> str:
    if short:
        return date_format(start, "DAY_MON_YEAR_FORMAT" if by == Stride.WEEK else "MONTH_YEAR_FORMAT")
    if by == Stride.WEEK:
        return _("Week of %(day)s") % {"day": date_format(start, "DAY_MON_FORMAT")}
    return date_format(start, "MONTH_YEAR_FORMAT")


def when(start: date, by: Stride, *, short: bool = False) -> str:
    """A week ("Week of 3 Mar") or month ("March 2025"); ``short`` for a table's first column."""
    return _when(start, by, get_language(), short)


def boxes(found: Iterable[object], base: str) -> SafeString:
    """Rectangles, each with its own words in a <title>; ``base`` is every one's class."""
    return format_html_join(
        "",
        '<rect class="{}" x="{}" y="{}" width="{}" height="{}" rx="{}"><title>{}</title></rect>',
        (
            (f"{base} insights-{b.kind}" if b.kind else base, b.x, b.y, b.width, b.height, rx, b.title)  # type: ignore[attr-defined]
            for b in found
            for rx in [2 if base == "insights-cell" else 1.5]
        ),
    )


def dots(found: Iterable[object], radius: float) -> SafeString:
    return format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="{}"><title>{}</title></circle>',
        ((d.x, d.y, radius, d.title) for d in found),  # type: ignore[attr-defined]
    )


@dataclass(frozen=True)
class Table:
    """A chart's numbers: its column heads, and each row's first cell (a heading) and the rest."""

    head: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]

    @property
    def body(self) -> SafeString:
        return format_html_join(
            "",
            '<tr><th scope="row" dir="auto">{}</th>{}</tr>',
            ((row[0], format_html_join("", "<td>{}</td>", ((cell,) for cell in row[1:]))) for row in self.rows),
        )
