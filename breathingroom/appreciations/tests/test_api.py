"""Appreciations in the JSON API at /api/v1/appreciations, as a phone or a script sees them.

Everything is asserted on what a client receives; the database is read only to count what a refused
request must not have stored.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from django.test import Client
from django.utils import timezone

from breathingroom.appreciations.models import APPRECIATION_LENGTH, Appreciation
from breathingroom.appreciations.tests.conftest import THANKS, pass_time
from breathingroom.breaks import space
from breathingroom.breaks.tests.conftest import REASSURANCE
from breathingroom.conftest import assert_json
from breathingroom.couples import pairing

APPRECIATIONS = "/api/v1/appreciations"


@pytest.fixture(autouse=True)
def _no_time_zone_left_active():
    # A request activates the signed-in person's zone; a later test in this thread must not inherit it.
    yield
    timezone.deactivate()


def post(client: Client, path: str, body: object = None, **headers: str):
    return client.post(path, body, content_type="application/json", headers=headers)


def send(client: Client, body: object, status: int = 201, **headers: str) -> dict:
    return assert_json(post(client, APPRECIATIONS, body, **headers), status)


def listed(client: Client, **query: object) -> dict:
    return assert_json(client.get(APPRECIATIONS, query), 200)


def test_a_kind_word_is_sent_with_text_alone_and_answered_as_the_sender_sees_it(alex_client, sam_client, alex):
    body = send(alex_client, {"text": THANKS})
    note = Appreciation.objects.get()
    # In UTC, to the millisecond.
    assert datetime.fromisoformat(body.pop("sent_at")) == note.sent_at.replace(
        microsecond=note.sent_at.microsecond // 1000 * 1000
    )
    assert body == {
        "id": str(note.id),
        "kind": "appreciation",
        "text": THANKS,
        "by": "me",
        "name": "Alex",
        "new": None,
    }
    [received] = listed(sam_client)["items"]
    assert (received["by"], received["name"], received["text"], received["new"]) == ("partner", "Alex", THANKS, True)


def test_we_are_okay_is_one_field(sam_client):
    body = send(sam_client, {"kind": "okay"})
    assert (body["kind"], body["text"]) == ("okay", "")


def test_kind_words_without_words_are_400_with_what_to_do(alex_client):
    for body in ({}, {"text": ""}, {"text": "   \n"}):
        assert send(alex_client, body, 400) == {"detail": "Write a few words first, or send “we're okay”."}
    assert not Appreciation.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"text": 5}, id="text-as-number"),
        pytest.param({"text": None}, id="text-null"),
        pytest.param({"text": ["thank", "you"]}, id="text-as-list"),
        pytest.param({"text": THANKS, "kind": "hug"}, id="unknown-kind"),
        pytest.param({"text": THANKS, "kind": 1}, id="kind-as-number"),
        pytest.param({"text": THANKS, "to": "robin"}, id="unknown-field"),
        pytest.param({"text": "thank\x00you"}, id="nul"),
        pytest.param({"text": "x" * (APPRECIATION_LENGTH + 1)}, id="too-long"),
        pytest.param({"text": "x" * 2_000_000}, id="huge"),
        pytest.param([THANKS], id="array"),
        pytest.param(f'"{THANKS}"', id="json-string"),
    ],
)
def test_the_wrong_shape_of_body_is_422_and_sends_nothing(alex_client, body):
    detail = send(alex_client, body, 422)["detail"]
    assert isinstance(detail, list)
    assert not Appreciation.objects.exists()


def test_a_body_that_is_not_json_is_400(alex_client):
    response = alex_client.post(APPRECIATIONS, "{not json", content_type="application/json")
    assert assert_json(response, 400) == {"detail": "Cannot parse request body"}


def test_the_longest_note_is_fine(alex_client):
    assert send(alex_client, {"text": "x" * APPRECIATION_LENGTH})["text"] == "x" * APPRECIATION_LENGTH


def test_a_doubled_request_makes_one_note(alex_client, sam_client):
    first = send(alex_client, {"text": THANKS})
    assert send(alex_client, {"text": THANKS})["id"] == first["id"]
    keyed = send(alex_client, {"text": "And for the walk."}, **{"Idempotency-Key": "req-1"})
    pass_time(timezone.timedelta(minutes=5))
    assert send(alex_client, {"text": "And for the walk."}, **{"Idempotency-Key": "req-1"})["id"] == keyed["id"]
    assert listed(sam_client)["count"] == 2


def test_an_idempotency_key_of_100_characters_is_fine_and_101_is_422(alex_client):
    send(alex_client, {"text": THANKS}, **{"Idempotency-Key": "k" * 100})
    send(alex_client, {"text": "more"}, 422, **{"Idempotency-Key": "k" * 101})
    assert Appreciation.objects.count() == 1


def test_someone_without_a_partner_is_told_so(jo_client):
    body = send(jo_client, {"text": THANKS}, 404)
    assert body == {"detail": "You are not in a couple, so there is no one to send this to yet."}
    assert_json(jo_client.get(APPRECIATIONS), 404)


def test_after_the_couple_ends_nothing_goes_and_nothing_of_it_is_listed(alex_client, sam_client, sam):
    send(alex_client, {"text": THANKS})
    pairing.leave(sam)
    send(alex_client, {"text": "Hello?"}, 404)
    assert_json(sam_client.get(APPRECIATIONS), 404)
    assert Appreciation.objects.count() == 1


def test_during_a_break_a_note_is_409_and_says_why(alex_client, sam_client, alex):
    space.take_space(alex, 30, REASSURANCE)
    body = send(sam_client, {"text": THANKS}, 409)
    assert "Keep these words for when you are back together." in body["detail"]
    assert not Appreciation.objects.exists()


def test_the_list_is_newest_first_paginated_and_from_each_side(alex_client, sam_client):
    for n in range(25):
        send(alex_client if n % 2 else sam_client, {"text": f"note {n}"})
        pass_time(timezone.timedelta(minutes=1))
    first = listed(alex_client)
    assert first["count"] == 25
    assert [i["text"] for i in first["items"][:3]] == ["note 24", "note 23", "note 22"]
    assert [i["by"] for i in first["items"][:2]] == ["partner", "me"]
    assert [i["new"] for i in first["items"][:2]] == [True, None]
    assert len(first["items"]) == 20
    assert [i["text"] for i in listed(alex_client, page=2)["items"]] == [f"note {n}" for n in range(4, -1, -1)]
    assert len(listed(alex_client, page_size=5)["items"]) == 5
    assert_json(alex_client.get(APPRECIATIONS, {"page": "two"}), 422)


def test_one_note_is_read_by_either_partner_and_no_one_else(alex_client, sam_client, robin_client):
    sent = send(alex_client, {"text": THANKS})
    path = f"{APPRECIATIONS}/{sent['id']}"
    assert assert_json(sam_client.get(path), 200)["by"] == "partner"
    assert assert_json(alex_client.get(path), 200)["by"] == "me"
    nobodys = assert_json(robin_client.get(f"{APPRECIATIONS}/{uuid.uuid4()}"), 404)
    assert assert_json(robin_client.get(path), 404) == nobodys
    assert assert_json(alex_client.get(f"{APPRECIATIONS}/not-an-id"), 404) == {"detail": "There is no such note."}


def test_only_the_recipient_puts_a_note_away_and_the_sender_is_never_told(alex_client, sam_client):
    sent = send(alex_client, {"text": THANKS})
    seen = f"{APPRECIATIONS}/{sent['id']}/seen"
    assert assert_json(post(alex_client, seen), 404) == {"detail": "There is no such note."}
    assert assert_json(post(sam_client, seen), 200)["new"] is False
    assert assert_json(post(sam_client, seen), 200)["new"] is False
    assert listed(sam_client)["items"][0]["new"] is False
    assert listed(alex_client)["items"][0]["new"] is None


def test_signed_out_is_401(client):
    assert_json(client.get(APPRECIATIONS), 401)
    assert_json(post(client, APPRECIATIONS, {"text": THANKS}), 401)
