"""What a report holds, drawn afresh each time it is opened: the one describer for its page, its PDF and the API.

Both partners see the same report, on the calendar it was made in. It holds only the kinds chosen
when it was made, and of those only what both partners can see in the app anyway, less the words
that were never meant for a session:

- the agreement: the version in force on the period's last day, without the words each asked to hear;
- breaks begun in the period: when, who stepped away, the length asked for and the time apart, each
  one's coming back (on time or late, as the app measured it), and each one's view of how it went
  once both can see both; never a reassurance, a note made before reconnecting, a check-in or
  "one thing to try";
- the insights for the period: only figures of the two of them together (the body's and the dance's
  lines count what each kept private, so they never come here);
- the cycle map as the dance draws it, from the episodes whose two sides are both let in;
- sides of episodes in the period that their author let in and shares now, and nothing else of an episode.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from breathingroom.accounts.models import Person
from breathingroom.agreements.models import Agreement
from breathingroom.breaks.models import OVERDUE_AFTER, Break, Outcome, Repair, Timing, minutes
from breathingroom.breaks.reconnecting import views_shown
from breathingroom.couples.models import Couple
from breathingroom.dance import cycle_svg, vocabulary
from breathingroom.dance.cycle import Cycle
from breathingroom.dance.models import Episode, Side
from breathingroom.durations import minutes_label
from breathingroom.insights import breaks_counted, charts, summaries
from breathingroom.insights.body_counted import BodyOverTime
from breathingroom.insights.figures import Insights
from breathingroom.insights.window import Period, Window, week_of
from breathingroom.reports.cycle import cycle_let_in
from breathingroom.reports.models import Report, ReportKind
from breathingroom.sentences import inside_a_sentence

# The first this many breaks of the period are listed, one line each; the insights count them all.
BREAKS_LISTED = 150


@dataclass(frozen=True)
class Term:
    label: str
    value: str


@dataclass(frozen=True)
class AgreementPart:
    version: int
    agreed_on: date | None
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Return:
    """One partner's coming back from a break, as the app measured it."""

    name: str
    # "on_time", "late" or "not_noted".
    timing: str
    said: str


@dataclass(frozen=True)
class View:
    """One partner's own view of how the reconnection went."""

    name: str
    timing: str
    repair: str

    @property
    def repair_after_name(self) -> str:
        """The repair as it reads after the name ("Alex: repaired"), lowered only where the language wants it."""
        return inside_a_sentence(self.repair)


@dataclass(frozen=True)
class BreakLine:
    started_at: datetime
    taken_by: tuple[str, ...]
    asked: str
    extensions: int
    apart: str
    ended_early: bool
    returns: tuple[Return, ...]
    views: tuple[View, ...]


@dataclass(frozen=True)
class InsightsPart:
    found: Insights
    # Each chart of the insights (``insights.charts``), or None where there is nothing to draw.
    breaks_chart: Any
    lengths_chart: Any
    on_time_chart: Any
    repairs_chart: Any
    # Counted up to today, not only to the period's end (the insights count from a day onwards).
    runs_past_end: bool


@dataclass(frozen=True)
class CyclePart:
    cycle: Cycle
    drawing: cycle_svg.Drawing
    text: tuple[str, ...]

    @property
    def not_enough(self) -> str:
        """Said in place of the dance's own line, which counts episodes shared rather than let in."""
        if not self.cycle.episodes:
            return _("No episode has both its sides let into reports yet, so there is no map to draw.")
        if self.cycle.enough:
            return ""
        return ngettext(
            "Only %(n)s episode has both its sides let in: the map shows what it can, not yet a pattern.",
            "Only %(n)s episodes have both their sides let in: the map shows what it can, not yet a pattern.",
            self.cycle.episodes,
        ) % {"n": self.cycle.episodes}

    @property
    def resting_on(self) -> str:
        return ngettext(
            "Drawn from %(n)s episode whose two sides you both let into reports.",
            "Drawn from %(n)s episodes whose two sides you both let into reports.",
            self.cycle.episodes,
        ) % {"n": self.cycle.episodes}


@dataclass(frozen=True)
class SideLine:
    author: str
    parts: tuple[Term, ...]


@dataclass(frozen=True)
class EpisodeLine:
    happened_at: datetime
    sides: tuple[SideLine, ...]


@dataclass(frozen=True)
class Contents:
    report: Report
    names: tuple[str, ...]
    made_by: str
    made_at: datetime
    start: date
    end: date
    zone: ZoneInfo
    kinds: tuple[str, ...]
    agreement: AgreementPart | None = None
    breaks: tuple[BreakLine, ...] = ()
    breaks_total: int = 0
    insights: InsightsPart | None = None
    cycle: CyclePart | None = None
    episodes: tuple[EpisodeLine, ...] = ()

    def holds(self, kind: str) -> bool:
        return kind in self.kinds

    @property
    def breaks_not_listed(self) -> int:
        return self.breaks_total - len(self.breaks)

    @property
    def kind_names(self) -> list[str]:
        return [str(ReportKind(k).label) for k in self.kinds]


