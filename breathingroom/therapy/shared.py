"""What a therapist sees of one couple: only the kinds both partners ticked, read-only.

``look`` is the one way in, for the page and the API alike: it finds the seat the therapist holds now
(or answers the same 404 as for no couple at all), writes the look to both partners' security logs,
and describes each shared kind. A kind not shared is not read at all.

Never here, whatever is ticked: journals, notes, check-ins and their words, the words a partner
left for the other on a break or asked to hear, what each said they would try, and any side of an
episode its author has not shared with their partner now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from breathingroom.accounts.models import Person
from breathingroom.agreements.models import Agreement
from breathingroom.breaks.models import Break, Outcome, Repair, Timing
from breathingroom.couples.models import Couple
from breathingroom.dance import vocabulary
from breathingroom.dance.cycle import cycle_of
from breathingroom.dance.models import Episode, Side
from breathingroom.durations import minutes_label
from breathingroom.security import log
from breathingroom.security.models import Kind as LogKind
from breathingroom.therapy import seats
from breathingroom.therapy.models import Seat, ShareKind

# The newest this many of each list: enough to prepare a session, short enough to read before it.
BREAKS_SHOWN = 20
EPISODES_SHOWN = 20


@dataclass(frozen=True)
class Term:
    label: str
    value: str


@dataclass(frozen=True)
class AgreementSeen:
    version: int
    agreed_at: datetime | None
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class OutcomeSeen:
    name: str
    timing: str
    repair: str


@dataclass(frozen=True)
class BreakSeen:
    started_at: datetime
    taken_by: tuple[str, ...]
    length: str
    extensions: int
    ended_early: bool
    # Each partner's view of how it went, once both gave theirs; empty before.
    outcomes: tuple[OutcomeSeen, ...]


@dataclass(frozen=True)
class InsightsSeen:
    period: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class CycleSeen:
    episodes: int
    enough: bool
    name: str
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class SideSeen:
    author: str
    move: str
    trigger: str
    surface_feeling: str
    deeper_feeling: str
    fear: str
    need: str


@dataclass(frozen=True)
class EpisodeSeen:
    happened_at: datetime
    sides: tuple[SideSeen, ...]


@dataclass(frozen=True)
class SharedView:
    couple_id: UUID
    names: tuple[str, ...]
    since: datetime
    shared: frozenset[str]
    agreement: AgreementSeen | None = None
    breaks: tuple[BreakSeen, ...] | None = None
    insights: InsightsSeen | None = None
    cycle: CycleSeen | None = None
    sides: tuple[EpisodeSeen, ...] | None = None

    @property
    def sections(self) -> list[tuple[str, str, bool]]:
        """Each kind, its heading, and whether both partners share it: in the list's order, shared or not."""
        return [(kind.value, str(SECTION_NAMES[kind]), kind.value in self.shared) for kind in ShareKind]


SECTION_NAMES = {
    ShareKind.AGREEMENT: gettext_lazy("The Space Agreement"),
    ShareKind.BREAKS: gettext_lazy("Breaks and how they went"),
    ShareKind.INSIGHTS: gettext_lazy("Insights"),
    ShareKind.CYCLE: gettext_lazy("The cycle map"),
    ShareKind.SIDES: gettext_lazy("Shared sides of episodes"),
}


def look(therapist: Person, couple_id: UUID | str, device: str = "") -> SharedView:
    """What ``therapist`` sees of the couple now; each look is written to both partners' security logs."""
    seat = seats.held(therapist, couple_id)
    couple = seat.couple
    for partner in couple.partners:
        log.record(partner, LogKind.THERAPIST_VIEWED, device=device)
    return describe(seat, therapist)


def describe(seat: Seat, viewer: Person) -> SharedView:
    couple = seat.couple
    shared = seat.shared()
    assert seat.accepted_at is not None
    return SharedView(
        couple_id=couple.pk,
        names=tuple(p.display_name for p in couple.partners),
        since=seat.accepted_at,
        shared=shared,
        agreement=_agreement(couple) if ShareKind.AGREEMENT in shared else None,
        breaks=_breaks(couple) if ShareKind.BREAKS in shared else None,
        insights=_insights(couple, viewer) if ShareKind.INSIGHTS in shared else None,
        cycle=_cycle(couple) if ShareKind.CYCLE in shared else None,
        sides=_sides(couple) if ShareKind.SIDES in shared else None,
    )


