"""Body check-ins in the JSON API, as a phone sees them: the same rules as the page, answered as JSON."""

from __future__ import annotations

import json
import uuid

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from breathingroom.api.tests.documented import assert_documented
from breathingroom.body import checking_in
from breathingroom.body.checking_in import Place
from breathingroom.body.models import CheckIn
from breathingroom.conftest import assert_json, client_for
from breathingroom.events.models import Event

API = "/api/v1/body"
CHECK_INS = f"{API}/check-ins"
ONE = f"{CHECK_INS}/{{check_in_id}}"
GOOD = {
    "places": [{"region": "chest", "sensation": "tight", "intensity": 7}],
    "feelings": ["lonely"],
    "need": "reassurance",
    "heart_rate": 96,
    "own_feeling": "left out",
    "note": "Like before a storm.",
}

db_examples = hsettings(
    max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(autouse=True)
def _no_time_zone_left_active():
    # A request activates the signed-in person's zone; a later test in this thread must not run in it.
    yield
    timezone.deactivate()


def post(client: Client, path: str, body: object = None, **headers: str):
    if body is None:
        return client.post(path, headers=headers)
    return client.post(path, json.dumps(body), content_type="application/json", headers=headers)


def record(client: Client, body: object = None, status: int = 201, **headers: str) -> dict:
    response = post(client, CHECK_INS, GOOD if body is None else body, **headers)
    assert_documented(response, "post", CHECK_INS)
    return assert_json(response, status)


def test_a_check_in_is_kept_and_answered_as_its_author_sees_it(alex_client, alex):
    body = record(alex_client)
    kept = CheckIn.objects.get()
    assert body["id"] == str(kept.pk)
    assert body["mine"] is True
    assert body["author"] == "Alex"
    assert body["places"] == [
        {"region": "chest", "region_name": "Chest", "sensation": "tight", "sensation_name": "Tight", "intensity": 7}
    ]
    assert (body["feelings"], body["feeling_names"]) == (["lonely"], ["Lonely"])
    assert (body["need"], body["need_name"]) == ("reassurance", "Reassurance")
    assert (body["heart_rate"], body["own_feeling"], body["note"]) == (96, "left out", "Like before a storm.")
    assert (body["shared"], body["shared_at"], body["flooded"], body["flooded_hint"]) == (False, None, False, None)
    assert body["at"].endswith("Z")


def test_the_list_is_mine_newest_first_a_page_at_a_time(alex_client, alex, sam):
    for n in range(25):
        checking_in.record(alex, [Place("chest", "tight", n % 11)])
    checking_in.record(sam, [Place("legs", "shaky", 2)])
    first = assert_json(alex_client.get(CHECK_INS), 200)
    assert first["count"] == 25
    assert len(first["items"]) == 20
    ats = [item["at"] for item in first["items"]]
    assert ats == sorted(ats, reverse=True)
    assert {item["author"] for item in first["items"]} == {"Alex"}
    assert len(assert_json(alex_client.get(CHECK_INS, {"page": 2}), 200)["items"]) == 5


def test_the_partner_lists_and_reads_only_what_is_shared_while_it_is(alex, sam, couple, sam_client):
    private = checking_in.record(alex, [Place("chest", "tight", 3)])
    shared = checking_in.share(alex, checking_in.record(alex, [Place("throat", "tight", 6)], heart_rate=120).pk)
    listed = assert_json(sam_client.get(CHECK_INS, {"whose": "partner"}), 200)
    assert [item["id"] for item in listed["items"]] == [str(shared.pk)]
    theirs = assert_json(sam_client.get(ONE.format(check_in_id=shared.pk)), 200)
    assert (theirs["mine"], theirs["author"], theirs["shared"]) == (False, "Alex", True)
    assert (theirs["flooded"], theirs["flooded_hint"]) == (None, None)
    assert theirs["heart_rate"] == 120
    for hidden in (private.pk, uuid.uuid4()):
        assert assert_json(sam_client.get(ONE.format(check_in_id=hidden)), 404) == {
            "detail": "There is no such check-in."
        }
    checking_in.unshare(alex, shared.pk)
    assert assert_json(sam_client.get(CHECK_INS, {"whose": "partner"}), 200)["items"] == []
    assert_json(sam_client.get(ONE.format(check_in_id=shared.pk)), 404)


def test_without_a_partner_the_partners_list_is_empty_and_sharing_is_404(jo_client, jo):
    assert assert_json(jo_client.get(CHECK_INS, {"whose": "partner"}), 200)["items"] == []
    kept = checking_in.record(jo, [Place("chest", "tight", 3)])
    response = post(jo_client, f"{ONE.format(check_in_id=kept.pk)}/share")
    assert assert_json(response, 404)["detail"] == "There is no partner to share this with yet."
    assert_documented(response, "post", f"{ONE}/share")


def test_share_and_unshare_answer_the_check_in_and_tell_the_partner(alex_client, alex, sam, couple):
    kept = checking_in.record(alex, [Place("chest", "tight", 3)])
    path = f"{ONE.format(check_in_id=kept.pk)}/share"
    shared = assert_json(post(alex_client, path), 200)
    assert shared["shared"] is True
    assert shared["shared_at"]
    assert assert_json(post(alex_client, path), 200)["shared_at"] == shared["shared_at"]
    assert Event.objects.filter(recipient=sam, type="check_in.shared").count() == 1
    unshared = assert_json(alex_client.delete(path), 200)
    assert (unshared["shared"], unshared["shared_at"]) == (False, None)
    assert assert_json(alex_client.delete(path), 200)["shared"] is False


def test_delete_is_204_then_404(alex_client, alex):
    kept = checking_in.record(alex, [Place("chest", "tight", 3)])
    response = alex_client.delete(ONE.format(check_in_id=kept.pk))
    assert response.status_code == 204
    assert_documented(response, "delete", ONE)
    assert_json(alex_client.delete(ONE.format(check_in_id=kept.pk)), 404)


def test_the_same_idempotency_key_keeps_one_check_in(alex_client):
    first = record(alex_client, **{"Idempotency-Key": "k1"})
    again = record(alex_client, {**GOOD, "note": "sent again"}, **{"Idempotency-Key": "k1"})
    assert again == first
    assert CheckIn.objects.count() == 1
    record(alex_client, **{"Idempotency-Key": "k2"})
    assert CheckIn.objects.count() == 2
    too_long = post(alex_client, CHECK_INS, GOOD, **{"Idempotency-Key": "k" * 101})
    assert_json(too_long, 422)


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"places": []}, "places"),
        ({"places": [{"region": "elbow", "sensation": "tight", "intensity": 3}]}, "region"),
        ({"places": [{"region": "chest", "sensation": "sad", "intensity": 3}]}, "sensation"),
        ({"places": [{"region": "chest", "sensation": "tight", "intensity": 11}]}, "intensity"),
        ({"places": [{"region": "chest", "sensation": "tight", "intensity": -1}]}, "intensity"),
        ({"places": [{"region": "chest", "sensation": "tight", "intensity": "7"}]}, "intensity"),
        ({"places": [{"region": "chest", "sensation": "tight", "intensity": True}]}, "intensity"),
        ({"places": [{"region": "chest", "sensation": "tight", "intensity": 6.5}]}, "intensity"),
        ({"places": [{"region": "chest", "sensation": "tight"}]}, "intensity"),
        ({"places": [{"region": "chest", "sensation": "tight", "intensity": 3, "colour": "red"}]}, "colour"),
        ({"places": "chest"}, "places"),
        ({"feelings": ["melancholic"]}, "feelings"),
        ({"feelings": "lonely"}, "feelings"),
        ({"feelings": ["lonely"] * 40}, "feelings"),
        ({"need": "world_peace"}, "need"),
        ({"need": 3}, "need"),
        ({"heart_rate": 29}, "heart_rate"),
        ({"heart_rate": 221}, "heart_rate"),
        ({"heart_rate": "96"}, "heart_rate"),
        ({"own_feeling": "x" * 61}, "own_feeling"),
        ({"note": "x" * 501}, "note"),
        ({"note": "x" * 1_000_000}, "note"),
        ({"note": "Ça va\u0000 mal"}, "payload"),
        ({"note": 5}, "note"),
        ({"who": "sam"}, "who"),
    ],
)
def test_a_body_that_does_not_fit_is_422_and_says_where(alex_client, body, where):
    response = post(alex_client, CHECK_INS, {**GOOD, **body})
    assert_documented(response, "post", CHECK_INS)
    detail = assert_json(response, 422)["detail"]
    assert any(where in [str(part) for part in error["loc"]] for error in detail), detail
    assert not CheckIn.objects.exists()


