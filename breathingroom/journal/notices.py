"""What a closed page is told when a partner shares a journal entry: that they did, never its words.

A notice reaches a lock screen, so it carries only the sharer's name and a link. It is decided when
it is sent: an entry unshared or deleted by then, or a couple that ended, is no news.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _

from breathingroom.accounts.models import Person
from breathingroom.couples.models import Couple
from breathingroom.events.models import Event
from breathingroom.journal.entries import SHARED
from breathingroom.journal.models import Entry
from breathingroom.notify.notices import NEWS_LIFETIME, Notice, says


@says(SHARED)
def entry_shared(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    if data.get("shared") is not True:
        return None  # unsharing is news for an open page only
    try:
        entry_id = UUID(str(data.get("entry")))
    except ValueError:
        return None
    entry = Entry.objects.filter(pk=entry_id).select_related("person").first()
    couple = Couple.objects.current_for(recipient)
    if entry is None or entry.person_id == recipient.pk or not entry.shared_now(couple):
        return None
    return Notice(
        title=_("%(name)s shared a journal entry with you") % {"name": entry.person.display_name},
        body=_("Read it when you have a quiet moment. Nothing needs an answer."),
        url=reverse("journal:entry", args=[entry.id]),
        tag=f"journal-{entry.id}",
        expires_at=event.at + NEWS_LIFETIME,
    )
