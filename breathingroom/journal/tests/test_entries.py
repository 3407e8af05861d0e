"""Keeping a journal, without HTTP: the rules every page and the API go through."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from breathingroom import writing
from breathingroom.conftest import at_once, make_couple, make_person
from breathingroom.couples import pairing
from breathingroom.events.models import Event
from breathingroom.journal import entries
from breathingroom.journal.models import ENTRY_LENGTH, Entry

WORDS = "The kitchen went quiet and I wanted to fill the silence."

db_examples = hsettings(
    max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def journal_events(person) -> list[dict]:
    return [e.data for e in Event.objects.filter(recipient=person, type=entries.SHARED).order_by("seq")]


# --- Writing --------------------------------------------------------------------------------


def test_an_entry_is_kept_as_written_tidied_and_private(alex):
    entry = entries.write(alex, "  \u202eA hard evening.\r\nStill here.  ", prompt="body_right_now")
    assert entry.text == "A hard evening.\nStill here."
    assert (entry.prompt, entry.version, entry.edited_at, entry.shared_in) == ("body_right_now", 1, None, None)
    assert list(entries.mine(alex)) == [entry]


@pytest.mark.parametrize("text", ["", "   ", "\u200b\u200b", "\x00", "\u3164"])
def test_blank_words_are_refused_kindly(alex, text):
    with pytest.raises(entries.NotKept, match="A line or two is enough"):
        entries.write(alex, text)
    assert not Entry.objects.exists()


def test_words_over_the_limit_are_refused_and_at_the_limit_kept(alex):
    with pytest.raises(entries.NotKept, match=f"longer than {ENTRY_LENGTH} characters"):
        entries.write(alex, "x" * (ENTRY_LENGTH + 1))
    assert len(entries.write(alex, "é" * ENTRY_LENGTH).text) == ENTRY_LENGTH


@pytest.mark.parametrize("prompt", ["nope", "BODY_RIGHT_NOW", " body_right_now", 5, None])
def test_only_a_known_prompt_can_begin_an_entry(alex, prompt):
    with pytest.raises(entries.NotKept, match="Choose one of the prompts"):
        entries.write(alex, WORDS, prompt=prompt)


@pytest.mark.parametrize("text", [None, 5, ["words"], b"bytes"])
def test_words_that_are_not_text_are_refused_like_none(alex, text):
    with pytest.raises(entries.NotKept):
        entries.write(alex, text)


def test_a_request_sent_twice_keeps_one_entry(alex, sam):
    first = entries.write(alex, WORDS, key="press-1")
    assert entries.write(alex, "something else", key="press-1") == first
    # A key is the writer's own: another person's same key is a different entry.
    assert entries.write(sam, WORDS, key="press-1").person == sam
    assert entries.write(alex, WORDS, key="press-2") != first
    assert Entry.objects.filter(person=alex).count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_same_request_at_the_same_moment_keeps_one_entry():
    alex = make_person("Alex")
    kept = at_once(*[lambda: entries.write(alex, WORDS, key="double-tap")] * 3)
    assert all(isinstance(entry, Entry) for entry in kept), kept
    assert len({entry.pk for entry in kept}) == 1
    assert Entry.objects.count() == 1


def test_a_key_longer_than_its_column_is_refused(alex):
    with pytest.raises(entries.NotKept, match="request key is too long"):
        entries.write(alex, WORDS, key="k" * 101)


@db_examples
@given(text=st.text(max_size=300))
def test_whatever_is_written_is_kept_exactly_as_tidied_or_refused(alex, text):
    tidied = writing.tidy(text)
    if writing.looks_blank(tidied):
        with pytest.raises(entries.NotKept):
            entries.write(alex, text)
        return
    entry = entries.write(alex, text)
    entry.refresh_from_db()
    assert entry.text == tidied
    assert "\x00" not in entry.text


# --- Reading: one's own, or shared with one now -------------------------------------------------


def test_someone_elses_entry_is_no_entry_at_all(alex, sam, couple, robin):
    entry = entries.write(alex, WORDS)
    for person in (sam, robin):
        for step in (entries.readable, entries.own):
            with pytest.raises(entries.NoSuchEntry):
                step(person, entry.pk)
    with pytest.raises(entries.NoSuchEntry):
        entries.readable(alex, uuid.uuid4())
    assert entries.readable(alex, entry.pk) == entry


# --- Editing and deleting -------------------------------------------------------------------------


def test_editing_changes_the_words_and_counts_a_version(alex):
    entry = entries.write(alex, WORDS)
    edited = entries.edit(alex, entry.pk, "What I see now, a day later.", version=1)
    assert (edited.text, edited.version) == ("What I see now, a day later.", 2)
    assert edited.edited_at is not None
    # Saving the same words again is no new version.
    assert entries.edit(alex, entry.pk, "What I see now, a day later.").version == 2


def test_an_edit_over_an_older_version_is_refused_and_saves_nothing(alex):
    entry = entries.write(alex, WORDS)
    entries.edit(alex, entry.pk, "Written on the phone.", version=1)
    with pytest.raises(entries.ChangedElsewhere, match="changed somewhere else"):
        entries.edit(alex, entry.pk, "Written on the laptop.", version=1)
    assert Entry.objects.get().text == "Written on the phone."


def test_only_the_author_edits_or_deletes(alex, sam, couple, robin):
    entry = entries.write(alex, WORDS)
    entries.share(alex, entry.pk)
    for person in (sam, robin):
        with pytest.raises(entries.NoSuchEntry):
            entries.edit(person, entry.pk, "Not yours.")
        with pytest.raises(entries.NoSuchEntry):
            entries.delete(person, entry.pk)
    assert Entry.objects.get().text == WORDS


def test_an_edit_is_checked_like_new_words(alex):
    entry = entries.write(alex, WORDS)
    with pytest.raises(entries.NotKept):
        entries.edit(alex, entry.pk, "  ")
    with pytest.raises(entries.NotKept):
        entries.edit(alex, entry.pk, "x" * (ENTRY_LENGTH + 1))
    assert Entry.objects.get().text == WORDS


def test_deleting_twice_finds_nothing_the_second_time(alex):
    entry = entries.write(alex, WORDS)
    entries.delete(alex, entry.pk)
    with pytest.raises(entries.NoSuchEntry):
        entries.delete(alex, entry.pk)
    assert not Entry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_edit_and_a_delete_at_once_leave_no_entry_and_no_error():
    alex = make_person("Alex")
    for _ in range(3):
        entry_id = entries.write(alex, WORDS).pk
        edited, deleted = at_once(
            lambda entry_id=entry_id: entries.edit(alex, entry_id, "Changed at the same moment."),
            lambda entry_id=entry_id: entries.delete(alex, entry_id),
        )
        # Either the edit came first and the delete removed it, or the delete came first and the
        # edit found nothing: never an error of another kind, never the entry back.
        assert isinstance(edited, Entry | entries.NoSuchEntry), edited
        assert deleted is None
        assert not Entry.objects.filter(pk=entry_id).exists()


@pytest.mark.django_db(transaction=True)
def test_two_edits_of_one_version_at_once_keep_one_and_refuse_the_other():
    alex = make_person("Alex")
    entry = entries.write(alex, WORDS)
    outcomes = at_once(
        lambda: entries.edit(alex, entry.pk, "From the phone.", version=1),
        lambda: entries.edit(alex, entry.pk, "From the laptop.", version=1),
    )
    kept = [o for o in outcomes if isinstance(o, Entry)]
    refused = [o for o in outcomes if isinstance(o, entries.ChangedElsewhere)]
    assert (len(kept), len(refused)) == (1, 1), outcomes
    assert Entry.objects.get().text == kept[0].text
    assert Entry.objects.get().version == 2


# --- Sharing ---------------------------------------------------------------------------------------


def test_sharing_lets_the_partner_read_it_and_tells_them(alex, sam, couple, robin):
    entry = entries.write(alex, WORDS)
    shared = entries.share(alex, entry.pk)
    assert shared.shared_now(couple)
    assert entries.readable(sam, entry.pk) == entry
    assert list(entries.shared_with(sam, couple)) == [entry]
    assert list(entries.shared_with(alex, couple)) == []
    assert journal_events(sam) == [{"entry": str(entry.pk), "shared": True}]
    assert journal_events(alex) == []
    with pytest.raises(entries.NoSuchEntry):
        entries.readable(robin, entry.pk)


def test_sharing_twice_tells_the_partner_once(alex, sam, couple):
    entry = entries.write(alex, WORDS)
    first = entries.share(alex, entry.pk).shared_at
    assert entries.share(alex, entry.pk).shared_at == first
    assert len(journal_events(sam)) == 1


def test_unsharing_takes_it_back_at_once(alex, sam, couple):
    entry = entries.write(alex, WORDS)
    entries.share(alex, entry.pk)
    entries.unshare(alex, entry.pk)
    with pytest.raises(entries.NoSuchEntry):
        entries.readable(sam, entry.pk)
    assert list(entries.shared_with(sam, couple)) == []
    assert journal_events(sam)[-1] == {"entry": str(entry.pk), "shared": False}
    # Unsharing what is private changes nothing and says nothing.
    entries.unshare(alex, entry.pk)
    assert len(journal_events(sam)) == 2


def test_the_partner_reads_the_words_as_they_are_now(alex, sam, couple):
    entry = entries.write(alex, WORDS)
    entries.share(alex, entry.pk)
    entries.edit(alex, entry.pk, "A softer way of saying it.")
    assert entries.readable(sam, entry.pk).text == "A softer way of saying it."
    # An edit is not news: nothing tells the partner when the other wrote.
    assert len(journal_events(sam)) == 1


def test_deleting_a_shared_entry_takes_it_from_the_partner_too(alex, sam, couple):
    entry = entries.write(alex, WORDS)
    entries.share(alex, entry.pk)
    entries.delete(alex, entry.pk)
    with pytest.raises(entries.NoSuchEntry):
        entries.readable(sam, entry.pk)
    assert journal_events(sam)[-1] == {"entry": str(entry.pk), "shared": False}


def test_without_a_partner_there_is_no_one_to_share_with(jo):
    entry = entries.write(jo, WORDS)
    with pytest.raises(entries.NoOneToShareWith, match="The entry stays private"):
        entries.share(jo, entry.pk)
    assert Entry.objects.get().shared_in is None


def test_a_share_ends_with_the_couple_and_does_not_come_back_with_a_new_one(alex, sam, couple):
    entry = entries.write(alex, WORDS)
    entries.share(alex, entry.pk)
    pairing.leave(sam)
    with pytest.raises(entries.NoSuchEntry):
        entries.readable(sam, entry.pk)
    # Paired again, with each other even: what was shared in the old couple stays private.
    make_couple(alex, sam)
    with pytest.raises(entries.NoSuchEntry):
        entries.readable(sam, entry.pk)
    assert entries.unshare(alex, entry.pk).shared_in is None


@pytest.mark.django_db(transaction=True)
def test_two_shares_at_once_tell_the_partner_once():
    alex, sam = make_person("Alex"), make_person("Sam")
    make_couple(alex, sam)
    entry = entries.write(alex, WORDS)
    outcomes = at_once(lambda: entries.share(alex, entry.pk), lambda: entries.share(alex, entry.pk))
    assert all(isinstance(o, Entry) for o in outcomes), outcomes
    assert len(journal_events(sam)) == 1