def test_the_same_place_twice_is_400_with_the_domains_words(alex_client):
    twice = [{"region": "chest", "sensation": "tight", "intensity": 3}] * 2
    response = post(alex_client, CHECK_INS, {**GOOD, "places": twice})
    assert assert_json(response, 400)["detail"].startswith("Each place once, please")
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("body", ["not json at all", "[]", "null", '{"places": [', ""])
def test_something_that_is_not_a_check_in_is_refused(alex_client, body):
    response = alex_client.post(CHECK_INS, body, content_type="application/json")
    assert response.status_code in (400, 422)
    assert "detail" in response.json()
    assert not CheckIn.objects.exists()


@db_examples
@given(intensity=st.integers(min_value=-50, max_value=60), rate=st.none() | st.integers(min_value=-10, max_value=400))
def test_numbers_in_range_are_kept_and_the_rest_are_422(alex, intensity, rate):
    client = client_for(alex)
    body = {"places": [{"region": "legs", "sensation": "shaky", "intensity": intensity}], "heart_rate": rate}
    response = post(client, CHECK_INS, body)
    if 0 <= intensity <= 10 and (rate is None or 30 <= rate <= 220):
        assert assert_json(response, 201)["places"][0]["intensity"] == intensity
    else:
        assert_json(response, 422)


