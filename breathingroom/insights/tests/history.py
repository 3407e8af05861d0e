"""A couple's history written straight into the tables, with every moment chosen, for counting tests.

The domain's own steps read the real clock; insights only count what is stored, so a history made
row by row, weeks in the past, tests them exactly.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from breathingroom.accounts.models import Person
from breathingroom.body.models import CheckIn, Spot
from breathingroom.breaks.models import Break, Extension, Outcome, Reconnection, Taker
from breathingroom.couples.models import Couple
from breathingroom.dance.models import Episode, Side

WORDS = "Back soon."


def a_break(
    couple: Couple,
    taker: Person,
    started_at: datetime,
    asked: int,
    *,
    back_after: float | None = None,
    extended: int = 0,
    ended_early_after: float | None = None,
    closed: bool = True,
    agreement_version: int | None = None,
    also: Person | None = None,
) -> Break:
    """A break of ``asked`` minutes (plus ``extended``), each taker back ``back_after`` minutes after it began."""
    returns_at = started_at + timedelta(minutes=asked + extended)
    ended_early_at = started_at + timedelta(minutes=ended_early_after) if ended_early_after is not None else None
    back_at = started_at + timedelta(minutes=back_after) if back_after is not None else None
    brk = Break.objects.create(
        couple=couple,
        started_by=taker,
        started_at=started_at,
        returns_at=returns_at,
        extensions_used=1 if extended else 0,
        ended_early_at=ended_early_at,
        closed_at=(back_at or returns_at) + timedelta(minutes=30) if closed else None,
        agreement_version=agreement_version,
    )
    for person in (taker, also) if also else (taker,):
        Taker.objects.create(
            brk=brk, person=person, reassurance=WORDS, minutes=asked, joined_at=started_at, back_at=back_at
        )
    if extended:
        Extension.objects.create(
            brk=brk, person=taker, minutes=extended, reassurance=WORDS, created_at=started_at + timedelta(minutes=5)
        )
    return brk


def outcomes(brk: Break, *views: tuple[Person, str]) -> None:
    """Each person's view of how it went: ``(person, "repaired" | "partly" | "not_yet")``."""
    reconnection, _ = Reconnection.objects.get_or_create(brk=brk, defaults={"started_at": brk.returns_at})
    for person, repair in views:
        Outcome.objects.create(
            reconnection=reconnection, person=person, timing="on_time", repair=repair, recorded_at=brk.returns_at
        )


def check_in(person: Person, at: datetime, *strengths: int, shared_in: Couple | None = None) -> CheckIn:
    """A body check-in with a place for each strength (chest, then stomach, then throat)."""
    found = CheckIn.objects.create(
        person=person, created_at=at, shared_in=shared_in, shared_at=at if shared_in else None
    )
    for region, intensity in zip(("chest", "stomach", "throat"), strengths, strict=False):
        Spot.objects.create(check_in=found, region=region, sensation="tight", intensity=intensity)
    return found


def episode(couple: Couple, at: datetime, *sides: tuple[Person, str, str, bool]) -> Episode:
    """An episode with sides ``(person, move, trigger, shared)``."""
    found = Episode.objects.create(couple=couple, happened_at=at, created_at=at)
    for person, move, trigger, shared in sides:
        Side.objects.create(
            episode=found, person=person, move=move, trigger=trigger, shared_at=at if shared else None, written_at=at
        )
    return found


MOVES = ("pursued", "withdrew", "went_quiet")
# Listed triggers and a person's own words, which are opened from one row to be shown.
TRIGGERS = ("tone", "money", "late again")


def varied(alex, sam, couple, n: int) -> None:
    """``n`` breaks over the last half year, each with its outcomes, check-ins and an episode."""
    now = timezone.now()
    for i in range(n):
        at = now - timedelta(hours=(i * 19) % (25 * 7 * 24) + 2)
        taker, other = (alex, sam) if i % 2 else (sam, alex)
        brk = a_break(couple, taker, at, 20 + i % 40, back_after=15 + i % 50, extended=10 * (i % 3 == 0))
        outcomes(brk, (taker, "repaired"), (other, ("partly", "not_yet", "repaired")[i % 3]))
        check_in(taker, at, i % 11, 3, shared_in=couple if i % 4 else None)
        episode(
            couple,
            at,
            (alex, MOVES[i % 3], TRIGGERS[i % 3], bool(i % 2)),
            (sam, MOVES[(i + 1) % 3], TRIGGERS[(i + 1) % 3], True),
        )
    # Every kind of value at least once, so both histories show the same kinds of thing.
    for i in range(3):
        episode(
            couple, now - timedelta(days=1), (alex, MOVES[i], TRIGGERS[i], True), (sam, MOVES[i], TRIGGERS[i], True)
        )
