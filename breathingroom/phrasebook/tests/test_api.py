"""GET/POST /api/v1/phrasebook, and changing or removing one's own words, with bad input of every kind."""

from __future__ import annotations

import uuid

import pytest

from breathingroom.api.tests.documented import assert_documented
from breathingroom.conftest import assert_json
from breathingroom.phrasebook import words
from breathingroom.phrasebook.models import NAME_LENGTH, SIGNAL_LENGTH, WHY_LENGTH, OwnWord, SignalPhrase
from breathingroom.phrasebook.vocabulary import BOUNDARIES, NEEDS

URL = "/api/v1/phrasebook"


def post(client, body, status):
    response = client.post(URL, body, content_type="application/json")
    assert_documented(response, "POST", URL)
    return assert_json(response, status)


def test_the_whole_phrasebook_for_a_partner(alex, sam, alex_client, sam_client):
    words.add_word(alex, "need", "a walk", "alone, round the block")
    words.set_signal_phrase(sam, "Need air, back soon")
    book = assert_json(alex_client.get(URL), 200)
    assert book["paired"] is True
    assert book["signal_phrase"]["words"] == "Need air, back soon"
    assert (book["signal_phrase"]["set_by"], book["signal_phrase"]["set_by_me"]) == ("Sam", False)
    assert [n["key"] for n in book["needs"]] == [w.key for w in NEEDS]
    assert book["needs"][0]["name"] == "Reassurance"
    assert book["needs"][0]["hear"]
    assert [b["key"] for b in book["boundaries"]] == [w.key for w in BOUNDARIES]
    [own] = book["own"]
    assert (own["kind"], own["name"], own["why"], own["added_by"], own["added_by_me"]) == (
        "need",
        "a walk",
        "alone, round the block",
        "Alex",
        True,
    )
    # The partner sees the same words, as someone else's.
    seen = assert_json(sam_client.get(URL), 200)
    assert seen["own"][0]["added_by_me"] is False
    assert seen["signal_phrase"]["set_by_me"] is True


def test_someone_unpaired_reads_the_built_in_words_and_cannot_add(jo_client):
    book = assert_json(jo_client.get(URL), 200)
    assert book["paired"] is False
    assert book["own"] == []
    assert book["signal_phrase"] is None
    assert len(book["needs"]) == len(NEEDS)
    refused = post(jo_client, {"kind": "need", "name": "quiet"}, 404)
    assert "Pair with your partner first" in refused["detail"]


def test_adding_a_word_answers_it_and_the_whole_phrasebook(alex_client):
    answer = post(alex_client, {"kind": "boundary", "name": "No phones at dinner", "why": "we eat together"}, 201)
    assert answer["added"]["name"] == "No phones at dinner"
    assert answer["added"]["kind"] == "boundary"
    assert [w["id"] for w in answer["own"]] == [answer["added"]["id"]]


def test_a_doubled_request_adds_the_word_once(alex_client):
    first = post(alex_client, {"kind": "need", "name": "a walk"}, 201)
    again = post(alex_client, {"kind": "need", "name": "a walk"}, 200)
    assert again["added"]["id"] == first["added"]["id"]
    assert OwnWord.objects.count() == 1


