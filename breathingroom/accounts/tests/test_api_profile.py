from __future__ import annotations

import json

import pytest
from django.test import Client


def patch(client: Client, body: object):
    return client.patch("/api/v1/me", json.dumps(body), content_type="application/json")


def test_change_my_time_zone(alex_client, alex):
    response = patch(alex_client, {"time_zone": "Asia/Tokyo"})
    assert response.status_code == 200
    assert response.json() == {
        "id": str(alex.public_id),
        "email": "alex@example.com",
        "display_name": "Alex",
        "time_zone": "Asia/Tokyo",
        "language": "",
        "resting_heart_rate": None,
    }
    alex.refresh_from_db()
    assert alex.time_zone == "Asia/Tokyo"


def test_my_resting_heart_rate_is_kept_until_i_change_it(alex_client, alex):
    assert patch(alex_client, {"resting_heart_rate": 58}).json()["resting_heart_rate"] == 58
    # Changing something else leaves it as it was.
    assert patch(alex_client, {"time_zone": "Asia/Tokyo"}).json()["resting_heart_rate"] == 58
    alex.refresh_from_db()
    assert alex.resting_heart_rate == 58


def test_my_partner_sees_my_new_name(alex_client, sam_client):
    patch(alex_client, {"display_name": "Lex"})
    names = {p["display_name"] for p in sam_client.get("/api/v1/couple").json()["partners"]}
    assert names == {"Lex", "Sam"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"display_name": ""}, "display_name"),
        ({"display_name": "   "}, "display_name"),
        ({"display_name": "x" * 61}, "display_name"),
        ({"resting_heart_rate": 29}, "resting_heart_rate"),
        ({"resting_heart_rate": 121}, "resting_heart_rate"),
        ({"resting_heart_rate": "60"}, "resting_heart_rate"),
        ({"resting_heart_rate": True}, "resting_heart_rate"),
    ],
)
def test_bad_changes_are_refused_and_nothing_changes(alex_client, alex, body, field):
    response = patch(alex_client, body)
    assert response.status_code == 422
    assert [error["loc"][-1] for error in response.json()["detail"]] == [field]
    alex.refresh_from_db()
    assert (alex.display_name, alex.time_zone) == ("Alex", "Europe/London")


@pytest.mark.parametrize(
    "body", [{"time_zone": 5}, {"display_name": ["a"]}, "not an object", [], {"email": "new@example.com"}]
)
def test_wrong_types_are_refused(alex_client, body):
    response = patch(alex_client, body)
    assert response.status_code in {400, 422}
    assert "detail" in response.json()


def test_anonymous_cannot_change_anything(client, db):
    response = patch(client, {"display_name": "Anyone"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}