def bounds(report: Report) -> tuple[datetime, datetime]:
    """The period as moments: from its first day's midnight to the midnight after its last, in its zone."""
    zone = ZoneInfo(report.zone)
    since = timezone.make_aware(datetime.combine(report.start, time()), zone)
    until = timezone.make_aware(datetime.combine(report.end + timedelta(days=1), time()), zone)
    return since, until


def describe(report: Report, viewer: Person, now: datetime | None = None) -> Contents:
    """``report`` as ``viewer`` (one of the couple) sees it: the same for both but for the cycle map's order."""
    couple = report.couple
    zone = ZoneInfo(report.zone)
    since, until = bounds(report)
    partners = couple.partners
    found = Contents(
        report=report,
        names=tuple(p.display_name for p in partners),
        made_by=report.made_by.display_name if report.made_by else _("a former partner"),
        made_at=timezone.localtime(report.made_at, zone),
        start=report.start,
        end=report.end,
        zone=zone,
        kinds=tuple(k for k in ReportKind.values if report.holds(k)),
    )
    if report.holds(ReportKind.AGREEMENT):
        found = replace(found, agreement=agreement_in_force(couple, until, zone))
    if report.holds(ReportKind.BREAKS):
        lines, total = breaks_in(couple, since, until, zone)
        found = replace(found, breaks=lines, breaks_total=total)
    if report.holds(ReportKind.INSIGHTS):
        found = replace(found, insights=insights_in(report, couple, now))
    if report.holds(ReportKind.CYCLE):
        found = replace(found, cycle=cycle_in(couple, viewer))
    if report.holds(ReportKind.EPISODES):
        found = replace(found, episodes=episodes_in(couple, since, until, zone))
    return found


# --- The agreement ---------------------------------------------------------------------------------


def agreement_in_force(couple: Couple, until: datetime, zone: ZoneInfo) -> AgreementPart | None:
    agreement = Agreement.objects.accepted().filter(couple=couple, accepted_at__lt=until).order_by("-version").first()
    if agreement is None:
        return None
    terms = agreement.terms()
    offered = [minutes_label(m) for m in terms.presets]
    if terms.until_morning:
        offered.append(_("until the next morning"))
    found = [
        Term(_("Lengths offered"), ", ".join(offered)),
        Term(
            _("Shortest and longest"),
            _("%(shortest)s to %(longest)s")
            % {"shortest": minutes_label(terms.shortest), "longest": minutes_label(terms.longest)},
        ),
        Term(_("More time, per break"), str(terms.extensions)),
        Term(_("While one is on a break"), terms.contact_label),
        Term(_("Coming back together"), terms.reconnect_label),
        # The words each asked to hear are theirs to say, not a session's to read.
        *(Term(_("Every day"), f"{t.what} ({t.days_label}, {t.at:%H:%M})") for t in terms.rhythm),
    ]
    agreed_on = timezone.localdate(agreement.accepted_at, zone) if agreement.accepted_at else None
    return AgreementPart(version=agreement.version, agreed_on=agreed_on, terms=tuple(found))


# --- Breaks ------------------------------------------------------------------------------------------


def _return(name: str, back_at: datetime | None, brk: Break) -> Return:
    if back_at is None:
        return Return(name, "not_noted", _("coming back not noted"))
    if back_at <= brk.returns_at + minutes(OVERDUE_AFTER):
        return Return(name, "on_time", _("back on time"))
    return Return(name, "late", _("back late"))


def _apart(brk: Break) -> str:
    takers = brk.taker_list
    came_back = brk.ended_early_at
    if came_back is None and takers and all(t.back_at is not None for t in takers):
        came_back = max(t.back_at for t in takers if t.back_at is not None)
    if came_back is None:
        return ""
    return minutes_label(max(0, round((came_back - brk.started_at) / minutes(1))))


