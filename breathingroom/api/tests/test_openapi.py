"""What ninja refuses before a view runs is in every operation's document, in the shape it has."""

from __future__ import annotations

import pytest
from django.test import Client

from breathingroom.api.tests.documented import assert_documented, document, documented, schema_name
from breathingroom.conftest import assert_json

API = "/api/v1"


def field_errors(body: dict) -> list[dict]:
    assert isinstance(body["detail"], list), body
    for error in body["detail"]:
        assert isinstance(error["loc"], list), error
        assert isinstance(error["msg"], str), error
    return body["detail"]


def test_every_operation_that_needs_signing_in_documents_its_401():
    for path, item in document()["paths"].items():
        for method, operation in item.items():
            if operation.get("security"):
                assert 401 in documented(method, path), (method, path)


def test_an_anonymous_call_gets_the_documented_401(db):
    # GET /me once documented only its 200.
    response = Client().get(f"{API}/me")
    assert_json(response, 401)
    assert_documented(response, "GET", f"{API}/me")
    assert schema_name("GET", f"{API}/me", 401) == "Detail"


def test_a_missing_body_is_a_documented_422_listing_the_field(alex_client):
    response = alex_client.post(f"{API}/couple/join", "", content_type="application/json")
    errors = field_errors(assert_json(response, 422))
    assert errors[0]["loc"] == ["body", "payload"]
    assert_documented(response, "POST", f"{API}/couple/join")
    assert schema_name("POST", f"{API}/couple/join", 422) == "ValidationErrors"


def test_a_body_that_is_not_json_is_a_documented_400(alex_client):
    response = alex_client.patch(f"{API}/me", "\x00", content_type="application/json")
    assert assert_json(response, 400)["detail"] == "Cannot parse request body"
    assert_documented(response, "PATCH", f"{API}/me")


@pytest.mark.parametrize(
    ("path", "query"),
    [(f"{API}/events", "limit=many"), (f"{API}/breaks", "page_size=AAA")],
)
def test_a_query_of_the_wrong_kind_is_a_documented_422_listing_the_field(alex_client, path, query):
    # /events once documented its 422 as a single message, though it is a list of fields.
    response = alex_client.get(f"{path}?{query}")
    errors = field_errors(assert_json(response, 422))
    assert errors[0]["loc"][0] == "query"
    assert_documented(response, "GET", path)
    assert schema_name("GET", path, 422) == "ValidationErrors"


@pytest.mark.parametrize(
    ("method", "path", "template"),
    [
        ("post", f"{API}/agreement/proposals/one/accept", f"{API}/agreement/proposals/{{version}}/accept"),
        ("delete", f"{API}/notifications/subscriptions/one", f"{API}/notifications/subscriptions/{{subscription_id}}"),
    ],
)
def test_a_path_id_of_the_wrong_kind_is_a_documented_422(alex_client, method, path, template):
    response = getattr(alex_client, method)(path, "{}", content_type="application/json")
    assert field_errors(assert_json(response, 422))[0]["loc"][0] == "path"
    assert_documented(response, method, template)
