"""The rules for keeping check-ins and unsent notes hold in the domain itself, whoever calls it."""

from __future__ import annotations

import uuid

import pytest

from breathingroom.calm import keeping
from breathingroom.calm.models import BodyCheckIn, UnsentNote
from breathingroom.refusals import Refused

GOOD = {"where": "chest", "sensation": "tight", "strength": 7}


def test_a_check_in_is_kept_for_its_author_with_its_words_tidied(alex):
    check_in = keeping.check_in(
        alex, **GOOD, feeling="  scared\u200b ", heart_rate=104, note="Jaw clenched\r\nsince dinner"
    )
    kept = BodyCheckIn.objects.get()
    assert kept == check_in
    assert (kept.person, kept.where, kept.sensation, kept.strength) == (alex, "chest", "tight", 7)
    assert (kept.feeling, kept.heart_rate, kept.note) == ("scared", 104, "Jaw clenched\nsince dinner")
    assert kept.sounds_flooded


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"where": "elbow"}, "Choose one of the places in the list."),
        ({"where": ""}, "Choose one of the places in the list."),
        ({"sensation": "sad"}, "Choose one of the sensations in the list."),
        ({"strength": -1}, "Choose a number from 0 to 10."),
        ({"strength": 11}, "Choose a number from 0 to 10."),
        ({"strength": True}, "Choose a number from 0 to 10."),
        ({"strength": 5.5}, "Choose a number from 0 to 10."),
        ({"heart_rate": 29}, "A heart rate here is between 30 and 220 beats a minute."),
        ({"heart_rate": 221}, "A heart rate here is between 30 and 220 beats a minute."),
        ({"heart_rate": 84.5}, "A heart rate here is between 30 and 220 beats a minute."),
        ({"feeling": "x" * 61}, "A word or two is enough: up to 60 characters."),
        ({"note": "x" * 501}, "Keep this note under 500 characters."),
    ],
)
def test_a_check_in_outside_the_rules_is_refused_and_nothing_is_kept(alex, fields, message):
    with pytest.raises(keeping.NotKept) as refused:
        keeping.check_in(alex, **{**GOOD, **fields})
    assert message in str(refused.value)
    assert refused.value.status == 400
    assert not BodyCheckIn.objects.exists()


@pytest.mark.parametrize(("strength", "rate"), [(0, 30), (10, 220), (5, None)])
def test_the_edges_of_each_range_are_kept(alex, strength, rate):
    check_in = keeping.check_in(alex, **{**GOOD, "strength": strength}, heart_rate=rate)
    assert (check_in.strength, check_in.heart_rate) == (strength, rate)


def test_words_that_only_look_written_count_as_nothing(alex):
    check_in = keeping.check_in(alex, **GOOD, feeling="\u200b\u2800", note="\u3164 \u202e")
    assert (check_in.feeling, check_in.note) == ("", "")


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


def test_lists_hold_only_ones_own_newest_first(alex, sam):
    first = keeping.check_in(alex, **GOOD)
    second = keeping.check_in(alex, **GOOD)
    keeping.check_in(sam, **GOOD)
    mine = keeping.keep_unsent_note(alex, "mine")
    keeping.keep_unsent_note(sam, "theirs")
    assert {c.pk for c in keeping.recent_check_ins(alex)} == {first.pk, second.pk}
    assert list(keeping.unsent_notes(alex)) == [mine]


def test_the_author_deletes_their_own_check_in_and_note(alex):
    check_in = keeping.check_in(alex, **GOOD)
    kept = keeping.check_in(alex, **GOOD)
    note = keeping.keep_unsent_note(alex, "let it go")
    keeping.delete_check_in(alex, check_in.pk)
    keeping.delete_unsent_note(alex, note.pk)
    assert list(BodyCheckIn.objects.all()) == [kept]
    assert not UnsentNote.objects.exists()


KINDS = {
    "check-in": (lambda person: keeping.check_in(person, **GOOD), keeping.delete_check_in, BodyCheckIn),
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
