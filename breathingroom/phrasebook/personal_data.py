"""The couple's phrasebook: in both partners' copies, as both see it; each word goes with whoever wrote it.

Both partners see every word of their couple's phrasebook, so each copy holds all of them, with who
wrote each. Deleting an account takes with it the words that person wrote (their own words and a
signal phrase they set), as it does everything else a person wrote.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.couples.personal_data import couples_of
from breathingroom.personal_data import PersonalData, Record, Section, name_of
from breathingroom.phrasebook.models import OwnWord, SignalPhrase


def phrasebook(person: Person) -> list[Record]:
    rows: list[Record] = []
    couples = couples_of(person)
    phrases = SignalPhrase.objects.filter(couple__in=couples).select_related("set_by")
    for phrase in phrases:
        rows.append(
            {
                "couple": str(phrase.couple_id),
                "kind": "signal_phrase",
                "words": phrase.words,
                "why": "",
                "written_by": name_of(phrase.set_by),
                "written_at": phrase.set_at,
                "changed_at": None,
            }
        )
    own = OwnWord.objects.filter(couple__in=couples).select_related("added_by").order_by("added_at", "id")
    for word in own:
        rows.append(
            {
                "couple": str(word.couple_id),
                "kind": word.kind,
                "words": word.name,
                "why": word.why,
                "written_by": name_of(word.added_by),
                "written_at": word.added_at,
                "changed_at": word.changed_at,
            }
        )
    return rows


declared = PersonalData(
    sections=[
        Section(
            "phrasebook",
            phrasebook,
            csv=_("your couple's signal phrase and the needs and boundaries in your own words, with who wrote each."),
        ),
    ],
    own=[OwnWord, SignalPhrase],
)
