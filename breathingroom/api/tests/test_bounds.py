"""The document says exactly what each operation accepts, and the API accepts exactly that.

Every number sent has a least and a greatest value, every text a longest length, and the kinds are
strict: a number is not a time, and a time on one's own clock carries no zone.
"""

from __future__ import annotations

import uuid
from typing import Any

import jsonschema_rs
import pytest

from breathingroom.agreements import proposals
from breathingroom.api.pagination import LAST_PAGE
from breathingroom.api.tests.documented import document, documented, operation
from breathingroom.breaks.tests.conftest import proposal
from breathingroom.conftest import assert_json
from breathingroom.notify.models import NotificationSettings

API = "/api/v1"


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        return document()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _unbounded(schema: dict[str, Any], where: str) -> list[str]:
    schema = _resolve(schema)
    found = []
    for option in schema.get("anyOf", []):
        found += _unbounded(option, where)
    kind = schema.get("type")
    if kind == "integer" and not {"minimum", "maximum"} <= schema.keys():
        found.append(where)
    if kind == "string" and "maxLength" not in schema and not {"enum", "format"} & schema.keys():
        found.append(where)
    if kind == "array":
        if "maxItems" not in schema:
            found.append(where)
        found += _unbounded(schema["items"], f"{where}[]")
    for name, field in schema.get("properties", {}).items():
        found += _unbounded(field, f"{where}.{name}")
    return found


def test_every_number_and_text_an_operation_reads_is_bounded_in_the_document():
    unbounded = []
    for path, item in document()["paths"].items():
        for method, op in item.items():
            for parameter in op.get("parameters", []):
                # An id in the path names a thing; it is looked up, never stored.
                if parameter["in"] != "path" or parameter["schema"].get("type") == "integer":
                    unbounded += _unbounded(parameter["schema"], f"{method} {path} {parameter['name']}")
            for content in op.get("requestBody", {}).get("content", {}).values():
                unbounded += _unbounded(content["schema"], f"{method} {path} body")
    assert unbounded == []


@pytest.mark.parametrize("path", [f"{API}/breaks", f"{API}/me/security-log"])
@pytest.mark.parametrize("page", [10**18, 2**63, LAST_PAGE + 1, 0])
def test_a_page_number_past_the_documented_bound_is_422(alex_client, path, page):
    errors = assert_json(alex_client.get(path, {"page": page}), 422)["detail"]
    assert errors[0]["loc"] == ["query", "page"]


@pytest.mark.parametrize("path", [f"{API}/breaks", f"{API}/me/security-log"])
def test_the_last_page_documented_is_an_empty_page(alex_client, path):
    assert assert_json(alex_client.get(path, {"page": LAST_PAGE}), 200)["items"] == []


@pytest.mark.parametrize("when", [0, 1_900_000_000, "1900000000", "2030-05-01", "2030-05-01T18:30:00", True])
def test_a_time_to_talk_again_that_is_not_a_date_time_with_its_offset_is_422(alex_client, when):
    outcome = {"timing": "not_yet", "repair": "not_yet", "next_talk_at": when}
    response = alex_client.post(
        f"{API}/breaks/{uuid.uuid4()}/reconnection", {"outcome": outcome}, content_type="application/json"
    )
    errors = assert_json(response, 422)["detail"]
    assert errors[0]["loc"][:4] == ["body", "payload", "outcome", "next_talk_at"]


def _settings(client, quiet_from: object, quiet_until: object):
    body = {"push": "off", "email_reminders": False, "quiet_from": quiet_from, "quiet_until": quiet_until}
    return client.put(f"{API}/notifications/settings", body, content_type="application/json")


def _quiet_hours_schema() -> dict[str, Any]:
    body = operation("PUT", f"{API}/notifications/settings")["requestBody"]["content"]["application/json"]["schema"]
    return _resolve(_resolve(body)["properties"]["quiet_from"]["anyOf"][0])


@pytest.mark.parametrize("clock", ["00:00:00Z", "22:30+02:00", "24:00", "7:30", 1320])
def test_quiet_hours_with_a_zone_or_not_a_clock_time_are_refused_by_document_and_api_alike(alex_client, clock):
    assert not jsonschema_rs.is_valid(_quiet_hours_schema(), clock)
    assert assert_json(_settings(alex_client, clock, "07:00"), 422)["detail"][0]["loc"][:3] == [
        "body",
        "payload",
        "quiet_from",
    ]


@pytest.mark.parametrize("clock", ["00:00", "00:00:00", "23:59:59"])
def test_quiet_hours_on_ones_own_clock_are_accepted_by_document_and_api_alike(alex_client, clock):
    assert jsonschema_rs.is_valid(_quiet_hours_schema(), clock)
    assert assert_json(_settings(alex_client, clock, "07:00"), 200)["quiet_until"] == "07:00:00"


