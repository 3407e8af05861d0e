"""A break as one person sees it: the one description the pages, the API and events are made from.

Whoever looks, the same facts come out the same way: who is on the break and their words, the
times, who is ready, and what this person may do now and why not. Nothing here is private to the
other partner (their preparation notes and unshared check-ins never appear), so a description may
go to either of them; each still gets their own, since "me" and what they may do differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.utils import timezone

from breathingroom.accounts.models import Person
from breathingroom.agreements.models import Terms
from breathingroom.agreements.proposals import terms_for
from breathingroom.breaks import space
from breathingroom.breaks.models import (
    Break,
    CheckIn,
    Outcome,
    Phase,
    Reconnection,
    Repair,
    Step,
    ThinkingOfYou,
    Timing,
    minutes,
)
from breathingroom.reading import once


@dataclass(frozen=True)
class TakerSeen:
    """A partner on the break."""

    person_id: int
    name: str
    is_me: bool
    reassurance: str
    minutes: int
    joined_at: datetime
    ready: bool  # said "I'm ready to talk" before the time
    back: bool  # came back for the reconnection


@dataclass(frozen=True)
class ThinkingOfYouSeen:
    allowed: bool  # whether this person may send one now
    reason: str | None  # why not, in plain words
    received: int  # how many the partner sent this person while they were on the break


@dataclass(frozen=True)
class OutcomeSeen:
    """How the reconnection went, as one partner said it."""

    name: str
    is_me: bool
    timing: Timing
    repair: Repair
    next_talk_at: datetime | None  # when "not yet" is talked about again
    recorded_at: datetime


@dataclass(frozen=True)
class CheckInSeen:
    name: str
    is_me: bool
    strength: int | None  # a partner's number only when they chose to share it


@dataclass(frozen=True)
class TrySeen:
    """The one thing a partner said they would try next time."""

    name: str
    is_me: bool
    text: str


@dataclass(frozen=True)
class BreakSeen:
    """Everything about one break that one person is shown, and what they may do about it now."""

    brk: Break
    id: UUID
    phase: Phase
    started_at: datetime
    returns_at: datetime
    reconnect_at: datetime
    ended_early: bool  # everyone on it said they were ready before the time
    overdue_at: datetime
    overdue: bool
    extensions_used: int
    extensions_left: int
    takers: list[TakerSeen]
    thoughts: list[ThinkingOfYou]  # the "thinking of you"s sent to this person, while on the break
    thinking_of_you: ThinkingOfYouSeen
    reconnection_step: Step | None  # None until someone reaches the reconnection
    more_until: datetime | None  # the few more minutes someone asked for run until then
    may_ask_more: bool  # whether this person may ask for a few more minutes now
    more_minutes: tuple[int, ...]  # the lengths they may ask for
    asked_minutes: int  # the length asked for on stepping away
    actual_minutes: int | None  # from stepping away until everyone was back; None until then
    came_back: Timing  # on time, late, or not (yet) back
    check_ins: list[CheckInSeen]
    tries: list[TrySeen]
    outcomes: list[OutcomeSeen]  # how it went, from each partner who said so, once recorded

    @property
    def outcome(self) -> OutcomeSeen | None:
        """How the reconnection went, as first recorded."""
        return self.outcomes[0] if self.outcomes else None

    @property
    def next_talk_at(self) -> datetime | None:
        """The latest time chosen to talk again after a "not yet"."""
        return max((o.next_talk_at for o in self.outcomes if o.next_talk_at), default=None)

    @property
    def me(self) -> TakerSeen | None:
        return next((t for t in self.takers if t.is_me), None)

    @property
    def others(self) -> list[TakerSeen]:
        return [t for t in self.takers if not t.is_me]

    @property
    def i_am_on_break(self) -> bool:
        return self.me is not None

    @property
    def may_be_ready(self) -> bool:
        me = self.me
        return self.phase == Phase.ON_BREAK and me is not None and not me.ready

    @property
    def may_extend(self) -> bool:
        return self.phase == Phase.ON_BREAK and self.i_am_on_break and self.extensions_left > 0

    @property
    def may_take_space_too(self) -> bool:
        return self.phase == Phase.ON_BREAK and not self.i_am_on_break

    def event(self) -> dict[str, object]:
        """What a break's event says of it: the same for either partner."""
        return {
            "break": str(self.id),
            "returns_at": self.returns_at.isoformat(),
            "takers": [{"name": t.name, "reassurance": t.reassurance, "ready": t.ready} for t in self.takers],
        }


