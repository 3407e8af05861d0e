"""A couple's month with something of every kind, and a private word hidden in each place a report must not reach.

Each ``PRIVATE`` word is written where only its author, or nobody but the two of them in the moment,
may read it: a reassurance, the words each asked to hear, notes before reconnecting, a check-in's
number kept private, "one thing to try", a journal entry, a note never sent, a side never shared, a
shared side its author did not let in. ``LET_IN`` words are in the sides that were let in.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from breathingroom.accounts.models import Person
from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.models import Break
from breathingroom.breaks.tests.conftest import agree, until_reconnecting
from breathingroom.calm.models import UnsentNote
from breathingroom.couples.models import Couple
from breathingroom.dance import episodes
from breathingroom.dance.models import Episode
from breathingroom.dance.tests.conftest import side
from breathingroom.journal import entries
from breathingroom.reports import making

PRIVATE = {
    "reassurance": "Quillowreassure",
    "words_to_hear": "Zephyrhearme",
    "preparation": "Marbleprepnote",
    "next_try": "Cobaltnexttry",
    "journal": "Juniperjournal",
    "unsent": "Saffronunsent",
    "unshared_side": "Tamarindunshared",
    "not_let_in": "Ochrenotletin",
    "other_couple": "Vermilionrobin",
}
LET_IN = {"alex": "Lanternletin", "sam": "Harbourletin"}


@dataclass
class History:
    alex: Person
    sam: Person
    couple: Couple
    brk: Break
    let_in: Episode
    only_alex_let_in: Episode
    unshared: Episode


def closed_break(alex: Person, sam: Person) -> Break:
    brk = space.take_space(alex, 20, f"back soon {PRIVATE['reassurance']}")
    reconnecting.prepare(alex, brk.id, PRIVATE["preparation"], "", "")
    brk = until_reconnecting(brk)
    reconnecting.come_back(alex, brk.id)
    reconnecting.come_back(sam, brk.id)
    reconnecting.name_next_try(alex, brk.id, PRIVATE["next_try"])
    reconnecting.record_outcome(alex, brk.id, "on_time", "partly")
    reconnecting.record_outcome(sam, brk.id, "late", "repaired")
    return Break.objects.get(pk=brk.pk)


def make_history(alex: Person, sam: Person, couple: Couple, robin: Person | None = None) -> History:
    agree(alex, sam, words=PRIVATE["words_to_hear"])
    brk = closed_break(alex, sam)
    entries.write(alex, PRIVATE["journal"])
    UnsentNote.objects.create(person=sam, text=PRIVATE["unsent"])

    # Both sides shared and let in.
    let_in = episodes.start(alex)
    side(alex, let_in, "withdrew", trigger=LET_IN["alex"], deeper="overwhelmed")
    side(sam, let_in, "pursued", need=LET_IN["sam"], deeper="lonely")
    making.let_in(alex, let_in.id, True)
    making.let_in(sam, let_in.id, True)
    # Alex's side let in; Sam's shared but not let in.
    only_alex = episodes.start(sam)
    side(alex, only_alex, "withdrew", trigger=LET_IN["alex"])
    side(sam, only_alex, "criticised", fear=PRIVATE["not_let_in"], surface=PRIVATE["not_let_in"])
    making.let_in(alex, only_alex.id, True)
    # Sam's side kept to Sam: never shared, so never let in.
    unshared = episodes.start(alex)
    side(sam, unshared, "pursued", trigger=PRIVATE["unshared_side"], share=False)
    side(alex, unshared, "withdrew", share=False, fear=PRIVATE["unshared_side"])

    if robin is not None:
        other = episodes.start(robin)
        side(robin, other, "pursued", trigger=PRIVATE["other_couple"])
    return History(alex, sam, couple, brk, let_in, only_alex, unshared)


@pytest.fixture
def history(alex, sam, couple) -> History:
    return make_history(alex, sam, couple)


def assert_private_words_absent(text: str) -> None:
    for where, word in PRIVATE.items():
        assert word.casefold() not in text.casefold(), f"the {where} word is in the report"


__all__ = ["History", "assert_private_words_absent", "make_history"]