@pytest.mark.parametrize("check_in_id", ["not-a-uuid", "12", "%00"])
def test_an_id_that_is_no_id_is_the_same_404(alex_client, check_in_id):
    assert assert_json(alex_client.get(f"{CHECK_INS}/{check_in_id}"), 404) == {"detail": "There is no such check-in."}


@pytest.mark.parametrize("whose", ["theirs", "", "MINE"])
def test_an_unknown_whose_is_422(alex_client, whose):
    assert_json(alex_client.get(CHECK_INS, {"whose": whose}), 422)


def test_the_trend_and_the_vocabulary(alex_client, alex):
    assert assert_json(alex_client.get(f"{API}/trend"), 200)["summary"].startswith("No check-ins yet.")
    checking_in.record(alex, [Place("chest", "tight", 6), Place("jaw", "tight", 2)])
    trend = assert_json(alex_client.get(f"{API}/trend"), 200)
    assert (trend["by"], trend["check_ins"]) == ("day", 1)
    assert trend["points"][0] | {"start": None} == {
        "start": None,
        "check_ins": 1,
        "average": 6,
        "lowest": 6,
        "highest": 6,
    }
    # Named as often as each other: in the list's own order, head to toe.
    assert [w["region"] for w in trend["where"]] == ["jaw", "chest"]
    words = assert_json(alex_client.get(f"{API}/vocabulary"), 200)
    assert {"key": "lower_back", "name": "Lower back"} in words["regions"]
    assert words["feelings"][0]["key"] == "scared"
    assert {"key": "time_alone", "name": "Time alone"} in words["needs"]


def test_signed_out_is_401(client, db):
    for method, path in (("get", CHECK_INS), ("post", CHECK_INS), ("get", f"{API}/trend")):
        assert_json(getattr(client, method)(path), 401)
