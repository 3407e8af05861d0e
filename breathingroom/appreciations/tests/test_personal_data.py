"""Notes in each partner's copy of their data, and what deleting either account does to them."""

from __future__ import annotations

from breathingroom.appreciations import sending
from breathingroom.appreciations.models import Appreciation, NoteKind
from breathingroom.appreciations.personal_data import appreciations
from breathingroom.appreciations.tests.conftest import THANKS
from breathingroom.events.models import Event
from breathingroom.yourdata import declarations, deletion


def test_each_copy_holds_the_notes_both_ways_and_only_one_s_own_reading(alex, sam, couple):
    to_sam = sending.send(alex, THANKS)
    sending.send(sam, "", NoteKind.OKAY)
    sending.put_away(sam, to_sam.id)

    alexs = appreciations(alex)
    assert [(r["from"], r["to"], r["kind"], r["text"], r["put_away_at"]) for r in alexs] == [
        ("you", "Sam", "appreciation", THANKS, None),
        ("Sam", "you", "okay", "", None),
    ]
    sams = appreciations(sam)
    assert sams[0]["from"] == "Alex"
    assert sams[0]["put_away_at"] == Appreciation.objects.get(pk=to_sam.pk).seen_at
    assert sams[0]["couple"] == str(couple.pk)
    assert "appreciations" in [s.name for s in declarations.sections()]


def test_deleting_the_sender_takes_their_words_from_the_partner_too(alex, sam, couple):
    sending.send(alex, THANKS)
    kept = sending.send(sam, "Thank you for listening.")
    assert deletion.delete_account(alex)
    assert list(Appreciation.objects.all()) == [kept]
    assert not Event.objects.filter(recipient=sam, type="appreciation.received").exists()
    assert [r["text"] for r in appreciations(sam)] == ["Thank you for listening."]


def test_deleting_the_recipient_leaves_the_sender_their_own_words_and_nothing_of_the_reading(alex, sam, couple):
    note = sending.send(alex, THANKS)
    sending.put_away(sam, note.id)
    assert deletion.delete_account(sam)
    kept = Appreciation.objects.get()
    assert (kept.sender, kept.recipient, kept.seen_at, kept.text) == (alex, None, None, THANKS)
    [row] = appreciations(alex)
    assert (row["from"], row["to"], row["text"]) == ("you", "a former partner", THANKS)
