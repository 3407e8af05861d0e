"""Episodes and their sides, whoever asks (a page or the API).

Either partner begins an episode, after a break or at any time; an episode is the couple's, so both
see that it exists. Each writes their own side, which stays theirs alone until they share it, and
can be made private again at any moment. Someone outside the couple, and a partner asking for a side
that is not shared, are refused exactly as for something that never existed.

Sharing and unsharing a side is told to the partner ("episode.side_shared": which episode, and
whether it is shared now, never its words), so an open map or episode page changes at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.breaks.models import Break, Phase
from breathingroom.couples.models import Couple
from breathingroom.dance.models import (
    FEAR_WORDS,
    FEELING_WORDS,
    IDEMPOTENCY_KEY_LENGTH,
    NEED_WORDS,
    TRIGGER_WORDS,
    Episode,
    EpisodeQuerySet,
    Side,
)
from breathingroom.dance.vocabulary import Move
from breathingroom.events.publish import publish
from breathingroom.refusals import Refused
from breathingroom.writing import Writing

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person

STARTED = "episode.started"
SIDE_SHARED = "episode.side_shared"


class NoSuchEpisode(Refused):
    status = 404
    message = _("There is no such episode.")


class NotKept(Refused):
    status = 400


class StillOnBreak(Refused):
    message = _("Looking back can wait until you have both come back from the break.")


class NothingToShare(Refused):
    message = _("Write your side first: at least what you did. Then you can share it.")


class ChangedElsewhere(Refused):
    message = _(
        "Your side was changed somewhere else after you opened it, perhaps on another device. "
        "Nothing was saved: your words are still here, beside what it says now."
    )


NO_BREAK = _("There is no such break to look back on.")
NOT_A_MOVE = _("Choose what you did from the list; “Something else” is there when none fits.")


@dataclass(frozen=True)
class SideWords:
    """What a person writes on their side. Each field but ``move`` may be a listed key or their own words."""

    move: str
    trigger: str = ""
    surface_feeling: str = ""
    deeper_feeling: str = ""
    fear: str = ""
    need: str = ""

    def checked(self) -> SideWords:
        if not isinstance(self.move, str) or self.move not in Move.values:
            raise NotKept(NOT_A_MOVE)
        return SideWords(
            move=self.move,
            trigger=_text(self.trigger, TRIGGER_WORDS),
            surface_feeling=_text(self.surface_feeling, FEELING_WORDS),
            deeper_feeling=_text(self.deeper_feeling, FEELING_WORDS),
            fear=_text(self.fear, FEAR_WORDS),
            need=_text(self.need, NEED_WORDS),
        )


def _text(value: object, kind: Writing) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise NotKept(kind.too_long % {"n": kind.limit})
    return kind.check(value, NotKept)


def start(person: Person, break_id: UUID | str | None = None, key: str = "") -> Episode:
    """A new episode of ``person``'s couple, after the break ``break_id`` or on its own.

    An episode after a break is that break's one episode: asking again, from either partner, answers
    with the same one. ``key`` makes a request sent twice begin one episode.
    """
    if not isinstance(key, str) or len(key) > IDEMPOTENCY_KEY_LENGTH:
        raise NotKept(_("That request key is too long: use at most %(n)s characters.") % {"n": IDEMPOTENCY_KEY_LENGTH})
    with transaction.atomic():
        couple = Couple.objects.of(person, lock=True)
        if key and (earlier := _started_with(person, key)) is not None:
            return earlier
        brk = None
        if break_id is not None:
            brk = Break.objects.filter(couple=couple, pk=break_id).first()
            if brk is None:
                raise NoSuchEpisode(NO_BREAK)
            if brk.phase() == Phase.ON_BREAK:
                raise StillOnBreak
            existing = Episode.objects.filter(brk=brk).first()
            if existing is not None:
                return existing
        try:
            with transaction.atomic():
                episode = Episode.objects.create(
                    couple=couple,
                    started_by=person,
                    brk=brk,
                    happened_at=brk.started_at if brk is not None else timezone.now(),
                    idempotency_key=key,
                )
        except IntegrityError:
            earlier = _started_with(person, key) if key else None
            if earlier is None:
                raise
            return earlier
        partner = couple.partner_of(person)
        if partner is not None:
            publish([partner.pk], STARTED, {"episode": str(episode.id), "by": person.display_name})
        return episode


def _started_with(person: Person, key: str) -> Episode | None:
    return Episode.objects.filter(started_by=person, idempotency_key=key).first()


def of(person: Person) -> EpisodeQuerySet:
    """The episodes of ``person``'s couple now, newest first (none without a couple)."""
    couple = Couple.objects.current_for(person)
    if couple is None:
        return Episode.objects.none()
    return Episode.objects.of_couple(couple)