def test_setting_the_signal_phrase(alex, alex_client):
    answer = post(alex_client, {"kind": "signal_phrase", "name": "Need air, back soon"}, 201)
    assert answer["added"] is None
    assert answer["signal_phrase"]["words"] == "Need air, back soon"
    assert answer["signal_phrase"]["set_by_me"] is True
    post(alex_client, {"kind": "signal_phrase", "name": "Need air, back soon"}, 200)
    assert SignalPhrase.objects.get().set_by == alex
    response = alex_client.delete(f"{URL}/signal-phrase")
    assert response.status_code == 204
    assert assert_json(alex_client.get(URL), 200)["signal_phrase"] is None
    assert alex_client.delete(f"{URL}/signal-phrase").status_code == 204


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "wish", "name": "quiet"},
        {"kind": "need"},
        {"kind": "need", "name": 42},
        {"kind": "need", "name": ["quiet"]},
        {"kind": "need", "name": None},
        {"kind": "need", "name": "quiet", "why": True},
        {"kind": "need", "name": "quiet", "extra": "field"},
        {"kind": "need", "name": "x" * (max(NAME_LENGTH, SIGNAL_LENGTH) + 1)},
        {"kind": "need", "name": "quiet", "why": "y" * (WHY_LENGTH + 1)},
        {"kind": "need", "name": "quiet\x00time"},
        {"kind": "signal_phrase", "name": "breathe " * 200_000},
        [],
        '"quiet"',  # JSON, but not an object
    ],
)
def test_a_body_that_does_not_fit_is_422(alex_client, body):
    response = alex_client.post(URL, body, content_type="application/json")
    assert_documented(response, "POST", URL)
    assert_json(response, 422)
    assert not OwnWord.objects.exists()
    assert not SignalPhrase.objects.exists()


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ({"kind": "need", "name": "   "}, "Write the word"),
        ({"kind": "need", "name": "x" * (NAME_LENGTH + 1)}, f"up to {NAME_LENGTH} characters"),
        ({"kind": "signal_phrase", "name": "\u200b"}, "Write the words"),
        ({"kind": "signal_phrase", "name": "Need air", "why": "because"}, "its words alone"),
    ],
)
def test_words_the_domain_refuses_are_400_with_what_to_do(alex_client, body, said):
    assert said in post(alex_client, body, 400)["detail"]


def test_a_body_that_is_not_json_is_400(alex_client):
    response = alex_client.post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400


def test_the_writer_changes_and_removes_their_word(alex, alex_client):
    word, _new = words.add_word(alex, "need", "a walk")
    path = f"{URL}/{word.pk}"
    changed = assert_json(alex_client.patch(path, {"why": "alone"}, content_type="application/json"), 200)
    assert (changed["name"], changed["why"]) == ("a walk", "alone")
    assert changed["changed_at"] is not None
    cleared = assert_json(alex_client.patch(path, {"why": ""}, content_type="application/json"), 200)
    assert cleared["why"] == ""
    assert alex_client.delete(path).status_code == 204
    # Removed twice: the second time there is nothing there.
    assert_json(alex_client.delete(path), 404)


def test_the_partner_sees_a_word_but_may_not_change_it(alex, sam_client):
    word, _new = words.add_word(alex, "need", "a walk")
    path = f"{URL}/{word.pk}"
    refused = assert_json(sam_client.patch(path, {"name": "a run"}, content_type="application/json"), 403)
    assert "Only the one who added" in refused["detail"]
    assert_json(sam_client.delete(path), 403)
    assert OwnWord.objects.get().name == "a walk"


def test_an_outsider_guessing_an_id_gets_the_same_404_as_for_nothing(alex, couple, robin_client):
    word, _new = words.add_word(alex, "need", "a walk")
    theirs = robin_client.patch(f"{URL}/{word.pk}", {"name": "mine"}, content_type="application/json")
    nothing = robin_client.patch(f"{URL}/{uuid.uuid4()}", {"name": "mine"}, content_type="application/json")
    not_an_id = robin_client.delete(f"{URL}/not-an-id")
    assert assert_json(theirs, 404) == assert_json(nothing, 404) == assert_json(not_an_id, 404)
    assert robin_client.delete(f"{URL}/{word.pk}").json() == nothing.json()
    assert OwnWord.objects.get().name == "a walk"


@pytest.mark.parametrize("body", [{"name": 3}, {"why": ["x"]}, {"name": "x" * (NAME_LENGTH + 1)}, {"kind": "boundary"}])
def test_a_change_that_does_not_fit_is_422(alex, alex_client, body):
    word, _new = words.add_word(alex, "need", "a walk")
    response = alex_client.patch(f"{URL}/{word.pk}", body, content_type="application/json")
    assert_documented(response, "PATCH", f"{URL}/{{word_id}}")
    assert_json(response, 422)
