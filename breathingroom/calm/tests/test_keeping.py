"""The rules for keeping unsent notes hold in the domain itself, whoever calls it."""

from __future__ import annotations

import uuid

import pytest

from breathingroom.calm import keeping
from breathingroom.calm.models import UnsentNote
from breathingroom.refusals import Refused


def test_an_unsent_note_is_kept_tidied_for_its_author(alex):
    note = keeping.keep_unsent_note(alex, "  You never listen.\r\nI am so tired.\u202e  ")
    assert UnsentNote.objects.get() == note
    assert (note.person, note.text) == (alex, "You never listen.\nI am so tired.")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "There is nothing here yet. Even a few words are enough."),
        (" \n\u200b\u3164 ", "There is nothing here yet. Even a few words are enough."),
        ("x" * 5001, "This is longer than 5000 characters, so it has not been kept yet."),
    ],
)
def test_an_empty_or_too_long_note_is_refused(alex, text, message):
    with pytest.raises(keeping.NotKept) as refused:
        keeping.keep_unsent_note(alex, text)
    assert message in str(refused.value)
    assert not UnsentNote.objects.exists()


def test_a_note_of_exactly_the_limit_is_kept(alex):
    assert len(keeping.keep_unsent_note(alex, "z" * 5000).text) == 5000


def test_the_list_holds_only_ones_own_newest_first(alex, sam):
    older = keeping.keep_unsent_note(alex, "mine")
    newer = keeping.keep_unsent_note(alex, "mine too")
    keeping.keep_unsent_note(sam, "theirs")
    assert {n.pk for n in keeping.unsent_notes(alex)} == {older.pk, newer.pk}


def test_the_author_deletes_their_own_note(alex):
    note = keeping.keep_unsent_note(alex, "let it go")
    kept = keeping.keep_unsent_note(alex, "keep this one")
    keeping.delete_unsent_note(alex, note.pk)
    assert list(UnsentNote.objects.all()) == [kept]


KINDS = {
    "note": (lambda person: keeping.keep_unsent_note(person, "mine alone"), keeping.delete_unsent_note, UnsentNote),
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("who", ["sam", "robin", "jo"])
def test_someone_elses_is_refused_exactly_like_a_missing_one(request, alex, kind, who):
    keep, delete, model = KINDS[kind]
    kept = keep(alex)
    other = request.getfixturevalue(who)
    with pytest.raises(Refused) as theirs:
        delete(other, kept.pk)
    with pytest.raises(Refused) as missing:
        delete(other, uuid.uuid4())
    said = (type(theirs.value), theirs.value.status, str(theirs.value))
    assert said == (type(missing.value), missing.value.status, str(missing.value))
    assert said[1:] == (404, f"There is no such {kind}.")
    assert model.objects.filter(pk=kept.pk).exists()


def test_deleting_twice_is_refused_the_second_time(alex):
    note = keeping.keep_unsent_note(alex, "once")
    keeping.delete_unsent_note(alex, note.pk)
    with pytest.raises(Refused):
        keeping.delete_unsent_note(alex, note.pk)
