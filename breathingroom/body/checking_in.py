"""Checking in with the body: keeping a check-in, sharing one with the partner, unsharing, deleting.

Pages, the API and the reconnection ritual all come here, so the rules hold whoever asks. A
check-in is reached through its author, or by the partner while the author shares it with them;
anyone else, the partner for one not shared, and an id of nothing are answered alike: there is no
such check-in, so no id tells anyone that a check-in exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from breathingroom.body.feelings import FEELING_KEYS, FEELINGS
from breathingroom.body.models import (
    FASTEST_HEART_RATE,
    IDEMPOTENCY_KEY_LENGTH,
    NOTE,
    OWN_FEELING,
    SLOWEST_HEART_RATE,
    STRONGEST,
    CheckIn,
    CheckInQuerySet,
    Region,
    Sensation,
    Spot,
)
from breathingroom.couples.models import Couple
from breathingroom.events.publish import publish
from breathingroom.phrasebook.vocabulary import NEED_KEYS
from breathingroom.refusals import Refused

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person

RECENT = 10
INTENSITY_RANGE = format_lazy(_("Choose how strong it is, from 0 to {strongest}."), strongest=STRONGEST)
HEART_RATE_RANGE = format_lazy(
    _("A heart rate here is between {slowest} and {fastest} beats a minute. If you are not sure, leave it empty."),
    slowest=SLOWEST_HEART_RATE,
    fastest=FASTEST_HEART_RATE,
)
NO_PLACE = _("Choose at least one place in your body, or “All over”.")
NOT_A_PLACE = _("Choose places from the map or the list.")
PLACE_TWICE = _("Each place once, please: choose one sensation and one strength for it.")
NOT_A_SENSATION = _("Choose one of the sensations in the list.")
NOT_A_FEELING = _("Choose feelings from the list, or write your own in your own words.")
NOT_A_NEED = _("Choose a need from the list, or leave it for now.")
NOBODY_TO_SHARE_WITH = _("There is no partner to share this with yet.")


class NotKept(Refused):
    """A check-in that cannot be kept as it was sent."""

    status = 400


class NoSuchCheckIn(Refused):
    status = 404
    message = _("There is no such check-in.")


@dataclass(frozen=True)
class Place:
    """What a person noticed in one place: what it feels like there, and how strongly (0 to 10)."""

    region: str
    sensation: str
    intensity: int


def _whole_number(value: object) -> bool:
    # True and False are ints to Python, never a strength or a pulse to a person.
    return isinstance(value, int) and not isinstance(value, bool)


def _checked_places(places: Sequence[Place]) -> list[Place]:
    if not places:
        raise NotKept(NO_PLACE)
    seen: set[str] = set()
    for place in places:
        if place.region not in Region.values:
            raise NotKept(NOT_A_PLACE)
        if place.region in seen:
            raise NotKept(PLACE_TWICE)
        seen.add(place.region)
        if place.sensation not in Sensation.values:
            raise NotKept(NOT_A_SENSATION)
        if not _whole_number(place.intensity) or not 0 <= place.intensity <= STRONGEST:
            raise NotKept(INTENSITY_RANGE)
    return list(places)


def _checked_feelings(feelings: Sequence[str]) -> list[str]:
    chosen = set(feelings)
    if not chosen <= FEELING_KEYS:
        raise NotKept(NOT_A_FEELING)
    # Kept in the list's own order, each once, whatever order they were sent in.
    return [feeling.key for feeling in FEELINGS if feeling.key in chosen]


def record(
    person: Person,
    places: Sequence[Place],
    feelings: Sequence[str] = (),
    need: str = "",
    heart_rate: int | None = None,
    own_feeling: str = "",
    note: str = "",
    once: str = "",
) -> CheckIn:
    """Keep what ``person`` notices in their body now, for them alone.

    ``once``: a key new for each check-in (a page's form, an app's Idempotency-Key). Sent again with
    the same key, the check-in it made is answered and nothing new is kept.
    """
    if len(once) > IDEMPOTENCY_KEY_LENGTH:
        raise NotKept(_("That key is too long to remember."))
    if once and (kept := _kept_once(person, once)) is not None:
        return kept
    places = _checked_places(places)
    chosen = _checked_feelings(feelings)
    if need and need not in NEED_KEYS:
        raise NotKept(NOT_A_NEED)
    if heart_rate is not None and (
        not _whole_number(heart_rate) or not SLOWEST_HEART_RATE <= heart_rate <= FASTEST_HEART_RATE
    ):
        raise NotKept(HEART_RATE_RANGE)
    own_feeling = OWN_FEELING.check(own_feeling, NotKept)
    note = NOTE.check(note, NotKept)
    try:
        with transaction.atomic():
            check_in = CheckIn.objects.create(
                person=person,
                feelings=chosen,
                need=need,
                own_feeling=own_feeling,
                heart_rate=heart_rate,
                note=note,
                idempotency_key=once,
            )
            Spot.objects.bulk_create(
                Spot(check_in=check_in, region=p.region, sensation=p.sensation, intensity=p.intensity) for p in places
            )
    except IntegrityError:
        # The same key, sent twice at the same moment: the other one was kept.
        if once and (kept := _kept_once(person, once)) is not None:
            return kept
        raise
    return check_in


def _kept_once(person: Person, once: str) -> CheckIn | None:
    return CheckIn.objects.written_by(person).with_places().filter(idempotency_key=once).first()


def mine(person: Person) -> CheckInQuerySet:
    """``person``'s own check-ins, newest first."""
    return CheckIn.objects.written_by(person).with_places().select_related("person").latest_first()


