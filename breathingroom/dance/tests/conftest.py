"""Helpers for the dance's tests: an episode with sides written and shared in one line."""

from __future__ import annotations

from breathingroom.accounts.models import Person
from breathingroom.dance import episodes
from breathingroom.dance.models import Episode


def side(
    person: Person,
    episode: Episode,
    move: str,
    *,
    share: bool = True,
    deeper: str = "",
    fear: str = "",
    need: str = "",
    trigger: str = "",
    surface: str = "",
) -> None:
    words = episodes.SideWords(
        move=move, trigger=trigger, surface_feeling=surface, deeper_feeling=deeper, fear=fear, need=need
    )
    episodes.write_side(person, episode.id, words)
    if share:
        episodes.share_side(person, episode.id)


def episode_with(alex: Person, sam: Person, alex_move: str, sam_move: str, **options: object) -> Episode:
    """An episode alex began, with both sides written (and shared, unless ``share=False``)."""
    episode = episodes.start(alex)
    side(alex, episode, alex_move, **options)  # type: ignore[arg-type]
    side(sam, episode, sam_move, **options)  # type: ignore[arg-type]
    return episode
