"""How far a person came with each lesson: theirs alone, in their copy, gone with them.

A reflection kept from a lesson is a journal entry, declared by the journal.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.lessons.models import Progress
from breathingroom.personal_data import PersonalData, Record, Section


def lessons(person: Person) -> list[Record]:
    return [
        {
            "lesson": p.lesson,
            "started_at": p.started_at,
            "furthest_screen": p.screen,
            "finished_at": p.done_at,
            "version_finished": p.version,
        }
        for p in Progress.objects.filter(person=person).order_by("started_at", "id")
    ]


declared = PersonalData(
    sections=[Section("lessons", lessons, csv=_("how far you came with each lesson."))],
    own=[Progress],
)
