"""Suggesting a couples therapist once, gently, when the couple's own figures show them stuck.

Shown on Home while all is calm (never during a break), to each partner on their own; either answer,
"read about it" or "not for us", means it is never suggested to that person again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from breathingroom.breaks.models import Break
from breathingroom.couples.models import Couple
from breathingroom.events.until_news import kept_until_news
from breathingroom.help import stuck
from breathingroom.help.models import Answer, HelpSuggestion

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person


def due(person: Person) -> stuck.Sign | None:
    """Why to suggest help to this person now, or None: not stuck, in a break, or answered already."""
    if HelpSuggestion.objects.filter(person=person).exists():
        return None
    couple = Couple.objects.current_for(person)
    if couple is None or Break.objects.current_for(couple) is not None:
        return None
    # Read from the couple's whole recent history, which only a break ending or an outcome (each an
    # event to both) changes.
    return kept_until_news(person.pk, "help-sign", lambda: stuck.sign_of(couple, person))


def answer(person: Person, said: Answer) -> None:
    """Remember the answer; the first one stands (two phones, a double tap)."""
    HelpSuggestion.objects.get_or_create(person=person, defaults={"answer": said})
