"""Body check-ins and unsent notes: private to whoever wrote them, in their copy, gone with them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.calm.models import BodyCheckIn, UnsentNote
from breathingroom.personal_data import PersonalData, Record, Section


def body_check_ins(person: Person) -> list[Record]:
    return [
        {
            "at": c.created_at,
            "where": c.where,
            "sensation": c.sensation,
            "strength": c.strength,
            "feeling": c.feeling,
            "heart_rate": c.heart_rate,
            "note": c.note,
        }
        for c in BodyCheckIn.objects.written_by(person).order_by("created_at")
    ]


def unsent_notes(person: Person) -> list[Record]:
    return [{"at": n.created_at, "text": n.text} for n in UnsentNote.objects.written_by(person).order_by("created_at")]


declared = PersonalData(
    sections=[
        Section("body_check_ins", body_check_ins, csv=_("your body check-ins (private to you).")),
        Section("unsent_notes", unsent_notes, csv=_("your unsent notes (private to you).")),
    ],
    own=[BodyCheckIn, UnsentNote],
)