def test_a_null_name_or_zone_leaves_them_as_they_are(alex_client, alex):
    body = {"display_name": None, "time_zone": None}
    answer = assert_json(alex_client.patch(f"{API}/me", body, content_type="application/json"), 200)
    assert (answer["display_name"], answer["time_zone"]) == (alex.display_name, alex.time_zone)


@pytest.mark.parametrize(
    "body",
    [{"display_name": "   "}, {"display_name": "x" * 61}, {"display_name": 5}, {"time_zone": "Mars/Olympus"}],
)
def test_a_name_or_zone_the_document_refuses_is_422(alex_client, body):
    response = alex_client.patch(f"{API}/me", body, content_type="application/json")
    assert assert_json(response, 422)["detail"][0]["loc"][:3] == ["body", "payload", next(iter(body))]


# --- Integers: JSON Schema's, so 829.0 is one, and true, "829" and 829.5 are not -----------------------


def test_a_whole_number_written_with_a_zero_fraction_is_taken_wherever_an_integer_is_documented(alex_client, sam):
    body = {"extensions": 2.0, "presets": [20.0, 45], "words": "Take your time."}
    answer = assert_json(alex_client.post(f"{API}/agreement/proposals", body, content_type="application/json"), 201)
    assert (answer["terms"]["extensions"], answer["terms"]["presets"]) == (2, [20, 45])
    # In a URL every number is text: the text of 1.0 is one too, in a query string and in a path.
    events = assert_json(alex_client.get(f"{API}/events", {"limit": "1.0"}), 200)
    assert (len(events["events"]), events["more"]) == (1, True)
    assert assert_json(alex_client.get(f"{API}/breaks", {"page": "1.0", "page_size": "1e1"}), 200)["items"] == []
    mine = proposals.propose(sam, proposal(words="Tell me you will come back."))
    accepted = alex_client.post(f"{API}/agreement/proposals/{mine.version}.0/accept", content_type="application/json")
    assert assert_json(accepted, 200)["accepted_by"] == "Alex"


@pytest.mark.parametrize("value", [True, False, "2", 2.5, "two", [2], {"n": 2}])
def test_true_text_and_fractions_in_a_body_are_not_whole_numbers(alex_client, value):
    response = alex_client.post(f"{API}/agreement/proposals", {"extensions": value}, content_type="application/json")
    assert assert_json(response, 422)["detail"][0]["loc"][:3] == ["body", "payload", "extensions"]


@pytest.mark.parametrize("text", ["true", "2.5", "two", "", " 5", "5_0", "0x10", "+5"])
def test_text_in_a_url_that_is_not_a_whole_number_is_refused(alex_client, text):
    errors = assert_json(alex_client.get(f"{API}/events", {"limit": text}), 422)["detail"]
    assert errors[0]["loc"] == ["query", "limit"]


# --- What the document allows but the domain refuses is a 400 with its reason -----------------------


@pytest.mark.parametrize(
    ("quiet_from", "quiet_until", "reason"),
    [
        ("22:00", None, "both a start and an end"),
        (None, "07:00", "both a start and an end"),
        ("22:00", "22:00:00", "differ"),
    ],
)
def test_quiet_hours_the_document_allows_but_that_say_nothing_clear_are_a_documented_400(
    alex_client, alex, quiet_from, quiet_until, reason
):
    assert 400 in documented("PUT", f"{API}/notifications/settings")
    assert reason in assert_json(_settings(alex_client, quiet_from, quiet_until), 400)["detail"]
    assert not NotificationSettings.objects.filter(person=alex).exists()


# --- A name has something written in it, for the document exactly as for the API --------------------


def _name_schema() -> dict[str, Any]:
    body = operation("PATCH", f"{API}/me")["requestBody"]["content"]["application/json"]["schema"]
    return _resolve(_resolve(body)["properties"]["display_name"]["anyOf"][0])


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("\u200b\u200b", False),  # zero-width spaces
        ("\u0301", False),  # a mark with no letter to sit on
        ("\U000e0001\U000e0020", False),  # tags, beyond the first plane
        (" \u3164 \u2800", False),  # a Hangul filler and blank braille
        ("Zoë", True),
        ("e\u0301", True),
        ("\U0001f333", True),
    ],
)
def test_a_name_is_written_for_the_document_exactly_when_it_is_for_the_api(alex_client, name, written):
    assert jsonschema_rs.is_valid(_name_schema(), name) == written
    response = alex_client.patch(f"{API}/me", {"display_name": name}, content_type="application/json")
    assert response.status_code == (200 if written else 422)
