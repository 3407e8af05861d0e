"""Words from the phrasebook, offered where a person is looking for them.

The agreement offers the signal phrase and words that meet a need where each partner writes what
they would like to hear; the take-space page offers the signal phrase as a ready reassurance; the
ritual's turn and the notes before it offer the needs by name. Each list is a few plain items a page
shows as it likes: a tap puts the words in a box, and without a script they read as ideas.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from breathingroom.couples.models import Couple
from breathingroom.phrasebook.words import phrasebook_of


@dataclass(frozen=True)
class Pick:
    words: str  # what goes in the box
    label: str = ""  # said before the words, when they need saying what they are


def words_to_hear(couple: Couple) -> list[Pick]:
    """For "the words I would like to hear": the signal phrase, the couple's own needs, then words
    that meet each built-in need, said as the one stepping away would say them."""
    book = phrasebook_of(couple)
    picks = []
    if book.signal_phrase is not None:
        picks.append(Pick(book.signal_phrase.words, _("Your signal phrase")))
    picks += [Pick(word.name, _("A need of your own")) for word in book.own_needs]
    picks += [Pick(str(word.hear), str(word.name)) for word in book.needs if word.hear]
    return picks


def needs_to_name(couple: Couple) -> list[Pick]:
    """For "what I needed": each need by its name, the couple's own first."""
    return [Pick(str(word.name)) for word in phrasebook_of(couple).all_needs]
