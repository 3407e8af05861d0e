"""The notices kept for a person: in their copy, gone with them, and gone from a partner's when they name them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.events.models import Connection, Cursor, Event
from breathingroom.personal_data import Deletion, PersonalData, Record, Section


def events(person: Person) -> list[Record]:
    return [
        {"number": e.seq, "type": e.type, "at": e.at, "data": e.data}
        for e in Event.objects.filter(recipient=person).order_by("seq")
    ]


def erase_from_partners(deletion: Deletion) -> None:
    # Everything a partner heard while paired with this person was about the two of them, and may
    # name them as they were called then; anything else is checked for their names and words.
    gone = []
    for event in Event.objects.select_for_update().filter(recipient_id__in=deletion.together):
        named = deletion.was_together(event.recipient_id, event.at) or deletion.mentions(event.data)
        if event.type == "couple.left":
            if "by" in event.data and named:
                # Kept without the name, so a partner who was away still learns that the couple ended.
                event.data = {key: value for key, value in event.data.items() if key != "by"}
                event.save(update_fields=["data"])
        elif named:
            gone.append(event.pk)
    Event.objects.filter(pk__in=gone).delete()


declared = PersonalData(
    sections=[Section("events", events, csv=_("the notices the app kept for you in the last 30 days."))],
    own=[Event, Cursor, Connection],
    erase=erase_from_partners,
)
