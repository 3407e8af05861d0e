"""What a closed phone or an inbox is told of a note from the partner, and when.

The notice names who sent it, never the words: the same notice goes by push and by email, and an
inbox is often shared or read at work (the threat model keeps emails to a time and a link). The words
wait on Home, one tap away.

It goes by email too, to those who asked Breathing Room to email them: a kind word is rare enough
not to be noise, and its only cost is one calm message. Quiet hours hold it back rather than drop it:
unlike a reminder, whose moment passes, a kind word is as kind at seven in the morning as at three,
so it is told once the quiet hours end, unless it was read and put away meanwhile.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _

from breathingroom.accounts.models import Person
from breathingroom.appreciations.models import Appreciation, NoteKind
from breathingroom.events.models import Event
from breathingroom.notify import delivery
from breathingroom.notify.models import NotificationSettings, PushSubscription
from breathingroom.notify.notices import NEWS_LIFETIME, Notice, says


@says("appreciation.received", emailed=True)
def appreciation_received(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    try:
        note_id = UUID(str(data.get("appreciation")))
    except ValueError:
        return None
    note = Appreciation.objects.filter(pk=note_id, recipient=recipient).select_related("sender").first()
    # Gone with its sender's account, or already read and put away: nothing left to tell.
    if note is None or note.seen_at is not None:
        return None
    name = note.sender.display_name
    if note.kind == NoteKind.OKAY:
        title = _("%(name)s says you two are okay") % {"name": name}
        body = _("Just so you know. Nothing is needed back.")
    else:
        title = _("%(name)s appreciates you") % {"name": name}
        body = _("A few kind words are waiting for you in Breathing Room.")
    return Notice(
        title=title,
        body=body,
        url=reverse("home"),
        # Several notes show as one on the phone: the newest.
        tag="appreciation",
        expires_at=event.at + NEWS_LIFETIME,
    )


def quiet_hours_end(wishes: NotificationSettings, now: datetime) -> datetime | None:
    """When the quiet hours ``now`` falls in end, on the person's own clock; None outside them."""
    if wishes.quiet_until is None or not wishes.is_quiet(now):
        return None
    zone = wishes.person.zone
    today = now.astimezone(zone).date()
    for day in (today, today + timedelta(days=1)):
        end = datetime.combine(day, wishes.quiet_until, tzinfo=zone)
        if end > now:
            return end
    return None  # quiet hours never last a whole day


def after_quiet_hours(events: list[Event]) -> None:
    """In the note's own transaction: tell whoever is in their quiet hours again once those end.

    The telling queued with the event itself finds the quiet hours and sends nothing; this one comes
    after them and asks everything again (still unread, still wanted, no page open).
    """
    for event in events:
        # Only someone who changed their settings can have quiet hours; the defaults have none.
        wishes = NotificationSettings.objects.filter(person_id=event.recipient_id).select_related("person").first()
        end = quiet_hours_end(wishes, event.at) if wishes is not None else None
        if end is None:
            continue
        assert wishes is not None
        if wishes.email_reminders or PushSubscription.objects.filter(person_id=event.recipient_id).exists():
            delivery.tell.using(run_after=end).enqueue(event.pk)