def describe(brk: Break, person: Person, terms: Terms | None = None, now: datetime | None = None) -> BreakSeen:
    """``brk`` as ``person`` sees it ``now``, under ``terms`` (the couple's, when not given).

    Asked with neither, it is the break as it stands: on a page that changes nothing, every part
    that shows it (the header's banner, the live panel) sees it once, at one moment.
    """
    if terms is None and now is None:
        return once(("seen", brk.pk, person.pk), lambda: _describe(brk, person, None, None))
    return _describe(brk, person, terms, now)


def _describe(brk: Break, person: Person, terms: Terms | None, now: datetime | None) -> BreakSeen:
    # Imported here: ``space`` loads this module, and ``reconnecting`` loads ``space``.
    from breathingroom.breaks.reconnecting import MORE_MINUTES, more_minutes_allowed, suggested_timing

    now = now or timezone.now()
    terms = terms or terms_for(brk.couple)
    takers = [
        TakerSeen(
            person_id=t.person_id,
            name=t.person.display_name,
            is_me=t.person_id == person.pk,
            reassurance=t.reassurance,
            minutes=t.minutes,
            joined_at=t.joined_at,
            ready=t.ready_at is not None,
            back=t.back_at is not None,
        )
        for t in brk.taker_list
    ]
    on_it = any(t.is_me for t in takers)
    # The waiting partner's signs reach only the one on the break; the sender never learns more.
    thoughts = [t for t in brk.thoughts.all() if t.sender_id != person.pk] if on_it else []
    reason = space.thinking_of_you_allowed(person, brk, terms, now)
    reconnection: Reconnection | None = getattr(brk, "reconnection", None)
    came_back_at = _came_back_at(brk)
    more_until = reconnection.more_until if reconnection is not None else None
    return BreakSeen(
        brk=brk,
        id=brk.id,
        phase=brk.phase(now),
        started_at=brk.started_at,
        returns_at=brk.returns_at,
        reconnect_at=brk.reconnect_at,
        ended_early=brk.ended_early_at is not None,
        overdue_at=brk.overdue_at,
        overdue=brk.is_overdue(now),
        extensions_used=brk.extensions_used,
        extensions_left=space.extensions_left(brk, terms, now),
        takers=takers,
        thoughts=thoughts,
        thinking_of_you=ThinkingOfYouSeen(allowed=reason is None, reason=reason, received=len(thoughts)),
        reconnection_step=Step(reconnection.step) if reconnection is not None else None,
        more_until=more_until if more_until and more_until > now else None,
        may_ask_more=more_minutes_allowed(person, brk, reconnection),
        more_minutes=MORE_MINUTES,
        asked_minutes=brk.taker_list[0].minutes if brk.taker_list else brk.length_minutes(),
        actual_minutes=round((came_back_at - brk.started_at) / minutes(1)) if came_back_at else None,
        came_back=suggested_timing(brk),
        check_ins=_check_ins(reconnection, person),
        tries=_tries(reconnection, person),
        outcomes=outcomes_of(reconnection, person),
    )


def _came_back_at(brk: Break) -> datetime | None:
    if brk.ended_early_at is not None:
        return brk.ended_early_at
    backs = [t.back_at for t in brk.takers.all()]
    if not backs or None in backs:
        return None
    return max(b for b in backs if b is not None)


def _names(brk: Break) -> dict[int, str]:
    return {p.pk: p.display_name for p in brk.couple.partners}


def _check_ins(reconnection: Reconnection | None, person: Person) -> list[CheckInSeen]:
    if reconnection is None:
        return []
    names = _names(reconnection.brk)
    return [
        # Unless it was shared, a partner's number is theirs alone: the other learns only that they checked in.
        CheckInSeen(
            name=names.get(c.person_id, ""),
            is_me=c.person_id == person.pk,
            strength=c.strength if c.shared or c.person_id == person.pk else None,
        )
        for c in sorted(reconnection.check_ins.all(), key=lambda c: c.created_at)
    ]


def _tries(reconnection: Reconnection | None, person: Person) -> list[TrySeen]:
    if reconnection is None:
        return []
    names = _names(reconnection.brk)
    return [
        TrySeen(name=names.get(t.person_id, ""), is_me=t.person_id == person.pk, text=t.text)
        for t in sorted(reconnection.next_tries.all(), key=lambda t: t.created_at)
    ]


def outcomes_of(
    reconnection: Reconnection | None, person: Person, outcomes: list[Outcome] | None = None
) -> list[OutcomeSeen]:
    """How the reconnection went, from each partner who said so: the one place outcomes are read.

    A partner's view is shown to the other only once both are in (or the break closed without the
    second), so neither answer leans on the other's. ``outcomes``: the reconnection's, when already read.
    """
    from breathingroom.breaks.reconnecting import views_shown

    if reconnection is None:
        return []
    if outcomes is None:
        outcomes = list(reconnection.outcomes.all())
    views = sorted(outcomes, key=lambda o: o.recorded_at)
    names = _names(reconnection.brk)
    both_in = views_shown(reconnection.brk, reconnection, outcomes)
    return [
        OutcomeSeen(
            name=names.get(o.person_id, ""),
            is_me=o.person_id == person.pk,
            timing=Timing(o.timing),
            repair=Repair(o.repair),
            next_talk_at=o.next_talk_at,
            recorded_at=o.recorded_at,
        )
        for o in views
        if both_in or o.person_id == person.pk
    ]


