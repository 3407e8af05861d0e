"""The phrasebook's pages: what each partner sees, adding, changing and removing words, the signal phrase."""

from __future__ import annotations

import re
import uuid
from html import unescape

import pytest

from breathingroom.conftest import page_text
from breathingroom.phrasebook import words
from breathingroom.phrasebook.models import NAME_LENGTH, SIGNAL_LENGTH, OwnWord, SignalPhrase
from breathingroom.phrasebook.vocabulary import BOUNDARIES, NEEDS

PAGE = "/phrasebook/"


def text_of(response) -> str:
    """The page's words, without tags, as a reader meets them."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page_text(response))).split())


def test_a_partner_sees_the_signal_phrase_first_then_needs_and_boundaries(alex, sam, alex_client):
    words.set_signal_phrase(sam, "Need air, back soon")
    words.add_word(sam, "need", "a hand on my back", "when words are too much")
    words.add_word(alex, "boundary", "No phones at dinner")
    # After the links that jump to each part, the parts themselves.
    page = text_of(alex_client.get(PAGE)).split("Add your own", 1)[1]
    assert page.index("Your signal phrase") < page.index("Need air, back soon") < page.index("Needs")
    assert "Sam set these words on" in page
    assert "talk them over together and change them." in page
    assert page.index("Needs") < page.index("a hand on my back") < page.index("Common needs")
    assert "when words are too much" in page
    assert "Added by Sam on" in page
    assert page.index("Boundaries") < page.index("No phones at dinner") < page.index("Common boundaries")
    assert "Added by you on" in page
    for word in (*NEEDS, *BOUNDARIES):
        assert str(word.name) in page
        assert unescape(str(word.why)) in page


def test_the_page_is_built_for_a_phone_and_a_screen_reader(alex_client):
    html = page_text(alex_client.get(PAGE))
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert '<nav class="phrasebook-jump" aria-label="On this page">' in html
    assert 'aria-labelledby="signal-title"' in html
    assert 'id="signal-title"' in html
    assert '<label for="id_words">Words that mean “I need space, and I&#x27;m coming back”</label>' in html
    assert re.search(r'<input type="radio" name="kind" value="need"[^>]*checked', html)


def test_only_the_writer_is_offered_to_change_a_word(alex, sam, alex_client, sam_client):
    word, _new = words.add_word(alex, "need", "a walk")
    edit = f"/phrasebook/{word.pk}/edit/"
    assert edit in page_text(alex_client.get(PAGE))
    assert edit not in page_text(sam_client.get(PAGE))
    assert "a walk" in page_text(sam_client.get(PAGE))


def test_someone_unpaired_sees_the_built_in_words_and_an_invitation(jo_client):
    response = jo_client.get(PAGE)
    assert response.status_code == 200
    page = text_of(response)
    assert "Phrasebook" in page
    assert "Our phrasebook" not in page
    assert "Once you pair with your partner, this phrasebook becomes the two of yours" in page
    assert "Pair with your partner" in page
    assert str(NEEDS[0].name) in page
    assert str(BOUNDARIES[0].name) in page
    assert "Add words of your own" not in page
    assert 'name="words"' not in page_text(response)


def test_someone_unpaired_cannot_post_words(jo, jo_client):
    assert jo_client.post("/phrasebook/add/", {"kind": "need", "name": "quiet"}).status_code == 404
    assert jo_client.post("/phrasebook/signal/", {"words": "need air"}).status_code == 404
    assert not OwnWord.objects.exists()
    assert not SignalPhrase.objects.exists()


def test_adding_a_word(alex, alex_client):
    response = alex_client.post("/phrasebook/add/", {"kind": "boundary", "name": "No phones", "why": "at dinner"})
    assert response.status_code == 302
    assert response["Location"] == "/phrasebook/#own-boundaries"
    page = text_of(alex_client.get(PAGE))
    assert "Added. You both see it in your phrasebook now." in page
    assert "No phones" in page
    assert "at dinner" in page
    # A doubled tap keeps one word and says so.
    alex_client.post("/phrasebook/add/", {"kind": "boundary", "name": "no phones", "why": "at dinner"})
    assert "“No phones” is already in your phrasebook." in text_of(alex_client.get(PAGE))
    assert OwnWord.objects.count() == 1


@pytest.mark.parametrize(
    ("form", "said"),
    [
        ({"kind": "need", "name": ""}, "Write the word or the few words you use for it."),
        ({"kind": "need", "name": "\u200b\u3164"}, "Write the word or the few words you use for it."),
        ({"kind": "wish", "name": "quiet"}, "Choose whether these words are for a need or a boundary."),
        ({"name": "quiet"}, "Choose whether these words are for a need or a boundary."),
        ({"kind": "need", "name": "x" * (NAME_LENGTH + 1)}, f"up to {NAME_LENGTH} characters"),
    ],
)
def test_a_word_that_cannot_be_kept_is_explained_beside_the_form(alex_client, form, said):
    response = alex_client.post("/phrasebook/add/", form)
    assert response.status_code == 400
    page = text_of(response)
    assert said in page
    # The form's answer lands where the form is.
    assert 'action="/phrasebook/add/#add-title"' in page_text(response)
    assert not OwnWord.objects.exists()


def test_nul_in_a_form_is_dropped_as_every_form_drops_it(alex_client):
    response = alex_client.post("/phrasebook/add/", {"kind": "need", "name": "qui\x00et", "why": "\x00"})
    assert response.status_code == 302
    assert [(w.name, w.why) for w in OwnWord.objects.all()] == [("quiet", "")]


def test_a_huge_text_is_refused_with_the_limit_said(alex_client):
    response = alex_client.post("/phrasebook/signal/", {"words": "breathe " * 50_000})
    assert response.status_code == 400
    assert f"up to {SIGNAL_LENGTH} characters" in text_of(response)
    assert not SignalPhrase.objects.exists()


def test_setting_and_changing_the_signal_phrase(alex, sam, alex_client, sam_client):
    response = alex_client.post("/phrasebook/signal/", {"words": "Need air, back soon"})
    assert response.status_code == 302
    page = text_of(alex_client.get(PAGE))
    assert "Your signal phrase is set. Sam sees it here, with your name, and when taking space." in page
    assert "You set these words on" in page
    sam_client.post("/phrasebook/signal/", {"words": "Pause, not goodbye"})
    page = text_of(alex_client.get(PAGE))
    assert "Pause, not goodbye" in page
    assert "Need air, back soon" not in page
    assert "Sam set these words on" in page
    # The same words again change nothing, and say so.
    sam_client.post("/phrasebook/signal/", {"words": "Pause, not goodbye"})
    assert "That is already your signal phrase." in text_of(sam_client.get(PAGE))


@pytest.mark.parametrize(
    ("words_sent", "said"),
    [("", "Write the words you will both use"), ("x" * (SIGNAL_LENGTH + 1), "said in one breath")],
)
def test_a_signal_phrase_that_cannot_be_kept_is_explained(alex_client, words_sent, said):
    response = alex_client.post("/phrasebook/signal/", {"words": words_sent})
    assert response.status_code == 400
    assert said in text_of(response)
    assert not SignalPhrase.objects.exists()


def test_letting_the_signal_phrase_go(alex, sam_client):
    words.set_signal_phrase(alex, "Need air, back soon")
    assert sam_client.post("/phrasebook/signal/clear/").status_code == 302
    page = text_of(sam_client.get(PAGE))
    assert "The signal phrase is gone." in page
    assert "Need air, back soon" not in page


def test_changing_and_removing_ones_own_word(alex, alex_client):
    word, _new = words.add_word(alex, "need", "a walk")
    edit = f"/phrasebook/{word.pk}/edit/"
    form = page_text(alex_client.get(edit))
    assert "Change a need of yours" in form
    assert 'value="a walk"' in form
    response = alex_client.post(edit, {"name": "a long walk", "why": "alone, for an hour"})
    assert response.status_code == 302
    assert response["Location"] == "/phrasebook/#own-needs"
    page = text_of(alex_client.get(PAGE))
    assert "Changed. You both see the new words." in page
    assert "a long walk" in page
    assert ", since changed" in page
    assert alex_client.post(edit, {"name": ""}).status_code == 400
    response = alex_client.post(f"/phrasebook/{word.pk}/remove/")
    assert response.status_code == 302
    assert "“a long walk” is no longer in your phrasebook." in text_of(alex_client.get(PAGE))
    assert not OwnWord.objects.exists()


def test_the_partner_is_told_kindly_that_the_word_is_not_theirs_to_change(alex, sam_client):
    word, _new = words.add_word(alex, "need", "a walk")
    for response in (
        sam_client.get(f"/phrasebook/{word.pk}/edit/"),
        sam_client.post(f"/phrasebook/{word.pk}/edit/", {"name": "a run"}),
        sam_client.post(f"/phrasebook/{word.pk}/remove/"),
    ):
        assert response.status_code == 302
        assert response["Location"] == "/phrasebook/"
    assert "Only the one who added these words can change or remove them." in text_of(sam_client.get(PAGE))
    assert OwnWord.objects.get().name == "a walk"


def test_an_outsider_guessing_an_id_gets_404(alex, couple, robin_client):
    word, _new = words.add_word(alex, "need", "a walk")
    for path in (f"/phrasebook/{word.pk}/edit/", f"/phrasebook/{uuid.uuid4()}/edit/"):
        assert robin_client.get(path).status_code == 404
    assert robin_client.post(f"/phrasebook/{word.pk}/remove/").status_code == 404
    assert "a walk" not in page_text(robin_client.get(PAGE))
    assert OwnWord.objects.exists()


def test_the_wrong_method_is_refused(alex_client):
    assert alex_client.post(PAGE).status_code == 405
    assert alex_client.get("/phrasebook/add/").status_code == 405
    assert alex_client.get("/phrasebook/signal/").status_code == 405
