"""The couple's insights as one person sees them: honest counts, rates and trends, each said in a line.

``insights_for(couple, viewer, period)`` is the one describer: the page draws it, the API returns it.
Every figure is counted by the database in a query or two, so the number of queries stays the same
however long the history. What the viewer's partner kept to themselves (a check-in, a side of an
episode) never feeds it; the viewer's own private ones count only in the viewer's own line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from django.db.models import Min
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.breaks.models import Break
from breathingroom.couples.models import Couple
from breathingroom.insights import breaks_counted, summaries
from breathingroom.insights.body_counted import BodyOverTime, strength
from breathingroom.insights.breaks_counted import BreaksOverTime, Heat, Lengths, OnTime, Repairs
from breathingroom.insights.dance_counted import DanceLine, most_often
from breathingroom.insights.window import DEFAULT_PERIOD, Period, window
from breathingroom.refusals import Refused


class NoPartnerYet(Refused):
    message = _("Insights are about the two of you, so they start once you are paired with your partner.")


@dataclass(frozen=True)
class Said:
    """A figure's one line, and for some a second saying what is counted."""

    summary: str
    meaning: str = ""


@dataclass(frozen=True)
class Insights:
    period: Period
    first: date
    today: date
    viewer_id: int
    partner_name: str
    breaks: BreaksOverTime
    lengths: Lengths
    on_time: OnTime
    repairs: Repairs
    body: BodyOverTime
    heat: Heat
    dance: tuple[DanceLine, ...]
    said: dict[str, Said]


def insights_for(
    couple: Couple, viewer: Person, period: Period | str = DEFAULT_PERIOD, now: datetime | None = None
) -> Insights:
    """``couple``'s insights over ``period`` as ``viewer`` (one of the two) sees them."""
    period = Period(period)
    first_ever = None
    if period == Period.ALL:
        first_ever = Break.objects.filter(couple=couple).aggregate(first=Min("started_at"))["first"]
    counted_in = window(period, viewer.zone, first_ever, now)
    # The viewer first, then their partner.
    people = sorted(couple.partners, key=lambda p: p.pk != viewer.pk)
    partner = next((p for p in people if p.pk != viewer.pk), None)
    found = Insights(
        period=period,
        first=counted_in.first,
        today=counted_in.today,
        viewer_id=viewer.pk,
        partner_name=partner.display_name if partner else "",
        breaks=breaks_counted.over_time(couple, counted_in),
        lengths=breaks_counted.lengths(couple, counted_in),
        on_time=breaks_counted.on_time(couple, counted_in, people),
        repairs=breaks_counted.repairs(couple, counted_in, viewer),
        body=strength(couple, counted_in, viewer, people),
        heat=breaks_counted.heat(couple, counted_in),
        dance=most_often(couple, counted_in, viewer, people),
        said={},
    )
    return replace(found, said=summaries.said(found))


def insights_of(person: Person, period: Period | str = DEFAULT_PERIOD) -> Insights:
    """``person``'s couple's insights now, or :class:`NoPartnerYet`."""
    couple = Couple.objects.current_for(person)
    if couple is None:
        raise NoPartnerYet
    return insights_for(couple, person, period)
