"""Notes between partners: each is its sender's own writing, in both partners' copies.

A note goes with its sender's account: nothing a deleted person wrote stays with anyone. A partner
who deletes their account takes nothing of the sender's away: the sender keeps the notes they wrote,
sent then to "a former partner", and what the deleted person put away, and when, goes with them.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from breathingroom.accounts.models import Person
from breathingroom.appreciations.models import Appreciation
from breathingroom.personal_data import Deletion, PersonalData, Record, Section, name_of


def appreciations(person: Person) -> list[Record]:
    notes = (
        Appreciation.objects.filter(Q(sender=person) | Q(recipient=person))
        .select_related("sender", "recipient")
        .order_by("sent_at", "pk")
    )
    return [
        {
            "couple": str(note.couple_id),
            "sent_at": note.sent_at,
            "kind": note.kind,
            "text": note.text,
            "from": _("you") if note.sender_id == person.pk else name_of(note.sender),
            "to": _("you") if note.recipient_id == person.pk else name_of(note.recipient),
            # Only the recipient's own: no one is ever told whether the other read a note.
            "put_away_at": note.seen_at if note.recipient_id == person.pk else None,
        }
        for note in notes
    ]


def words_sent(person: Person) -> Iterable[str]:
    # What a partner was told in events, word for word.
    yield from Appreciation.objects.filter(sender=person).values_list("text", flat=True)


def forget_reading(deletion: Deletion) -> None:
    # When the person read the notes they were sent is theirs; the notes themselves are the sender's.
    Appreciation.objects.filter(recipient=deletion.person).update(seen_at=None)


declared = PersonalData(
    sections=[
        Section(
            "appreciations",
            appreciations,
            csv=gettext_lazy("the kind words and “we're okay”s you and your partner sent each other."),
        )
    ],
    own=[Appreciation],
    traces=words_sent,
    erase=forget_reading,
)
