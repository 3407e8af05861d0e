"""Appreciations on Home and on their own page, as a person meets them in a browser without scripts or with htmx."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from breathingroom.appreciations import sending
from breathingroom.appreciations.models import APPRECIATION_LENGTH, Appreciation, NoteKind
from breathingroom.appreciations.tests.conftest import THANKS, pass_time
from breathingroom.appreciations.views import PAGE_SIZE
from breathingroom.breaks import space
from breathingroom.breaks.tests.conftest import REASSURANCE
from breathingroom.conftest import page_text
from breathingroom.couples import pairing

HOME = reverse("home")
INDEX = reverse("appreciations:index")
SEND = reverse("appreciations:send")
PART = reverse("appreciations:on_home")
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _no_time_zone_left_active():
    yield
    timezone.deactivate()


def put_away_path(note: Appreciation) -> str:
    return reverse("appreciations:put_away", args=[note.pk])


def signature(html: str) -> str:
    return re.search(r'on-home/\?seen=(\w+)"', html).group(1)


# --- Home ----------------------------------------------------------------------------------------------


def test_home_offers_a_small_composer_while_all_is_calm(alex_client):
    text = page_text(alex_client.get(HOME))
    assert "A kind word for Sam" in text
    assert 'name="kind" value="okay"' in text
    assert "We\u2019re okay" in text
    assert f'href="{INDEX}"' in text
    assert "appreciations.css" in text


def test_home_shows_a_note_from_the_partner_kindly(alex_client, sam):
    sending.send(sam, THANKS)
    sending.send(sam, "", NoteKind.OKAY)
    text = page_text(alex_client.get(HOME))
    assert "Sam appreciates you" in text
    assert THANKS in text
    assert "Sam says you two are okay" in text
    assert text.count(">Put away<") == 2


def test_home_shows_the_newest_three_and_counts_the_rest(alex_client, sam):
    for n in range(5):
        sending.send(sam, f"note {n}")
        pass_time(timedelta(minutes=1))
    text = page_text(alex_client.get(HOME))
    assert [n for n in range(5) if f"note {n}<" in text] == [2, 3, 4]
    assert "2 more notes are waiting for you" in text


def test_putting_a_note_away_takes_it_off_home_and_keeps_it_in_the_list(alex_client, sam):
    note = sending.send(sam, THANKS)
    response = alex_client.post(put_away_path(note))
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert THANKS not in page_text(alex_client.get(HOME))
    assert THANKS in page_text(alex_client.get(INDEX))


def test_putting_away_with_htmx_answers_with_the_part_saying_where_it_went(alex_client, sam):
    note = sending.send(sam, THANKS)
    text = page_text(alex_client.post(put_away_path(note), headers=HTMX))
    assert "Put away. It stays with your appreciations." in text
    assert THANKS not in text
    assert 'id="appreciations"' in text


def without_tokens(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_only_the_recipient_puts_a_note_away(sam_client, robin_client, sam):
    note = sending.send(sam, THANKS)
    nowhere = reverse("appreciations:put_away", args=["00000000-0000-0000-0000-000000000000"])
    for client in (sam_client, robin_client):
        response = client.post(put_away_path(note))
        assert response.status_code == 404
        assert without_tokens(response) == without_tokens(client.post(nowhere))
    assert Appreciation.objects.get().seen_at is None


def test_during_a_break_home_holds_received_notes_and_no_composer(alex_client, sam_client, alex, sam):
    sending.send(sam, THANKS)
    space.take_space(alex, 30, REASSURANCE)
    for client in (alex_client, sam_client):
        text = page_text(client.get(HOME))
        assert "A kind word for" not in text
        assert 'name="kind"' not in text
    assert THANKS in page_text(alex_client.get(HOME))


def test_someone_without_a_partner_sees_nothing_of_appreciations_on_home(jo_client):
    text = page_text(jo_client.get(HOME))
    assert "appreciations" not in text.lower()


# --- Sending -------------------------------------------------------------------------------------------


def test_sending_from_home_without_scripts_comes_back_home_saying_so(alex_client, sam):
    response = alex_client.post(SEND, {"text": THANKS, "kind": "appreciation"}, follow=True)
    assert response.redirect_chain == [(HOME, 302)]
    assert "Sent to Sam. Nothing is expected back." in page_text(response)
    note = Appreciation.objects.get()
    assert (note.recipient, note.text) == (sam, THANKS)


def test_sending_from_home_with_htmx_answers_in_place_with_an_empty_composer(alex_client):
    text = page_text(alex_client.post(SEND, {"text": THANKS, "kind": "appreciation"}, headers=HTMX))
    assert "Sent to Sam. Nothing is expected back." in text
    assert re.search(r"<textarea[^>]*>\s*</textarea>", text)
    assert "<html" not in text


def test_we_are_okay_is_one_tap(alex_client, sam_client):
    alex_client.post(SEND, {"text": "", "kind": "okay"})
    assert Appreciation.objects.get().kind == NoteKind.OKAY
    assert "Alex says you two are okay" in page_text(sam_client.get(HOME))


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"text": "", "kind": "appreciation"}, "Write a few words first, or send “we're okay”."),
        ({"text": "x" * (APPRECIATION_LENGTH + 1)}, "A note here is up to 500 characters."),
        ({"text": THANKS, "kind": "hug"}, "Choose kind words or “we're okay”."),
    ],
)
def test_what_cannot_go_is_said_beside_the_words_which_are_kept(alex_client, data, says):
    text = html.unescape(page_text(alex_client.post(SEND, data, headers=HTMX)))
    assert says in text
    assert data["text"][:100] in text
    response = alex_client.post(SEND, data)
    assert response.status_code == 400
    assert says in html.unescape(page_text(response))
    assert "<h1>Appreciations</h1>" in page_text(response)
    assert not Appreciation.objects.exists()


def test_during_a_break_sending_is_refused_calmly(alex_client, sam):
    space.take_space(sam, 30, REASSURANCE)
    text = page_text(alex_client.post(SEND, {"text": THANKS}, headers=HTMX))
    assert "Keep these words for when you are back together." in text
    assert not Appreciation.objects.exists()


def test_a_doubled_tap_makes_one_note(alex_client):
    for _ in range(2):
        alex_client.post(SEND, {"text": THANKS, "kind": "appreciation"}, headers=HTMX)
    assert Appreciation.objects.count() == 1


def test_a_nul_from_a_form_is_left_out(alex_client):
    alex_client.post(SEND, {"text": "thank\x00 you"})
    assert Appreciation.objects.get().text == "thank you"


def test_without_a_partner_the_composer_is_not_found(jo_client):
    assert jo_client.post(SEND, {"text": THANKS}).status_code == 404
    assert jo_client.get(PART).status_code == 404


@pytest.mark.parametrize("path", [SEND, put_away_path(Appreciation(pk="00000000-0000-0000-0000-000000000001"))])
def test_sending_and_putting_away_are_only_posted(alex_client, path):
    assert alex_client.get(path).status_code == 405


# --- Live ----------------------------------------------------------------------------------------------


def test_home_s_part_is_204_until_a_note_arrives_then_shows_it(alex_client, sam):
    seen = signature(page_text(alex_client.get(HOME)))
    assert alex_client.get(PART, {"seen": seen}).status_code == 204
    sending.send(sam, THANKS)
    response = alex_client.get(PART, {"seen": seen})
    assert response.status_code == 200
    text = page_text(response)
    assert THANKS in text
    assert signature(text) != seen


def test_home_s_part_changes_when_a_break_starts(alex_client, alex):
    seen = signature(page_text(alex_client.get(HOME)))
    space.take_space(alex, 30, REASSURANCE)
    response = alex_client.get(PART, {"seen": seen})
    assert response.status_code == 200
    assert 'name="kind"' not in page_text(response)


# --- The list ------------------------------------------------------------------------------------------


def test_the_list_holds_both_sides_newest_first_on_each_person_s_clock(alex_client, sam_client, alex, sam):
    sending.send(alex, "from alex")
    pass_time(timedelta(minutes=1))
    sending.send(sam, "from sam", NoteKind.OKAY)
    text = page_text(sam_client.get(INDEX))
    assert text.index("You said you two are okay") < text.index("Alex wrote") < text.index("from alex")
    note = Appreciation.objects.get(sender=alex)
    new_york = timezone.localtime(note.sent_at, ZoneInfo("America/New_York")).strftime("%H:%M")
    london = timezone.localtime(note.sent_at, ZoneInfo("Europe/London")).strftime("%H:%M")
    assert f", {new_york}</time>" in text
    assert f", {london}</time>" in page_text(alex_client.get(INDEX))
    # Only notes to oneself are new; a sent note never says whether it was read.
    assert text.count(">New<") == 1


def test_the_list_comes_in_pages(alex_client, sam):
    for n in range(PAGE_SIZE + 1):
        sending.send(sam, f"note {n}")
        pass_time(timedelta(minutes=1))
    first = page_text(alex_client.get(INDEX))
    assert "Page 1 of 2" in first
    assert "note 0<" not in first
    assert "note 0<" in page_text(alex_client.get(INDEX, {"page": 2}))
    assert "note 20<" in page_text(alex_client.get(INDEX, {"page": "many"}))


def test_sending_from_the_list_comes_back_to_the_list(alex_client):
    response = alex_client.post(INDEX, {"text": THANKS}, follow=True)
    assert response.redirect_chain == [(INDEX, 302)]
    assert "Sent to Sam." in page_text(response)
    assert "You wrote" in page_text(response)


def test_putting_away_from_the_list_comes_back_to_the_list(alex_client, sam):
    note = sending.send(sam, THANKS)
    response = alex_client.post(put_away_path(note), {"from": "list"})
    assert response["Location"] == INDEX
    assert ">New<" not in page_text(alex_client.get(INDEX))


def test_the_list_during_a_break_says_notes_wait(alex_client, alex):
    space.take_space(alex, 30, REASSURANCE)
    text = page_text(alex_client.get(INDEX))
    assert "new notes wait until you are back together" in text
    assert 'name="kind"' not in text
    assert alex_client.post(INDEX, {"text": THANKS}).status_code == 400


def test_without_a_couple_the_list_says_what_appreciations_are(jo_client, alex_client, sam):
    assert "Once you are paired" in page_text(jo_client.get(INDEX))
    sending.send(sam, THANKS)
    pairing.leave(sam)
    text = page_text(alex_client.get(INDEX))
    assert "Once you are paired" in text
    assert THANKS not in text


def test_the_list_is_only_read_and_posted(alex_client):
    assert alex_client.put(INDEX).status_code == 405