def recent(person: Person) -> CheckInQuerySet:
    return mine(person)[:RECENT]


def latest_since(person: Person, since: datetime) -> CheckIn | None:
    """``person``'s newest check-in from ``since`` on, or None: what the reconnection ritual can start from
    (its strongest place as the ritual's own number) when someone checked in during the break."""
    return mine(person).filter(created_at__gte=since).first()


def shared_with(person: Person) -> CheckInQuerySet:
    """What ``person``'s partner shares with them now, the latest shared first."""
    return (
        CheckIn.objects.shared_with(person)
        .with_places()
        .select_related("person")
        .order_by("-shared_at", "-created_at", "-pk")
    )


def find(person: Person, check_in_id: UUID) -> CheckIn:
    """One check-in, for its author or for the partner it is shared with."""
    check_in = CheckIn.objects.seen_by(person).filter(pk=check_in_id).with_places().select_related("person").first()
    if check_in is None:
        raise NoSuchCheckIn
    return check_in


def _own(person: Person, check_in_id: UUID) -> CheckIn:
    # Locked, so a share and an unshare of one check-in at the same moment happen one after the other.
    check_in = CheckIn.objects.written_by(person).select_for_update().filter(pk=check_in_id).first()
    if check_in is None:
        raise NoSuchCheckIn
    return check_in


def _tell_partner(couple: Couple, person: Person, check_in_id: UUID, shared: bool) -> None:
    # Only ids travel: the partner's page fetches what it may see, so a check-in unshared since is never shown.
    partners = [p.pk for p in couple.partners if p.pk != person.pk]
    publish(partners, "check_in.shared", {"check_in": str(check_in_id), "shared": shared})


def share(person: Person, check_in_id: UUID) -> CheckIn:
    """Let ``person``'s partner see this check-in, until it is unshared or the couple ends."""
    with transaction.atomic():
        check_in = _own(person, check_in_id)
        couple = Couple.objects.of(person, refusal=NOBODY_TO_SHARE_WITH)
        if not check_in.is_shared_in(couple):
            check_in.shared_in, check_in.shared_at = couple, timezone.now()
            check_in.save(update_fields=["shared_in", "shared_at"])
            _tell_partner(couple, person, check_in.pk, shared=True)
    return find(person, check_in.pk)


def unshare(person: Person, check_in_id: UUID) -> CheckIn:
    """Keep this check-in to ``person`` alone again; the partner's open page lets it go at once."""
    with transaction.atomic():
        check_in = _own(person, check_in_id)
        couple = Couple.objects.current_for(person)
        was_shared = check_in.is_shared_in(couple)
        if check_in.shared_in_id is not None:
            check_in.shared_in, check_in.shared_at = None, None
            check_in.save(update_fields=["shared_in", "shared_at"])
        if was_shared and couple is not None:
            _tell_partner(couple, person, check_in.pk, shared=False)
    return find(person, check_in.pk)


def delete(person: Person, check_in_id: UUID) -> None:
    with transaction.atomic():
        check_in = _own(person, check_in_id)
        couple = Couple.objects.current_for(person)
        was_shared = check_in.is_shared_in(couple)
        check_in.delete()
        if was_shared and couple is not None:
            _tell_partner(couple, person, check_in_id, shared=False)
