"""One describer for an episode: what this person sees of it, for the pages, the API and events alike.

The viewer sees their own side whole, shared or not. Of the partner's side they see nothing at all
unless it is shared now: not its words, not whether it was written, not when.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import overload
from uuid import UUID

from django.db.models import QuerySet

from breathingroom.accounts.models import Person
from breathingroom.dance import vocabulary
from breathingroom.dance.episodes import my_side, partner_side
from breathingroom.dance.models import Episode, Side


@dataclass(frozen=True)
class Said:
    """A value as stored (a listed key or the person's own words) and as it reads."""

    value: str
    words: str


@dataclass(frozen=True)
class SideView:
    author: str
    mine: bool
    move: Said
    trigger: Said
    surface_feeling: Said
    deeper_feeling: Said
    fear: Said
    need: Said
    shared: bool
    shared_at: datetime | None
    updated_at: datetime
    # The author's alone: what a change must name so one made elsewhere meanwhile is not overwritten.
    version: int | None

    @property
    def move_seen(self) -> str:
        return str(vocabulary.MOVE_SEEN.get(self.move.value, ""))


@dataclass(frozen=True)
class EpisodeView:
    id: UUID
    happened_at: datetime
    created_at: datetime
    break_id: UUID | None
    started_by: str
    started_by_me: bool
    mine: SideView | None
    partner: SideView | None
    partner_name: str
    repair_step: str | None

    @property
    def both_shared(self) -> bool:
        return bool(self.mine and self.mine.shared and self.partner)


def _said(value: str, words: str) -> Said:
    return Said(value=value, words=words)


def describe_side(side: Side, viewer: Person, author_name: str) -> SideView:
    mine = side.person_id == viewer.pk
    return SideView(
        author=author_name,
        mine=mine,
        move=_said(side.move, vocabulary.move_name(side.move)),
        trigger=_said(side.trigger, vocabulary.trigger_name(side.trigger)),
        surface_feeling=_said(side.surface_feeling, vocabulary.feeling_name(side.surface_feeling)),
        deeper_feeling=_said(side.deeper_feeling, vocabulary.feeling_name(side.deeper_feeling)),
        fear=_said(side.fear, vocabulary.fear_name(side.fear)),
        need=_said(side.need, vocabulary.need_name(side.need)),
        shared=side.shared_at is not None,
        shared_at=side.shared_at,
        updated_at=side.updated_at,
        version=side.version if mine else None,
    )


def describe(episode: Episode, viewer: Person, partner: Person | None) -> EpisodeView:
    """``episode`` as ``viewer`` sees it; ``partner``: the viewer's partner in the episode's couple."""
    mine = my_side(episode, viewer)
    theirs = partner_side(episode, viewer)
    partner_name = partner.display_name if partner is not None else ""
    # A missing repair conversation raises an AttributeError of its own kind: None here.
    repair = getattr(episode, "repair", None)
    return EpisodeView(
        id=episode.id,
        happened_at=episode.happened_at,
        created_at=episode.created_at,
        break_id=episode.brk_id,
        started_by=viewer.display_name if episode.started_by_id == viewer.pk else partner_name,
        started_by_me=episode.started_by_id == viewer.pk,
        mine=describe_side(mine, viewer, viewer.display_name) if mine else None,
        partner=describe_side(theirs, viewer, partner_name) if theirs else None,
        partner_name=partner_name,
        repair_step=repair.step if repair is not None else None,
    )


@dataclass
class Described(Sequence[EpisodeView]):
    """A list of episodes, described only for the page asked for."""

    found: QuerySet[Episode]
    viewer: Person
    partner: Person | None

    def __len__(self) -> int:
        return self.found.count()

    @overload
    def __getitem__(self, index: int) -> EpisodeView: ...

    @overload
    def __getitem__(self, index: slice) -> list[EpisodeView]: ...

    def __getitem__(self, index: int | slice) -> EpisodeView | list[EpisodeView]:
        if isinstance(index, int):
            return describe(self.found[index], self.viewer, self.partner)
        return [describe(e, self.viewer, self.partner) for e in self.found[index]]
