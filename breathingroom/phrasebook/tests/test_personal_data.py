"""The phrasebook in each partner's copy of their data, and what deleting an account takes with it."""

from __future__ import annotations

from breathingroom.phrasebook import words
from breathingroom.phrasebook.models import OwnWord, SignalPhrase
from breathingroom.phrasebook.personal_data import phrasebook
from breathingroom.yourdata import deletion


def test_each_partners_copy_holds_the_whole_phrasebook_with_who_wrote_each(alex, sam, couple):
    words.set_signal_phrase(alex, "Need air, back soon")
    words.add_word(alex, "need", "a walk", "alone")
    words.add_word(sam, "boundary", "No phones at dinner")
    for person in (alex, sam):
        rows = phrasebook(person)
        assert [(r["kind"], r["words"], r["why"], r["written_by"]) for r in rows] == [
            ("signal_phrase", "Need air, back soon", "", "Alex"),
            ("need", "a walk", "alone", "Alex"),
            ("boundary", "No phones at dinner", "", "Sam"),
        ]
        assert {r["couple"] for r in rows} == {str(couple.pk)}


def test_an_outsiders_copy_holds_nothing_of_it(alex, couple, robin):
    words.add_word(alex, "need", "a walk")
    assert phrasebook(robin) == []


def test_deleting_an_account_takes_the_words_that_person_wrote_and_leaves_the_partners(alex, sam, couple):
    words.set_signal_phrase(alex, "Need air, back soon")
    words.add_word(alex, "need", "a walk")
    words.add_word(sam, "boundary", "No phones at dinner")
    deletion.delete_account(alex)
    assert not SignalPhrase.objects.exists()
    assert [w.name for w in OwnWord.objects.all()] == ["No phones at dinner"]
    # Sam keeps a copy of what Sam wrote, and nothing of Alex's.
    assert [r["words"] for r in phrasebook(sam)] == ["No phones at dinner"]


def test_a_signal_phrase_the_partner_set_stays_with_the_partner(alex, sam, couple):
    words.set_signal_phrase(sam, "Pause, not goodbye")
    deletion.delete_account(alex)
    assert [r["words"] for r in phrasebook(sam)] == ["Pause, not goodbye"]