def find(person: Person, episode_id: UUID | str, *, lock: bool = False) -> Episode:
    """An episode of ``person``'s couple now, or :class:`NoSuchEpisode`, like one that never was."""
    couple = Couple.objects.current_for(person)
    found = Episode.objects.filter(pk=episode_id, couple=couple) if couple is not None else Episode.objects.none()
    if lock:
        found = found.select_for_update()
    episode = found.prefetch_related("sides").first()
    if episode is None:
        raise NoSuchEpisode
    return episode


def my_side(episode: Episode, person: Person) -> Side | None:
    return next((side for side in episode.sides.all() if side.person_id == person.pk), None)


def partner_side(episode: Episode, person: Person) -> Side | None:
    """The other partner's side, only while they share it."""
    return next(
        (side for side in episode.sides.all() if side.person_id != person.pk and side.shared_at is not None), None
    )


def write_side(person: Person, episode_id: UUID | str, words: SideWords, version: int | None = None) -> Side:
    """``person``'s side of the episode, new or changed. A shared side stays shared, with the new words.

    ``version``: the version these words were written over; if the side changed since, nothing is
    saved and :class:`ChangedElsewhere` says so.
    """
    words = words.checked()
    with transaction.atomic():
        episode = find(person, episode_id, lock=True)
        side = Side.objects.select_for_update().filter(episode=episode, person=person).first()
        if side is None:
            return Side.objects.create(episode=episode, person=person, **words.__dict__)
        if version is not None and version != side.version:
            raise ChangedElsewhere
        if all(getattr(side, name) == value for name, value in words.__dict__.items()):
            return side  # sent twice, or saved unchanged
        for name, value in words.__dict__.items():
            setattr(side, name, value)
        side.version += 1
        side.updated_at = timezone.now()
        side.save()
        if side.shared_at is not None:
            _tell_partner(person, episode, shared=True)
        return side


def share_side(person: Person, episode_id: UUID | str) -> Side:
    """Let the partner read ``person``'s side, and let it count in the cycle map. Sharing again changes nothing."""
    with transaction.atomic():
        episode = find(person, episode_id, lock=True)
        side = Side.objects.select_for_update().filter(episode=episode, person=person).first()
        if side is None:
            raise NothingToShare
        if side.shared_at is None:
            side.shared_at = timezone.now()
            side.save(update_fields=["shared_at"])
            _tell_partner(person, episode, shared=True)
        return side


def unshare_side(person: Person, episode_id: UUID | str) -> Side | None:
    """Make ``person``'s side private again: gone from the partner's view and the map at once."""
    with transaction.atomic():
        episode = find(person, episode_id, lock=True)
        side = Side.objects.select_for_update().filter(episode=episode, person=person).first()
        if side is not None and side.shared_at is not None:
            side.shared_at = None
            side.save(update_fields=["shared_at"])
            _tell_partner(person, episode, shared=False)
        return side


def _tell_partner(person: Person, episode: Episode, *, shared: bool) -> None:
    # Which episode, and whether the side is shared now: its words stay behind the side's rules.
    couple = Couple.objects.current_for(person)
    partner = couple.partner_of(person) if couple is not None else None
    if partner is not None:
        publish([partner.pk], SIDE_SHARED, {"episode": str(episode.id), "shared": shared})
