"""Phrasebook in the JSON API at /api/v1/phrasebook: read it, add our own words, set our signal phrase,
change or remove the words I added."""

from __future__ import annotations

from uuid import UUID

from django.utils.translation import gettext_lazy as _
from ninja import Router, Status

from breathingroom.accounts.models import AuthenticatedRequest, Person
from breathingroom.api.schemas import Detail, id_or
from breathingroom.phrasebook import words
from breathingroom.phrasebook.models import OwnWord, SignalPhrase
from breathingroom.phrasebook.schemas import OwnWordChange, OwnWordOut, PhrasebookChange, PhrasebookIn, PhrasebookOut

router = Router(tags=["phrasebook"])

PHRASE_ALONE = _("A signal phrase is its words alone: send them as name, without why.")


def _word_id(value: str) -> UUID:
    return id_or(words.NoSuchWord, value)


def _own_out(word: OwnWord, person: Person) -> dict[str, object]:
    return {
        "id": word.id,
        "kind": word.kind,
        "name": word.name,
        "why": word.why,
        "added_by": word.added_by.display_name,
        "added_by_me": word.added_by_id == person.pk,
        "added_at": word.added_at,
        "changed_at": word.changed_at,
    }


def _phrase_out(phrase: SignalPhrase, person: Person) -> dict[str, object]:
    return {
        "words": phrase.words,
        "set_by": phrase.set_by.display_name,
        "set_by_me": phrase.set_by_id == person.pk,
        "set_at": phrase.set_at,
    }


def _phrasebook_out(person: Person) -> dict[str, object]:
    book = words.phrasebook_for(person)
    return {
        "paired": book.paired,
        "signal_phrase": _phrase_out(book.signal_phrase, person) if book.signal_phrase else None,
        "needs": [{"key": w.key, "name": str(w.name), "why": str(w.why), "hear": str(w.hear)} for w in book.needs],
        "boundaries": [{"key": w.key, "name": str(w.name), "why": str(w.why)} for w in book.boundaries],
        "own": [_own_out(w, person) for w in book.own],
    }


@router.get(
    "",
    response={200: PhrasebookOut, 401: Detail},
    summary="Our phrasebook",
    description="The built-in needs and boundaries, our own words and our signal phrase. Someone without a "
    "partner gets the built-in words alone.",
)
def get_phrasebook(request: AuthenticatedRequest):
    return _phrasebook_out(request.user)


@router.post(
    "",
    response={frozenset({200, 201}): PhrasebookChange, frozenset({400, 401, 404, 409}): Detail},
    summary="Add our own words, or set our signal phrase",
    description=(
        "With kind need or boundary: adds a word of our own (201), or answers the same word already there "
        "(200), so a request sent twice adds it once. With kind signal_phrase: makes name our signal phrase "
        "(201), or answers 200 if it already is. Either partner may do both; the answer is the whole "
        "phrasebook."
    ),
)
def add(request: AuthenticatedRequest, payload: PhrasebookIn):
    person = request.user
    added = None
    if payload.kind == "signal_phrase":
        if payload.why:
            raise words.NotWritten(PHRASE_ALONE)
        _phrase, changed = words.set_signal_phrase(person, payload.name)
    else:
        word, changed = words.add_word(person, payload.kind, payload.name, payload.why or "")
        added = _own_out(word, person)
    return Status(201 if changed else 200, {**_phrasebook_out(person), "added": added})


@router.delete(
    "/signal-phrase",
    response={204: None, frozenset({401, 404}): Detail},
    summary="Have no signal phrase",
    description="Either partner may let it go; doing so when there is none changes nothing.",
)
def clear_signal_phrase(request: AuthenticatedRequest):
    words.clear_signal_phrase(request.user)
    return Status(204, None)


@router.patch(
    "/{word_id}",
    response={200: OwnWordOut, frozenset({400, 401, 403, 404}): Detail},
    summary="Change words I added",
    description="Only the partner who added a word may change it (403 for the other).",
)
def edit(request: AuthenticatedRequest, word_id: str, payload: OwnWordChange):
    word = words.edit_word(request.user, _word_id(word_id), payload.name, payload.why)
    return _own_out(word, request.user)


@router.delete(
    "/{word_id}",
    response={204: None, frozenset({401, 403, 404}): Detail},
    summary="Remove words I added",
    description="Only the partner who added a word may remove it (403 for the other).",
)
def remove(request: AuthenticatedRequest, word_id: str):
    words.remove_word(request.user, _word_id(word_id))
    return Status(204, None)
