"""Journal entries: the author's own, in their copy, gone with them.

Entries a partner shares are theirs, not the reader's: they are in the author's copy only, and a
reader keeps nothing of them once they are unshared, deleted, or the couple ends.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.couples.models import Couple
from breathingroom.journal.models import Entry
from breathingroom.journal.prompts import prompt
from breathingroom.personal_data import PersonalData, Record, Section


def journal(person: Person) -> list[Record]:
    couple = Couple.objects.current_for(person)
    rows = []
    for entry in Entry.objects.written_by(person).order_by("created_at", "id"):
        began_from = prompt(entry.prompt)
        rows.append(
            {
                "written_at": entry.created_at,
                "edited_at": entry.edited_at,
                "prompt": str(began_from.text) if began_from else "",
                "text": entry.text,
                "shared_with_partner_now": entry.shared_now(couple),
            }
        )
    return rows


declared = PersonalData(
    sections=[Section("journal", journal, csv=_("your journal entries (private to you unless you shared one)."))],
    own=[Entry],
)
