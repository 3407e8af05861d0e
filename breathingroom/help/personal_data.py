"""A person's answer to the suggestion of a couples therapist: theirs alone, in their copy, gone with them."""

from __future__ import annotations

from breathingroom.accounts.models import Person
from breathingroom.help.models import HelpSuggestion
from breathingroom.personal_data import PersonalData, Record, Section


def suggestion(person: Person) -> Record:
    answered = HelpSuggestion.objects.filter(person=person).first()
    if answered is None:
        return {}
    return {"answer": answered.answer, "answered_at": answered.answered_at}


declared = PersonalData(sections=[Section("help_suggestion", suggestion)], own=[HelpSuggestion])
