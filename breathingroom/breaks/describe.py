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
from breathingroom.breaks.models import Break, Phase, Reconnection, Repair, Step, ThinkingOfYou, Timing


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
    timing: Timing
    repair: Repair
    recorded_at: datetime


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
    outcome: OutcomeSeen | None  # how the reconnection went, once recorded

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
    """``brk`` as ``person`` sees it ``now``, under ``terms`` (the couple's, when not given)."""
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
    outcome = None
    if reconnection is not None and reconnection.recorded_at is not None:
        outcome = OutcomeSeen(
            timing=Timing(reconnection.timing), repair=Repair(reconnection.repair), recorded_at=reconnection.recorded_at
        )
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
        outcome=outcome,
    )
