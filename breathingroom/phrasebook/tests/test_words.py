"""The phrasebook's rules, without HTTP: who may add, change and remove words, and the signal phrase."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from breathingroom.conftest import at_once, make_couple, make_person
from breathingroom.couples import pairing
from breathingroom.couples.models import NotPaired
from breathingroom.phrasebook import words
from breathingroom.phrasebook.models import (
    MOST_OWN_WORDS,
    NAME_LENGTH,
    SIGNAL_LENGTH,
    WHY_LENGTH,
    OwnWord,
    SignalPhrase,
)
from breathingroom.phrasebook.vocabulary import BOUNDARIES, BOUNDARY_KEYS, NEED_KEYS, NEEDS, need


def test_the_built_in_words_each_have_a_name_and_a_line_on_what_they_mean():
    assert len(NEEDS) >= 10
    assert len(BOUNDARIES) >= 8
    for word in (*NEEDS, *BOUNDARIES):
        assert str(word.name)
        assert str(word.why)
        assert len(str(word.why)) <= 120
    assert len(NEED_KEYS) == len(NEEDS)
    assert len(BOUNDARY_KEYS) == len(BOUNDARIES)
    # Keys others store and look up stay as they were.
    assert {"reassurance", "time_alone", "to_be_heard", "closeness"} <= NEED_KEYS
    assert need("reassurance") is NEEDS[0]
    assert need("not-a-need") is None


def test_words_that_meet_a_need_fit_the_words_a_partner_asks_to_hear():
    from breathingroom.agreements.models import WORDS_LENGTH

    heard = [str(word.hear) for word in NEEDS if word.hear]
    assert len(heard) >= 6
    assert all(len(line) <= WORDS_LENGTH for line in heard)


def test_someone_unpaired_sees_the_built_in_words_alone(jo):
    book = words.phrasebook_for(jo)
    assert not book.paired
    assert book.needs == NEEDS
    assert book.boundaries == BOUNDARIES
    assert book.own == ()
    assert book.signal_phrase is None


def test_either_partner_adds_words_and_both_see_them(alex, sam, couple):
    mine, new = words.add_word(alex, "need", "  a hand on my back ", "when words are too much")
    assert new
    theirs, _new = words.add_word(sam, "boundary", "No phones at dinner")
    for person in (alex, sam):
        book = words.phrasebook_for(person)
        assert [w.name for w in book.own_needs] == ["a hand on my back"]
        assert [w.name for w in book.own_boundaries] == ["No phones at dinner"]
    assert mine.why == "when words are too much"
    assert mine.added_by == alex
    assert theirs.why == ""
    assert theirs.added_by == sam
    # Their own needs come first where needs are offered.
    assert words.phrasebook_for(sam).all_needs[0] == mine


def test_the_same_words_twice_are_kept_once(alex, sam, couple):
    first, _new = words.add_word(alex, "need", "Tea after a quarrel")
    again, new = words.add_word(alex, "need", "tea  after a QUARREL")
    partner, partner_new = words.add_word(sam, "need", "Tea after a quarrel")
    assert not new
    assert not partner_new
    assert again == first == partner
    # The same words as a boundary are a different word.
    _boundary, boundary_new = words.add_word(alex, "boundary", "Tea after a quarrel")
    assert boundary_new
    assert OwnWord.objects.count() == 2


def test_outsiders_and_unpaired_people_cannot_add(jo):
    with pytest.raises(NotPaired) as refused:
        words.add_word(jo, "need", "quiet")
    assert "Pair with your partner first" in str(refused.value.message)
    with pytest.raises(NotPaired):
        words.set_signal_phrase(jo, "need air, back soon")


@pytest.mark.parametrize(
    ("kind", "name", "why", "said"),
    [
        ("wish", "quiet", "", "need or a boundary"),
        (None, "quiet", "", "need or a boundary"),
        (["need"], "quiet", "", "need or a boundary"),
        ("need", "", "", "Write the word"),
        ("need", "\u200b \u3164 ", "", "Write the word"),
        ("need", "x" * (NAME_LENGTH + 1), "", f"up to {NAME_LENGTH} characters"),
        ("boundary", "fine", "y" * (WHY_LENGTH + 1), f"{WHY_LENGTH} characters at most"),
    ],
)
def test_words_that_cannot_be_kept_are_refused_calmly(alex, couple, kind, name, why, said):
    with pytest.raises(words.NotWritten) as refused:
        words.add_word(alex, kind, name, why)
    assert said in str(refused.value.message)
    assert refused.value.status == 400
    assert not OwnWord.objects.exists()


def test_nul_and_direction_overrides_never_reach_the_database(alex, couple):
    word, _new = words.add_word(alex, "need", "quiet\x00 time\u202e", "just\x00 a little")
    assert word.name == "quiet time"
    assert word.why == "just a little"


def test_only_the_writer_changes_or_removes_their_words(alex, sam, couple):
    word, _new = words.add_word(alex, "need", "a walk")
    with pytest.raises(words.NotYours) as refused:
        words.edit_word(sam, word.pk, name="a run")
    assert refused.value.status == 403
    with pytest.raises(words.NotYours):
        words.remove_word(sam, word.pk)
    changed = words.edit_word(alex, word.pk, why="around the block, alone")
    assert (changed.name, changed.why) == ("a walk", "around the block, alone")
    assert changed.changed_at is not None
    words.remove_word(alex, word.pk)
    assert not OwnWord.objects.exists()
    with pytest.raises(words.NoSuchWord):
        words.remove_word(alex, word.pk)


def test_an_edit_that_changes_nothing_is_not_a_change(alex, couple):
    word, _new = words.add_word(alex, "need", "a walk", "alone")
    same = words.edit_word(alex, word.pk, name="a walk", why="alone")
    assert same.changed_at is None


def test_an_edit_cannot_make_two_words_read_the_same(alex, couple):
    words.add_word(alex, "need", "a walk")
    other, _new = words.add_word(alex, "need", "a hug")
    with pytest.raises(words.AlreadyThere) as refused:
        words.edit_word(alex, other.pk, name="A Walk")
    assert "already in your phrasebook" in str(refused.value.message)


def test_another_couples_word_is_answered_like_none_at_all(alex, couple, robin):
    word, _new = words.add_word(alex, "need", "a walk")
    for attempt in (
        lambda: words.edit_word(robin, word.pk, name="mine now"),
        lambda: words.remove_word(robin, word.pk),
        lambda: words.own_word(robin, word.pk),
    ):
        with pytest.raises(words.NoSuchWord):
            attempt()
    with pytest.raises(words.NoSuchWord):
        words.own_word(robin, uuid.uuid4())
    assert OwnWord.objects.get().name == "a walk"


def test_a_couple_has_room_for_many_words_but_not_endless(alex, couple):
    OwnWord.objects.bulk_create(
        OwnWord(couple=couple, kind="need", name=f"word {n}", added_by=alex) for n in range(MOST_OWN_WORDS)
    )
    with pytest.raises(words.Full) as refused:
        words.add_word(alex, "boundary", "one more")
    assert str(MOST_OWN_WORDS) in str(refused.value.message)
    # A word already there is still answered, full or not.
    assert words.add_word(alex, "need", "word 3")[1] is False


def test_the_signal_phrase_is_one_per_couple_and_says_who_set_it(alex, sam, couple):
    phrase, changed = words.set_signal_phrase(alex, "Need air, back soon")
    assert changed
    assert phrase.set_by == alex
    first_time = phrase.set_at
    again, changed = words.set_signal_phrase(alex, " Need air, back soon ")
    assert not changed
    assert again.set_at == first_time
    phrase, changed = words.set_signal_phrase(sam, "Pause, not goodbye")
    assert changed
    assert SignalPhrase.objects.count() == 1
    seen = words.phrasebook_for(alex).signal_phrase
    assert seen is not None
    assert (seen.words, seen.set_by) == ("Pause, not goodbye", sam)
    assert seen.set_at >= first_time


@pytest.mark.parametrize(("text", "said"), [("", "Write the words"), ("x" * (SIGNAL_LENGTH + 1), "one breath")])
def test_a_signal_phrase_must_be_said_in_a_breath(alex, couple, text, said):
    with pytest.raises(words.NotWritten) as refused:
        words.set_signal_phrase(alex, text)
    assert said in str(refused.value.message)


def test_either_partner_lets_the_signal_phrase_go(alex, sam, couple):
    words.set_signal_phrase(alex, "Need air, back soon")
    assert words.clear_signal_phrase(sam) is True
    assert words.clear_signal_phrase(sam) is False
    assert words.phrasebook_for(alex).signal_phrase is None


def test_a_new_couple_starts_with_a_phrasebook_of_its_own(alex, sam, couple):
    words.add_word(alex, "need", "a walk")
    words.set_signal_phrase(alex, "Need air, back soon")
    pairing.leave(alex)
    make_couple(alex, make_person("Kim"))
    book = words.phrasebook_for(alex)
    assert book.paired
    assert book.own == ()
    assert book.signal_phrase is None
    # What the old couple wrote is not lost: it stays with that couple, in each one's copy.
    assert OwnWord.objects.count() == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=NAME_LENGTH + 5), why=st.text(max_size=40))
def test_whatever_is_written_is_kept_as_read_or_refused_calmly(alex, couple, name, why):
    try:
        word, _new = words.add_word(alex, "need", name, why)
    except words.NotWritten:
        return
    assert word.name
    assert "\x00" not in word.name
    assert len(word.name) <= NAME_LENGTH
    assert OwnWord.objects.get(pk=word.pk).name == word.name


@pytest.mark.django_db(transaction=True)
def test_both_partners_setting_the_signal_phrase_at_once_leave_one_whole_phrase():
    alex, sam = make_person("Alex"), make_person("Sam")
    make_couple(alex, sam)
    outcomes = at_once(
        lambda: words.set_signal_phrase(alex, "Need air, back soon"),
        lambda: words.set_signal_phrase(sam, "Pause, not goodbye"),
    )
    assert all(isinstance(outcome, tuple) and outcome[1] for outcome in outcomes), outcomes
    phrase = SignalPhrase.objects.get()
    # Whichever came second, its words and its writer are kept together.
    assert (phrase.words, phrase.set_by_id) in {("Need air, back soon", alex.pk), ("Pause, not goodbye", sam.pk)}


@pytest.mark.django_db(transaction=True)
def test_the_same_word_sent_twice_at_once_is_kept_once():
    alex, sam = make_person("Alex"), make_person("Sam")
    make_couple(alex, sam)
    outcomes = at_once(*(lambda: words.add_word(alex, "need", "a walk") for _ in range(3)))
    assert all(isinstance(outcome, tuple) for outcome in outcomes), outcomes
    assert [new for _word, new in outcomes].count(True) == 1  # type: ignore[misc]
    assert OwnWord.objects.count() == 1
