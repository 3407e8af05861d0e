"""One describer of a body check-in, as one person sees it: the pages and the API both show this.

The author sees everything, and whether it is shared now; the partner sees a shared one as shared,
without the flooding hint, which speaks to the author about their own body.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, overload
from uuid import UUID

from django.utils.translation import gettext as _

from breathingroom.body.models import FLOODED_HEART_RATE, CheckIn, CheckInQuerySet, Region, Sensation
from breathingroom.couples.models import Couple

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person


@dataclass(frozen=True)
class PlaceSeen:
    region: str
    region_name: str
    sensation: str
    sensation_name: str
    intensity: int


@dataclass(frozen=True)
class CheckInSeen:
    id: UUID
    at: datetime
    mine: bool
    author: str
    places: tuple[PlaceSeen, ...]
    strongest: int
    feelings: tuple[str, ...]
    feeling_names: tuple[str, ...]
    need: str | None
    need_name: str | None
    own_feeling: str
    heart_rate: int | None
    note: str
    shared: bool
    shared_at: datetime | None
    # For the author alone: whether the heart rate sounds flooded, and what to do about it.
    flooded: bool | None
    flooded_hint: str | None


def flooded_hint(check_in: CheckIn) -> str | None:
    """A gentle word for the author when the heart rate sounds flooded, or None."""
    if not check_in.sounds_flooded or check_in.heart_rate is None:
        return None
    rate, resting = check_in.heart_rate, check_in.person.resting_heart_rate
    if rate < FLOODED_HEART_RATE and resting is not None:
        return _(
            "%(rate)s beats a minute is about 10%% above your resting %(resting)s, one sign of being flooded: "
            "too stirred up to talk well. A few minutes of slow breathing may help."
        ) % {"rate": rate, "resting": resting}
    return _(
        "%(rate)s beats a minute is about the pace people describe when they feel flooded, too stirred up to "
        "talk well. A few minutes of slow breathing may help."
    ) % {"rate": rate}


def describe(check_in: CheckIn, viewer: Person, couple: Couple | None) -> CheckInSeen:
    """``check_in`` as ``viewer`` sees it; ``couple`` is the viewer's couple now (None without one)."""
    mine = check_in.person_id == viewer.pk
    regions, sensations = dict(Region.choices), dict(Sensation.choices)
    places = tuple(
        PlaceSeen(s.region, str(regions[s.region]), s.sensation, str(sensations[s.sensation]), s.intensity)
        for s in check_in.places
    )
    return CheckInSeen(
        id=check_in.pk,
        at=check_in.created_at,
        mine=mine,
        author=check_in.person.display_name,
        places=places,
        strongest=check_in.strongest,
        feelings=tuple(check_in.feelings),
        feeling_names=tuple(check_in.feeling_names),
        need=check_in.need or None,
        need_name=check_in.need_name or None,
        own_feeling=check_in.own_feeling,
        heart_rate=check_in.heart_rate,
        note=check_in.note,
        shared=check_in.is_shared_in(couple),
        shared_at=check_in.shared_at if check_in.is_shared_in(couple) else None,
        flooded=check_in.sounds_flooded if mine else None,
        flooded_hint=flooded_hint(check_in) if mine else None,
    )


@dataclass
class Described(Sequence[CheckInSeen]):
    """Check-ins as one person sees them, described only for the page asked for."""

    check_ins: CheckInQuerySet
    viewer: Person

    def __post_init__(self) -> None:
        self.couple = Couple.objects.current_for(self.viewer)

    def __len__(self) -> int:
        return self.check_ins.count()

    def __iter__(self) -> Iterator[CheckInSeen]:
        # All at once, in one query (and one for their places), not one for each.
        return iter(self[:])

    @overload
    def __getitem__(self, index: int) -> CheckInSeen: ...

    @overload
    def __getitem__(self, index: slice) -> list[CheckInSeen]: ...

    def __getitem__(self, index: int | slice) -> CheckInSeen | list[CheckInSeen]:
        if isinstance(index, int):
            return describe(self.check_ins[index], self.viewer, self.couple)
        return [describe(c, self.viewer, self.couple) for c in self.check_ins[index]]
