"""The couple's phrasebook: the built-in words, the couple's own, and their signal phrase.

Pages and the API both come here, so the rules hold whoever asks: either partner adds words and sets
the signal phrase, both see everything, and only the one who wrote a word may change or remove it.
A word of another couple is refused exactly like one that never existed, so nobody can learn that
it does. Every change locks the couple's row, so two phones changing the phrasebook at once take
turns and neither change is half made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from breathingroom.couples.models import Couple, NotPaired
from breathingroom.phrasebook.models import (
    MOST_OWN_WORDS,
    SIGNAL_WORDS,
    WORD_NAME,
    WORD_WHY,
    OwnWord,
    SignalPhrase,
    WordKind,
)
from breathingroom.phrasebook.vocabulary import BOUNDARIES, NEEDS, Word
from breathingroom.refusals import Refused

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person

NOT_A_KIND = _("Choose whether these words are for a need or a boundary.")
PAIR_FIRST = _("Pair with your partner first: your own words and your signal phrase belong to the two of you.")


class NotWritten(Refused):
    """Words that cannot be kept as written."""

    status = 400


class NoSuchWord(Refused):
    status = 404
    message = _("There is no such word in your phrasebook.")


class NotYours(Refused):
    status = 403
    message = _(
        "Only the one who added these words can change or remove them. Add your own beside them, "
        "or talk it over together."
    )


class Full(Refused):
    message = format_lazy(
        _("Your phrasebook already holds {n} words of your own. Remove one you no longer use to make room."),
        n=MOST_OWN_WORDS,
    )


class AlreadyThere(NotWritten):
    """Another word of the same kind already reads the same."""


@dataclass(frozen=True)
class Phrasebook:
    """What a person sees of their couple's phrasebook; someone unpaired sees the built-in words alone."""

    paired: bool
    own_needs: tuple[OwnWord, ...] = ()
    own_boundaries: tuple[OwnWord, ...] = ()
    signal_phrase: SignalPhrase | None = None
    needs: tuple[Word, ...] = NEEDS
    boundaries: tuple[Word, ...] = BOUNDARIES

    @property
    def own(self) -> tuple[OwnWord, ...]:
        return self.own_needs + self.own_boundaries

    @property
    def all_needs(self) -> tuple[Word | OwnWord, ...]:
        """The couple's own needs first, as theirs are the words they reached for, then the built-in ones."""
        return self.own_needs + self.needs


def phrasebook_of(couple: Couple) -> Phrasebook:
    own = list(OwnWord.objects.of_couple(couple))
    return Phrasebook(
        paired=True,
        own_needs=tuple(w for w in own if w.kind == WordKind.NEED),
        own_boundaries=tuple(w for w in own if w.kind == WordKind.BOUNDARY),
        signal_phrase=signal_phrase_of(couple),
    )


def phrasebook_for(person: Person) -> Phrasebook:
    couple = Couple.objects.current_for(person)
    return phrasebook_of(couple) if couple is not None else Phrasebook(paired=False)


def signal_phrase_of(couple: Couple) -> SignalPhrase | None:
    return SignalPhrase.objects.filter(couple=couple).select_related("set_by").first()


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _check_kind(kind: object) -> str:
    if not isinstance(kind, str) or kind not in WordKind.values:
        raise NotWritten(NOT_A_KIND)
    return kind


def _already_there(name: str) -> AlreadyThere:
    return AlreadyThere(_("“%(name)s” is already in your phrasebook.") % {"name": name})


@transaction.atomic
def add_word(person: Person, kind: str, name: str, why: str = "") -> tuple[OwnWord, bool]:
    """Add a need or a boundary in the couple's own words: the word, and whether it is new.

    The same words sent twice (a doubled tap, a request sent again) are answered with the word
    already there, never a second copy.
    """
    kind = _check_kind(kind)
    name = WORD_NAME.check(name, NotWritten)
    why = WORD_WHY.check(why, NotWritten)
    couple = Couple.objects.of(person, lock=True, refusal=PAIR_FIRST)
    words = list(OwnWord.objects.filter(couple=couple))
    same = next((w for w in words if w.kind == kind and _same(w.name, name)), None)
    if same is not None:
        return same, False
    if len(words) >= MOST_OWN_WORDS:
        raise Full
    return OwnWord.objects.create(couple=couple, kind=kind, name=name, why=why, added_by=person), True


def own_word(person: Person, word_id: UUID, *, lock: bool = False) -> OwnWord:
    """The word ``word_id`` of ``person``'s couple, if ``person`` wrote it.

    The partner's word is refused as theirs (both see it, so it is no secret that it exists);
    another couple's, or none at all, as no such word.
    """
    try:
        couple = Couple.objects.of(person, lock=lock)
    except NotPaired:
        raise NoSuchWord from None
    word = OwnWord.objects.filter(couple=couple, pk=word_id).first()
    if word is None:
        raise NoSuchWord
    if word.added_by_id != person.pk:
        raise NotYours
    return word


@transaction.atomic
def edit_word(person: Person, word_id: UUID, name: str | None = None, why: str | None = None) -> OwnWord:
    """Change the words ``person`` added; a part left as None stays as it is."""
    word = own_word(person, word_id, lock=True)
    new_name = word.name if name is None else WORD_NAME.check(name, NotWritten)
    new_why = word.why if why is None else WORD_WHY.check(why, NotWritten)
    if (new_name, new_why) == (word.name, word.why):
        return word
    others = OwnWord.objects.filter(couple_id=word.couple_id, kind=word.kind).exclude(pk=word.pk)
    if any(_same(other.name, new_name) for other in others):
        raise _already_there(new_name)
    word.name, word.why, word.changed_at = new_name, new_why, timezone.now()
    word.save(update_fields=["name", "why", "changed_at"])
    return word


@transaction.atomic
def remove_word(person: Person, word_id: UUID) -> None:
    own_word(person, word_id, lock=True).delete()


@transaction.atomic
def set_signal_phrase(person: Person, words: str) -> tuple[SignalPhrase, bool]:
    """Make ``words`` the couple's signal phrase: the phrase, and whether it changed.

    Either partner may set it; it then says who set it and when, so the other is never left
    wondering where the new words came from. The same words again change nothing, not even the time.
    """
    words = SIGNAL_WORDS.check(words, NotWritten)
    couple = Couple.objects.of(person, lock=True, refusal=PAIR_FIRST)
    phrase = SignalPhrase.objects.filter(couple=couple).first()
    if phrase is not None and phrase.words == words:
        return phrase, False
    if phrase is None:
        phrase = SignalPhrase(couple=couple)
    phrase.words, phrase.set_by, phrase.set_at = words, person, timezone.now()
    phrase.save()
    return phrase, True


@transaction.atomic
def clear_signal_phrase(person: Person) -> bool:
    """Let go of the couple's signal phrase; whether there was one."""
    couple = Couple.objects.of(person, lock=True, refusal=PAIR_FIRST)
    deleted, _kinds = SignalPhrase.objects.filter(couple=couple).delete()
    return bool(deleted)
