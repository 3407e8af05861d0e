"""Whether the couple's own figures say they are stuck, the moment a couples therapist is worth suggesting.

Two signs, each read from what the couple recorded here:

- repairs that do not hold: the last ``REPAIRS_IN_A_ROW`` reconnections all ended with "not yet";
- coming back late most of the time: in ``LATE_OF_RECENT`` or more of the last ``RECENT_BREAKS`` breaks,
  someone came back well after the time (later than ``breaks.models.OVERDUE_AFTER`` minutes past it),
  or said it was late, or not back at all.

Each reconnection's outcome is one partner's own until both are in, so only the viewer's own outcome is
read until then: the sign never tells anyone what their partner has not yet been shown.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef

from breathingroom.breaks.models import OVERDUE_AFTER, Break, Outcome, Reconnection, Repair, Taker, Timing, minutes

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person
    from breathingroom.couples.models import Couple

REPAIRS_IN_A_ROW = 3
RECENT_BREAKS = 6
LATE_OF_RECENT = 4
# Both partners' outcomes are in: each is shown to the other.
BOTH = 2
LATE = (Timing.LATE, Timing.NOT_YET)


class Sign(StrEnum):
    REPAIRS_DO_NOT_HOLD = "repairs"
    LATE_RETURNS = "late"


def _said(viewer: Person, **answer: object) -> tuple[Exists, Exists]:
    """Whether the viewer said ``answer`` of the outer reconnection, and whether anyone did."""
    outcomes = Outcome.objects.filter(reconnection=OuterRef("pk"), **answer)
    return Exists(outcomes.filter(person=viewer)), Exists(outcomes)


def repairs_do_not_hold(couple: Couple, viewer: Person) -> bool:
    mine, anyone = _said(viewer, repair=Repair.NOT_YET)
    recent = (
        Reconnection.objects.filter(brk__couple=couple)
        .annotate(answers=Count("outcomes"), mine_not_yet=mine, any_not_yet=anyone)
        .filter(answers__gt=0)
        .order_by("-brk__started_at")
        .values_list("answers", "mine_not_yet", "any_not_yet")[:REPAIRS_IN_A_ROW]
    )
    said = [own or (answers >= BOTH and either) for answers, own, either in recent]
    return len(said) == REPAIRS_IN_A_ROW and all(said)


def late_most_of_the_time(couple: Couple, viewer: Person) -> bool:
    outcomes = Outcome.objects.filter(reconnection__brk=OuterRef("pk"), timing__in=LATE)
    recent = (
        Break.objects.filter(couple=couple, closed_at__isnull=False)
        .annotate(
            back_late=Exists(
                Taker.objects.filter(brk=OuterRef("pk"), back_at__gt=OuterRef("returns_at") + minutes(OVERDUE_AFTER))
            ),
            answers=Count("reconnection__outcomes"),
            mine_late=Exists(outcomes.filter(person=viewer)),
            any_late=Exists(outcomes),
        )
        .order_by("-started_at")
        .values_list("back_late", "answers", "mine_late", "any_late")[:RECENT_BREAKS]
    )
    late = [back or own or (answers >= BOTH and either) for back, answers, own, either in recent]
    return sum(late) >= LATE_OF_RECENT


def sign_of(couple: Couple, viewer: Person) -> Sign | None:
    """The first sign the couple's figures show, as ``viewer`` may see them, or None."""
    if repairs_do_not_hold(couple, viewer):
        return Sign.REPAIRS_DO_NOT_HOLD
    if late_most_of_the_time(couple, viewer):
        return Sign.LATE_RETURNS
    return None