def breaks_in(couple: Couple, since: datetime, until: datetime, zone: ZoneInfo) -> tuple[tuple[BreakLine, ...], int]:
    """The breaks begun in the period, oldest first (at most ``BREAKS_LISTED``), and how many there were."""
    found = Break.objects.filter(couple=couple, started_at__gte=since, started_at__lt=until)
    total = found.count()
    names = {p.pk: p.display_name for p in couple.partners}
    breaks = (
        found.select_related("reconnection")
        .prefetch_related("takers", Prefetch("reconnection__outcomes", queryset=Outcome.objects.order_by("person_id")))
        .order_by("started_at", "pk")[:BREAKS_LISTED]
    )
    lines = []
    for brk in breaks:
        brk.couple = couple
        takers = brk.taker_list
        reconnection = getattr(brk, "reconnection", None)
        shown = reconnection is not None and views_shown(brk, reconnection)
        lines.append(
            BreakLine(
                started_at=timezone.localtime(brk.started_at, zone),
                taken_by=tuple(names.get(t.person_id, _("a former partner")) for t in takers),
                asked=minutes_label(takers[0].minutes) if takers else "",
                extensions=brk.extensions_used,
                apart=_apart(brk),
                ended_early=brk.ended_early_at is not None,
                returns=tuple(
                    _return(names.get(t.person_id, _("a former partner")), t.back_at, brk)
                    for t in takers
                    if brk.closed_at is not None or t.back_at is not None
                ),
                views=tuple(
                    View(
                        name=names.get(o.person_id, _("a former partner")),
                        timing=str(Timing(o.timing).label),
                        repair=str(Repair(o.repair).label),
                    )
                    for o in (reconnection.outcomes.all() if shown and reconnection is not None else [])
                ),
            )
        )
    return tuple(lines), total


# --- Insights ----------------------------------------------------------------------------------------


def insights_in(report: Report, couple: Couple, now: datetime | None = None) -> InsightsPart:
    """The insights' own figures, charts and lines, for the weeks of the period.

    Only what the two of them did together is counted: breaks, lengths, coming back, and each one's
    view of how it went once both can see both (no one's own view counts early here).
    """
    zone = ZoneInfo(report.zone)
    today = timezone.localdate(now or timezone.now(), zone)
    window = Window(Period.ALL, zone, week_of(report.start), min(report.end, today))
    people = couple.partners
    # An id of no one: the repairs count no one's own view before both are in.
    no_one = Person(pk=0)
    found = Insights(
        period=Period.ALL,
        first=window.first,
        today=window.today,
        viewer_id=0,
        partner_name="",
        breaks=breaks_counted.over_time(couple, window),
        lengths=breaks_counted.lengths(couple, window),
        on_time=breaks_counted.on_time(couple, window, people),
        repairs=breaks_counted.repairs(couple, window, no_one),
        body=BodyOverTime(window.points_by, ()),
        heat=breaks_counted.heat(couple, window),
        dance=(),
        said={},
    )
    found = replace(found, said=summaries.said(found))
    return InsightsPart(
        found=found,
        breaks_chart=charts.breaks_chart(found.breaks),
        lengths_chart=charts.lengths_chart(found.lengths),
        on_time_chart=charts.on_time_chart(found.on_time),
        repairs_chart=charts.repairs_chart(found.repairs),
        runs_past_end=report.end < today,
    )


# --- The cycle map and the episodes ------------------------------------------------------------------


def cycle_in(couple: Couple, viewer: Person) -> CyclePart | None:
    """The map, or None once the couple is no longer two (a loop is drawn between two people)."""
    if len(couple.partners) < 2:
        return None
    cycle = cycle_let_in(couple, viewer)
    drawing = cycle_svg.draw(cycle)
    return CyclePart(cycle=cycle, drawing=drawing, text=tuple(cycle_svg.words(cycle, drawing, saying_not_enough=False)))


def let_in_sides(couple: Couple) -> Any:
    """The sides of ``couple``'s partners that go into reports: let in by their author, and shared now."""
    return Side.objects.shared().filter(
        person__in=[p.pk for p in couple.partners], episode__couple=couple, in_reports__isnull=False
    )


def _side_parts(side: Side) -> tuple[Term, ...]:
    found = [
        (_("What set it off"), vocabulary.trigger_name(side.trigger)),
        (_("What they did"), vocabulary.move_name(side.move)),
        (_("On the surface"), vocabulary.feeling_name(side.surface_feeling)),
        (_("Underneath"), vocabulary.feeling_name(side.deeper_feeling)),
        (_("Feared"), vocabulary.fear_name(side.fear)),
        (_("Needed"), vocabulary.need_name(side.need)),
    ]
    return tuple(Term(label, value) for label, value in found if value)


def episodes_in(couple: Couple, since: datetime, until: datetime, zone: ZoneInfo) -> tuple[EpisodeLine, ...]:
    """Episodes of the period with at least one side let in, oldest first, each with only those sides."""
    names = {p.pk: p.display_name for p in couple.partners}
    sides = let_in_sides(couple).order_by("person_id")
    found = (
        Episode.objects.filter(couple=couple, happened_at__gte=since, happened_at__lt=until, sides__in=sides)
        .distinct()
        .prefetch_related(Prefetch("sides", queryset=sides, to_attr="let_in"))
        .order_by("happened_at", "pk")
    )
    return tuple(
        EpisodeLine(
            happened_at=timezone.localtime(episode.happened_at, zone),
            sides=tuple(SideLine(names[side.person_id], _side_parts(side)) for side in episode.let_in),  # type: ignore[attr-defined]
        )
        for episode in found
    )