def _agreement(couple: Couple) -> AgreementSeen | None:
    agreement = Agreement.objects.in_force_for(couple)
    if agreement is None:
        return None
    terms = agreement.terms()
    offered = [minutes_label(m) for m in terms.presets]
    if terms.until_morning:
        offered.append(_("until the next morning"))
    found = [
        Term(_("Lengths offered"), ", ".join(offered)),
        Term(
            _("Shortest and longest break"),
            _("%(shortest)s to %(longest)s")
            % {"shortest": minutes_label(terms.shortest), "longest": minutes_label(terms.longest)},
        ),
        Term(_("Extensions per break"), str(terms.extensions)),
        Term(_("While one of them is on a break"), terms.contact_label),
        Term(_("How they reconnect"), terms.reconnect_label),
    ]
    # The words each asked to hear stay between the two of them.
    for t in terms.rhythm:
        found.append(Term(_("Everyday rhythm"), f"{t.what} — {t.days_label}, {t.at:%H:%M}"))
    return AgreementSeen(version=agreement.version, agreed_at=agreement.accepted_at, terms=tuple(found))


def _breaks(couple: Couple) -> tuple[BreakSeen, ...]:
    partners = {p.pk: p.display_name for p in couple.partners}
    breaks = (
        Break.objects.filter(couple=couple)
        .select_related("reconnection")
        .prefetch_related("takers", Prefetch("reconnection__outcomes", queryset=Outcome.objects.order_by("person_id")))
        .order_by("-started_at", "-pk")[:BREAKS_SHOWN]
    )
    found = []
    for brk in breaks:
        reconnection = getattr(brk, "reconnection", None)
        outcomes = list(reconnection.outcomes.all()) if reconnection is not None else []
        both_in = len(outcomes) >= len(partners)
        found.append(
            BreakSeen(
                started_at=brk.started_at,
                taken_by=tuple(partners.get(t.person_id, _("a former partner")) for t in brk.taker_list),
                length=minutes_label(brk.length_minutes()),
                extensions=brk.extensions_used,
                ended_early=brk.ended_early_at is not None,
                outcomes=tuple(
                    OutcomeSeen(
                        name=partners.get(o.person_id, _("a former partner")),
                        timing=str(Timing(o.timing).label),
                        repair=str(Repair(o.repair).label),
                    )
                    for o in outcomes
                )
                if both_in
                else (),
            )
        )
    return tuple(found)


def _insights(couple: Couple, viewer: Person) -> InsightsSeen | None:
    """The couple's break figures from the insights, or None where they cannot be counted here.

    Only figures of the couple together are read: the insights' own lines for the body and the dance
    are each one partner's, with their own private check-ins and sides, so they never come here.
    """
    try:
        from breathingroom.insights.figures import insights_for
        from breathingroom.insights.window import DEFAULT_PERIOD, PERIOD_NAMES
    except ImportError:
        return None
    first = couple.partners[0]
    found = insights_for(couple, first, DEFAULT_PERIOD)
    lines = [
        ngettext("%(n)s break in this time.", "%(n)s breaks in this time.", found.breaks.total)
        % {"n": found.breaks.total}
    ]
    if found.lengths.asked is not None:
        lines.append(
            _("Asked for %(length)s on average.") % {"length": minutes_label(max(1, round(found.lengths.asked)))}
        )
    if found.lengths.took is not None and found.lengths.measured:
        lines.append(
            _("Apart for %(length)s on average, until both were back.")
            % {"length": minutes_label(max(1, round(found.lengths.took)))}
        )
    for person in found.on_time.people:
        if person.times:
            lines.append(
                _("%(name)s came back on time %(on_time)s of %(times)s times.")
                % {"name": person.name, "on_time": person.on_time, "times": person.times}
            )
    return InsightsSeen(period=str(PERIOD_NAMES[found.period]), lines=tuple(lines))


def _cycle(couple: Couple) -> CycleSeen:
    # Drawn from episodes whose two sides are both shared now; the first partner's view names them in order.
    cycle = cycle_of(couple, couple.partners[0])
    return CycleSeen(episodes=cycle.episodes, enough=cycle.enough, name=cycle.name, sentences=tuple(cycle.sentences()))


def _sides(couple: Couple) -> tuple[EpisodeSeen, ...]:
    names = {p.pk: p.display_name for p in couple.partners}
    episodes = (
        Episode.objects.filter(couple=couple, sides__shared_at__isnull=False)
        .distinct()
        .prefetch_related(
            Prefetch("sides", queryset=Side.objects.shared().order_by("person_id"), to_attr="shared_sides")
        )
        .order_by("-happened_at", "-pk")[:EPISODES_SHOWN]
    )
    return tuple(
        EpisodeSeen(
            happened_at=episode.happened_at,
            sides=tuple(
                SideSeen(
                    author=names.get(side.person_id, _("a former partner")),
                    move=vocabulary.move_name(side.move),
                    trigger=vocabulary.trigger_name(side.trigger),
                    surface_feeling=vocabulary.feeling_name(side.surface_feeling),
                    deeper_feeling=vocabulary.feeling_name(side.deeper_feeling),
                    fear=vocabulary.fear_name(side.fear),
                    need=vocabulary.need_name(side.need),
                )
                for side in episode.shared_sides  # type: ignore[attr-defined]
            ),
        )
        for episode in episodes
    )
