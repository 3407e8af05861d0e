"""What a closed page is told when a partner begins an episode, shares their side or begins talking it
through: that they did, never the words.

A notice reaches a lock screen, so it carries only the partner's name and a link. It is decided when
it is sent: a side unshared by then, or a couple that ended, is no news.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _

from breathingroom.accounts.models import Person
from breathingroom.couples.models import Couple
from breathingroom.dance.episodes import SIDE_SHARED, STARTED
from breathingroom.dance.models import Episode, RepairTalk
from breathingroom.dance.repair import UPDATED
from breathingroom.events.models import Event
from breathingroom.notify.notices import NEWS_LIFETIME, Notice, says


def _episode(recipient: Person, data: dict[str, Any]) -> tuple[Episode, Couple] | None:
    try:
        episode_id = UUID(str(data.get("episode")))
    except ValueError:
        return None
    couple = Couple.objects.current_for(recipient)
    episode = Episode.objects.filter(pk=episode_id, couple=couple).first() if couple is not None else None
    return (episode, couple) if episode is not None and couple is not None else None


@says(STARTED)
def episode_started(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    found = _episode(recipient, data)
    if found is None:
        return None
    episode, couple = found
    partner = couple.partner_of(recipient)
    if partner is None:
        return None
    return Notice(
        title=_("%(name)s would like to look back on a hard moment with you") % {"name": partner.display_name},
        body=_("When you are ready, write your side. It stays yours until you share it."),
        url=reverse("dance:episode", args=[episode.id]),
        tag=f"episode-{episode.id}",
        expires_at=event.at + NEWS_LIFETIME,
    )


@says(SIDE_SHARED)
def side_shared(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    if data.get("shared") is not True:
        return None  # unsharing is news for an open page only
    found = _episode(recipient, data)
    if found is None:
        return None
    episode, couple = found
    partner = couple.partner_of(recipient)
    if partner is None or not episode.sides.filter(person=partner, shared_at__isnull=False).exists():
        return None
    return Notice(
        title=_("%(name)s shared their side with you") % {"name": partner.display_name},
        body=_("Read it when you have a quiet moment. It is how they saw it, not a verdict."),
        url=reverse("dance:episode", args=[episode.id]),
        tag=f"episode-{episode.id}",
        expires_at=event.at + NEWS_LIFETIME,
    )


@says(UPDATED)
def repair_begun(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    if data.get("begun") is not True:
        return None  # each step is news for an open page only
    found = _episode(recipient, data)
    if found is None:
        return None
    episode, couple = found
    talk = RepairTalk.objects.filter(episode=episode, finished_at__isnull=True).first()
    partner = couple.partner_of(recipient)
    if talk is None or partner is None or talk.started_by_id != partner.pk:
        return None
    return Notice(
        title=_("%(name)s would like to talk it through with you") % {"name": partner.display_name},
        body=_("Whenever you are ready. It goes one step at a time, and either of you can pause it."),
        url=reverse("repair:repair", args=[episode.id]),
        tag=f"repair-{episode.id}",
        expires_at=event.at + NEWS_LIFETIME,
    )
