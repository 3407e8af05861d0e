"""Sending a kind word, reading the notes between two partners, and putting one away, without HTTP."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from breathingroom.appreciations import sending
from breathingroom.appreciations.models import (
    APPRECIATION_LENGTH,
    DOUBLE_TAP_WITHIN,
    IDEMPOTENCY_KEY_LASTS,
    ON_HOME,
    Appreciation,
    NoteKind,
)
from breathingroom.appreciations.tests.conftest import THANKS, pass_time
from breathingroom.breaks import space
from breathingroom.breaks.tests.conftest import REASSURANCE, until_reconnecting
from breathingroom.conftest import make_couple, make_person
from breathingroom.couples import pairing
from breathingroom.couples.models import NotPaired
from breathingroom.writing import looks_blank, tidy

# --- Sending -----------------------------------------------------------------------------------------


def test_a_kind_word_reaches_the_partner_and_no_one_else(alex, sam, robin, couple, events, committed):
    note = committed(sending.send, alex, THANKS)
    assert (note.sender, note.recipient, note.couple, note.kind, note.text) == (
        alex,
        sam,
        couple,
        NoteKind.APPRECIATION,
        THANKS,
    )
    assert events.types(sam) == ["appreciation.received"]
    assert events.last(sam, "appreciation.received") == {
        "appreciation": str(note.id),
        "kind": "appreciation",
        "text": THANKS,
        "from": "Alex",
        "sent_at": note.sent_at.isoformat(),
    }
    assert "appreciation.received" not in events.types(alex)
    assert events.types(robin) == []


def test_we_are_okay_needs_no_words_and_may_carry_some(alex, sam, couple, events, committed):
    plain = committed(sending.send, sam, "", NoteKind.OKAY)
    assert (plain.kind, plain.text) == (NoteKind.OKAY, "")
    with_words = committed(sending.send, sam, "Still here, still us.", "okay")
    assert with_words.text == "Still here, still us."
    assert [e["data"]["kind"] for e in events.of(alex)] == ["okay", "okay"]


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\u200b\u200b", "\u3164"])
def test_kind_words_need_words(alex, couple, text):
    with pytest.raises(sending.NotSent) as refused:
        sending.send(alex, text)
    assert str(refused.value) == "Write a few words first, or send “we're okay”."
    assert not Appreciation.objects.exists()


def test_a_note_is_short_and_says_so(alex, couple):
    assert sending.send(alex, "x" * APPRECIATION_LENGTH).text == "x" * APPRECIATION_LENGTH
    with pytest.raises(sending.NotSent) as refused:
        sending.send(alex, "y" * (APPRECIATION_LENGTH + 1))
    assert "up to 500 characters" in str(refused.value)
    with pytest.raises(sending.NotSent):
        sending.send(alex, "z" * 1_000_000)
    assert Appreciation.objects.count() == 1


def test_characters_no_message_needs_are_left_out(alex, couple):
    note = sending.send(alex, "  thank\x00 you\u202e for\u200b today \r\n")
    assert note.text == "thank you for today"


def test_a_kind_that_does_not_exist_is_refused(alex, couple):
    with pytest.raises(sending.NotSent):
        sending.send(alex, THANKS, "hug")


def test_someone_without_a_partner_has_no_one_to_send_to(jo):
    with pytest.raises(NotPaired) as refused:
        sending.send(jo, THANKS)
    assert str(refused.value) == "You are not in a couple, so there is no one to send this to yet."
    with pytest.raises(NotPaired):
        sending.appreciations_for(jo)


def test_after_the_couple_ends_nothing_is_sent_and_nothing_of_it_is_shown(alex, sam, couple):
    sending.send(alex, THANKS)
    pairing.leave(sam)
    with pytest.raises(NotPaired):
        sending.send(alex, "Are you there?")
    with pytest.raises(NotPaired):
        sending.appreciations_for(sam)
    # Paired again, with someone else: the old couple's notes are not theirs to see.
    make_couple(alex, make_person("Noor"))
    assert list(sending.appreciations_for(alex)) == []
    assert Appreciation.objects.count() == 1


# --- One note, not two -------------------------------------------------------------------------------


def test_a_doubled_tap_sends_one_note(alex, sam, couple, events, committed):
    first = committed(sending.send, alex, THANKS)
    second = committed(sending.send, alex, f" {THANKS}\n")
    assert second.pk == first.pk
    assert Appreciation.objects.count() == 1
    assert events.types(sam) == ["appreciation.received"]


def test_the_same_words_again_later_are_a_new_note(alex, couple):
    first = sending.send(alex, THANKS)
    pass_time(DOUBLE_TAP_WITHIN + timedelta(seconds=1))
    assert sending.send(alex, THANKS).pk != first.pk


def test_other_words_or_the_other_kind_at_once_are_new_notes(alex, sam, couple):
    sending.send(alex, THANKS)
    sending.send(alex, "And for listening.")
    sending.send(alex, THANKS, NoteKind.OKAY)
    sending.send(sam, THANKS)
    assert Appreciation.objects.count() == 4


def test_a_repeated_request_sends_one_note(alex, sam, couple, events, committed):
    first = committed(sending.send, alex, THANKS, idempotency_key="tap-1")
    pass_time(DOUBLE_TAP_WITHIN * 3)
    again = committed(sending.send, alex, THANKS, idempotency_key="tap-1")
    assert again.pk == first.pk
    assert events.types(sam) == ["appreciation.received"]
    assert sending.send(alex, THANKS, idempotency_key="tap-2").pk != first.pk


def test_a_key_answers_only_for_a_day_and_only_in_its_couple(alex, sam, couple):
    old = sending.send(alex, THANKS, idempotency_key="k")
    pass_time(IDEMPOTENCY_KEY_LASTS + timedelta(minutes=1))
    newer = sending.send(alex, THANKS, idempotency_key="k")
    assert newer.pk != old.pk
    pairing.leave(alex)
    noor = make_person("Noor")
    make_couple(alex, noor)
    elsewhere = sending.send(alex, THANKS, idempotency_key="k")
    assert elsewhere.pk != newer.pk
    assert elsewhere.recipient == noor


def test_keys_past_their_day_are_forgotten(alex, couple):
    sending.send(alex, THANKS, idempotency_key="old")
    pass_time(IDEMPOTENCY_KEY_LASTS + timedelta(minutes=1))
    sending.send(alex, "newer", idempotency_key="new")
    assert sending.forget_old_idempotency_keys() == 1
    assert sorted(Appreciation.objects.values_list("idempotency_key", flat=True)) == ["", "new"]


def test_a_key_too_long_to_keep_is_refused(alex, couple):
    with pytest.raises(sending.NotSent):
        sending.send(alex, THANKS, idempotency_key="k" * 101)


# --- Breaks ------------------------------------------------------------------------------------------


def test_during_a_break_no_note_goes_either_way(alex, sam, couple):
    space.take_space(alex, 30, REASSURANCE)
    for person in (alex, sam):
        with pytest.raises(sending.DuringABreak) as refused:
            sending.send(person, THANKS)
        assert refused.value.status == 409
        assert "only what your agreement allows reaches the other" in str(refused.value)
    assert not Appreciation.objects.exists()


def test_once_the_break_is_over_a_kind_word_can_go_again(alex, sam, couple):
    until_reconnecting(space.take_space(alex, 30, REASSURANCE))
    assert sending.send(sam, "Thank you for coming back.").recipient == alex


def test_notes_received_before_a_break_are_still_there_during_it(alex, sam, couple):
    sending.send(sam, THANKS)
    space.take_space(alex, 30, REASSURANCE)
    assert [n.text for n in sending.appreciations_for(alex)] == [THANKS]
    assert [n.text for n in sending.new_for(alex, couple)[0]] == [THANKS]


# --- Reading -----------------------------------------------------------------------------------------


def test_both_read_every_note_newest_first_each_from_their_side(alex, sam, couple):
    sending.send(alex, "first")
    pass_time(timedelta(minutes=1))
    sending.send(sam, "second")
    pass_time(timedelta(minutes=1))
    sending.send(alex, "", NoteKind.OKAY)

    alexs = list(sending.appreciations_for(alex))
    assert [(n.text, n.by, n.name) for n in alexs] == [
        ("", "me", "Alex"),
        ("second", "partner", "Sam"),
        ("first", "me", "Alex"),
    ]
    # Only a note to oneself is new or not: whether the other read one is never said.
    assert [n.new for n in alexs] == [None, True, None]
    sams = list(sending.appreciations_for(sam))
    assert [(n.by, n.new) for n in sams] == [("partner", True), ("me", None), ("partner", True)]


def test_home_shows_the_newest_few_and_counts_the_rest(alex, sam, couple):
    for n in range(ON_HOME + 2):
        sending.send(sam, f"note {n}")
        pass_time(timedelta(minutes=1))
    shown, more = sending.new_for(alex, couple)
    assert [n.text for n in shown] == ["note 4", "note 3", "note 2"]
    assert more == 2
    assert sending.new_for(sam, couple) == ([], 0)


def test_one_note_is_found_by_either_partner_and_by_no_one_else(alex, sam, robin, couple):
    note = sending.send(alex, THANKS)
    assert sending.find(sam, note.id).by == "partner"
    assert sending.find(alex, str(note.id)).by == "me"
    for who, id in ((robin, note.id), (alex, "not-an-id"), (alex, "00000000-0000-0000-0000-000000000000")):
        with pytest.raises(sending.NoSuchAppreciation):
            sending.find(who, id)


# --- Putting away --------------------------------------------------------------------------------------


def test_the_recipient_puts_a_note_away_once_and_it_stays_in_the_list(alex, sam, couple):
    note = sending.send(sam, THANKS)
    seen = sending.put_away(alex, note.id)
    assert seen.new is False
    first = Appreciation.objects.get().seen_at
    assert first is not None
    sending.put_away(alex, note.id)
    assert Appreciation.objects.get().seen_at == first
    assert sending.new_for(alex, couple) == ([], 0)
    assert [n.text for n in sending.appreciations_for(alex)] == [THANKS]


def test_only_the_recipient_puts_a_note_away(alex, sam, robin, couple):
    note = sending.send(sam, THANKS)
    for who in (sam, robin):
        with pytest.raises(sending.NoSuchAppreciation):
            sending.put_away(who, note.id)
    with pytest.raises(sending.NoSuchAppreciation):
        sending.put_away(alex, "nothing")
    assert Appreciation.objects.get().seen_at is None


# --- Any words at all ---------------------------------------------------------------------------------


@given(text=st.text(max_size=APPRECIATION_LENGTH + 20))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_words_are_kept_as_written_or_refused_with_a_reason(alex, sam, couple, text):
    Appreciation.objects.all().delete()
    tidied = tidy(text)
    if looks_blank(tidied) or len(tidied) > APPRECIATION_LENGTH:
        with pytest.raises(sending.NotSent):
            sending.send(alex, text)
        assert not Appreciation.objects.exists()
        return
    note = sending.send(alex, text)
    [seen] = sending.appreciations_for(sam)
    assert seen.text == note.text == tidy(text)
    assert "\x00" not in seen.text
