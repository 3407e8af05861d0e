"""Unsent notes: private to whoever wrote them, in their copy, gone with them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.calm.models import UnsentNote
from breathingroom.personal_data import PersonalData, Record, Section


def unsent_notes(person: Person) -> list[Record]:
    return [{"at": n.created_at, "text": n.text} for n in UnsentNote.objects.written_by(person).order_by("created_at")]


declared = PersonalData(
    sections=[
        Section("unsent_notes", unsent_notes, csv=_("your unsent notes (private to you).")),
    ],
    own=[UnsentNote],
)