@dataclass(frozen=True)
class RitualSeen:
    """The reconnection ritual as one partner sees it: the page and the API both show this.

    Whose check-in is high is said only to the one who gave it, or to both if they shared it.
    """

    break_id: UUID
    step: Step
    partner_name: str
    first_speaker: str | None
    first_speaker_is_me: bool
    i_speak: bool  # in the turn the ritual is at
    said_back: bool  # the listener said back what they heard, in this turn
    not_quite: bool  # the speaker answered "not quite": the listener tries again
    my_check_in: CheckIn | None
    partner_checked_in: bool
    partner_strength: int | None  # only when shared
    flooded: bool  # someone's check-in is high, so the ritual settles first
    i_am_flooded: bool
    partner_flooded: bool  # only when the partner shared their number
    i_am_ready: bool  # while settling: checked in lower again, or chose to go on
    partner_ready: bool
    breath_at: datetime | None  # the breath taken together starts here, on the server's clock
    breath_ends_at: datetime | None
    more_until: datetime | None  # the ritual waits until then
    waiting_more: bool
    may_ask_more: bool
    more_minutes: tuple[int, ...]
    more_times_left: int
    tries: list[TrySeen]
    outcomes: list[OutcomeSeen]  # mine, and the partner's once both are shown
    views_shown: bool
    i_recorded: bool
    partner_recorded: bool
    closed: bool
    suggested_timing: Timing

    @property
    def first_outcome(self) -> OutcomeSeen | None:
        return self.outcomes[0] if self.outcomes else None


def describe_ritual(brk: Break, reconnection: Reconnection, person: Person) -> RitualSeen:
    """``brk``'s reconnection as ``person`` sees it now."""
    from breathingroom.breaks import reconnecting

    now = timezone.now()
    partner = brk.couple.partner_of(person)
    names = _names(reconnection.brk)
    check_ins = list(reconnection.check_ins.all())
    mine = next((c for c in check_ins if c.person_id == person.pk), None)
    theirs = next((c for c in check_ins if c.person_id != person.pk), None)
    since = reconnection.settling_since
    outcomes = list(reconnection.outcomes.all())
    everyone = {o.person_id for o in outcomes}
    breath_ends = reconnection.breath_at + reconnecting.BREATH_LENGTH if reconnection.breath_at else None
    return RitualSeen(
        break_id=brk.id,
        step=Step(reconnection.step),
        partner_name=partner.display_name if partner else "",
        first_speaker=names.get(reconnection.first_speaker_id or 0),
        first_speaker_is_me=reconnection.first_speaker_id == person.pk,
        i_speak=reconnecting.speaker_of(reconnection, brk.couple) == person.pk,
        said_back=reconnection.said_back_at is not None,
        not_quite=reconnection.not_quite_at is not None,
        my_check_in=mine,
        partner_checked_in=theirs is not None,
        partner_strength=theirs.strength if theirs is not None and theirs.shared else None,
        flooded=reconnecting.flooded(check_ins),
        i_am_flooded=mine is not None and mine.strength >= reconnecting.FLOODED,
        partner_flooded=theirs is not None and theirs.shared and theirs.strength >= reconnecting.FLOODED,
        i_am_ready=reconnecting.ready_to_talk(mine, since),
        partner_ready=reconnecting.ready_to_talk(theirs, since),
        breath_at=reconnection.breath_at if breath_ends and breath_ends > now else None,
        breath_ends_at=breath_ends if breath_ends and breath_ends > now else None,
        more_until=reconnection.more_until if reconnection.more_until and reconnection.more_until > now else None,
        waiting_more=reconnection.more_until is not None and reconnection.more_until > now,
        may_ask_more=reconnecting.more_minutes_allowed(person, brk, reconnection),
        more_minutes=reconnecting.MORE_MINUTES,
        more_times_left=max(reconnecting.MOST_MORE_TIMES - reconnection.more_times, 0),
        tries=_tries(reconnection, person),
        outcomes=outcomes_of(reconnection, person, outcomes),
        views_shown=reconnecting.views_shown(brk, reconnection, outcomes),
        i_recorded=person.pk in everyone,
        partner_recorded=partner is not None and partner.pk in everyone,
        closed=brk.closed_at is not None,
        suggested_timing=reconnecting.suggested_timing(brk),
    )
