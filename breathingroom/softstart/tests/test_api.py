"""POST /api/v1/soft-start/check, as a phone or a script sees it, and that nothing said to it is kept."""

from __future__ import annotations

import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from breathingroom.conftest import assert_json
from breathingroom.softstart import coach

CHECK = "/api/v1/soft-start/check"


def check(client, body, status=200):
    return assert_json(client.post(CHECK, body, content_type="application/json"), status)


def test_harsh_words_are_answered_with_each_flag_and_a_softer_shape(jo_client):
    text = "You never help with the kids 🙄"
    answer = check(jo_client, {"text": text})
    assert answer == {
        "harsh": True,
        "flags": [
            {
                "rule": "accusing",
                "why": "“You never help” puts what they did wrong first, which tends to start a defence; try "
                "saying what happened and how it landed on you.",
                "start": 0,
                "end": 14,
            },
            {
                "rule": "absolute",
                "why": "“never” makes one moment the whole story, so they may argue with the word instead of "
                "hearing you; try naming this one time.",
                "start": 4,
                "end": 9,
            },
            {
                "rule": "contempt",
                "why": "“🙄” can sound like looking down on them, which hurts more than any words; try saying "
                "plainly what hurt.",
                "start": 29,
                "end": 30,
            },
        ],
        "softer": "When you don't help with the kids, I feel …, I need …; would you help with the kids?",
    }
    assert [text[f["start"] : f["end"]] for f in answer["flags"]] == ["You never help", "never", "🙄"]


@pytest.mark.parametrize("text", ["You always make me laugh.", "I feel like you're upset", "", "   "])
def test_gentle_words_are_answered_with_no_flags_and_no_softer_shape(jo_client, text):
    assert check(jo_client, {"text": text}) == {"harsh": False, "flags": [], "softer": None}


def test_the_longest_text_is_read_and_one_more_character_is_refused(jo_client):
    longest = ("You never listen. " * 200)[: coach.SOFT_START_LENGTH]
    assert check(jo_client, {"text": longest})["harsh"] is True
    detail = check(jo_client, {"text": longest + "x"}, 422)["detail"]
    assert detail[0]["loc"] == ["body", "payload", "text"]
    assert "2000" in detail[0]["msg"]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({}, id="no-text"),
        pytest.param({"text": None}, id="null"),
        pytest.param({"text": 5}, id="number"),
        pytest.param({"text": ["You never listen"]}, id="list"),
        pytest.param({"text": {"words": "hi"}}, id="object"),
        pytest.param({"text": True}, id="boolean"),
        pytest.param({"text": "You\x00 never"}, id="nul"),
        pytest.param({"text": "hi", "to": "sam"}, id="unknown-field"),
        pytest.param(["You never listen"], id="array"),
        pytest.param({"text": "x" * 100_000}, id="huge"),
    ],
)
def test_input_of_the_wrong_shape_is_a_clear_422(jo_client, body):
    detail = check(jo_client, body, 422)["detail"]
    assert isinstance(detail, list)
    assert all(item["msg"] for item in detail)


def test_half_of_a_surrogate_pair_is_a_clear_422(jo_client):
    response = jo_client.post(CHECK, '{"text": "You never \\ud800 listen"}', content_type="application/json")
    detail = assert_json(response, 422)["detail"]
    assert "broken character" in detail[0]["msg"]


def test_a_body_that_is_not_json_is_a_json_400(jo_client):
    response = jo_client.post(CHECK, "text=hi", content_type="application/x-www-form-urlencoded")
    assert assert_json(response, 400) == {"detail": "Cannot parse request body"}


def test_someone_signed_out_is_told_to_sign_in(client, db):
    assert assert_json(client.post(CHECK, {"text": "hi"}, content_type="application/json"), 401)


def test_the_words_read_are_neither_stored_nor_logged(jo_client, caplog):
    secret = "You never listen, you tangerine-moon idiot 🙄"
    caplog.set_level(logging.DEBUG)
    with CaptureQueriesContext(connection) as queries:
        answer = check(jo_client, {"text": secret})
        assert answer["harsh"] is True
        page = jo_client.post("/soft-start/", {"text": secret})
        assert page.status_code == 200
        part = jo_client.post("/soft-start/advice/", {"text": secret})
        assert part.status_code == 200
    assert not [
        q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]
    assert "tangerine" not in " ".join(q["sql"] for q in queries.captured_queries)
    assert "tangerine" not in caplog.text
