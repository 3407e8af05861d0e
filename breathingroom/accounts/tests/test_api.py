"""GET /api/v1/me and what holds for the whole JSON API: its error shape and its OpenAPI document."""

from __future__ import annotations

import pytest
from django.test import Client

from breathingroom.accounts.models import Person
from breathingroom.conftest import assert_json

API = "/api/v1"
ME = f"{API}/me"

# Every operation the API offers, as the OpenAPI document must list it.
OPERATIONS = {
    ("get", f"{API}/me"),
    ("patch", f"{API}/me"),
    ("delete", f"{API}/me"),
    ("post", f"{API}/me/export"),
    ("get", f"{API}/me/export"),
    ("get", f"{API}/me/export/{{export_id}}"),
    ("get", f"{API}/me/export/{{export_id}}/download"),
    ("get", f"{API}/couple"),
    ("post", f"{API}/couple/invitations"),
    ("get", f"{API}/couple/invitations/current"),
    ("delete", f"{API}/couple/invitations/{{code}}"),
    ("post", f"{API}/couple/join"),
    ("delete", f"{API}/couple/membership"),
}


# --- /me ------------------------------------------------------------------------------------


def test_me_returns_the_signed_in_person(alex, alex_client):
    body = assert_json(alex_client.get(ME), 200)
    assert body == {
        "id": str(alex.public_id),
        "email": "alex@example.com",
        "display_name": "Alex",
        "time_zone": "Europe/London",
        "language": "",
        "resting_heart_rate": None,
    }


def test_me_is_the_caller_not_someone_else(robin_client, jo_client):
    assert assert_json(robin_client.get(ME), 200)["email"] == "robin@example.com"
    assert assert_json(jo_client.get(ME), 200)["email"] == "jo@example.com"


def test_me_shows_a_changed_profile(jo, jo_client):
    Person.objects.filter(pk=jo.pk).update(display_name="Johanna", time_zone="Pacific/Auckland")
    body = assert_json(jo_client.get(ME), 200)
    assert body["display_name"] == "Johanna"
    assert body["time_zone"] == "Pacific/Auckland"


def test_me_does_not_expose_the_password_or_the_row_number(jo, jo_client):
    body = assert_json(jo_client.get(ME), 200)
    assert set(body) == {"id", "email", "display_name", "time_zone", "language", "resting_heart_rate"}
    assert body["id"] != str(jo.pk)


def test_me_for_anonymous_is_401_json(db):
    body = assert_json(Client().get(ME), 401)
    assert body == {"detail": "Unauthorized"}


def test_me_after_logout_is_401_json(jo_client):
    jo_client.logout()
    assert_json(jo_client.get(ME), 401)


def test_me_for_a_deactivated_person_is_401_json(jo, jo_client):
    Person.objects.filter(pk=jo.pk).update(is_active=False)
    assert_json(jo_client.get(ME), 401)


@pytest.mark.parametrize("method", ["put", "post"])
def test_me_with_the_wrong_method_is_405_json(jo_client, method):
    response = getattr(jo_client, method)(ME)
    assert assert_json(response, 405) == {"detail": "Method Not Allowed"}
    assert {m.strip() for m in response["Allow"].split(",")} == {"GET", "PATCH", "DELETE"}


def test_wrong_method_is_405_even_for_anonymous(db):
    assert_json(Client().put(ME), 405)


# --- The API as a whole ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        f"{API}/nothing-here",
        f"{API}/me/",
        f"{API}/v2/me",
        f"{API}/couple/invitations/ABCD-EFGH/extra",
        "/api/",
    ],
)
@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_unknown_url_under_the_api_is_404_json(jo_client, path, method):
    assert assert_json(getattr(jo_client, method)(path), 404) == {"detail": "Not Found"}


def test_unknown_url_under_the_api_is_404_json_for_anonymous_too(db):
    assert_json(Client().get(f"{API}/nothing-here"), 404)


def test_pages_outside_the_api_still_answer_html(db):
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


# --- OpenAPI document and docs ----------------------------------------------------------------


@pytest.fixture
def openapi(db) -> dict:
    return assert_json(Client().get(f"{API}/openapi.json"), 200)


def test_openapi_document_lists_every_operation(openapi):
    listed = {
        (method, path)
        for path, operations in openapi["paths"].items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    }
    assert listed >= OPERATIONS


def test_openapi_document_requires_the_session_token_or_browser_session_everywhere(openapi):
    schemes = openapi["components"]["securitySchemes"]
    assert {"type": "apiKey", "in": "cookie", "name": "sessionid"} in schemes.values()
    token_schemes = [name for name, scheme in schemes.items() if "Token" in name]
    assert token_schemes
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            required = {name for requirement in operation["security"] for name in requirement}
            assert required == set(schemes), (method, path)


def test_openapi_document_declares_the_x_session_token_header(openapi):
    schemes = openapi["components"]["securitySchemes"].values()
    assert {"type": "apiKey", "in": "header", "name": "X-Session-Token"} in schemes


def test_openapi_document_describes_errors_as_detail_objects(openapi):
    detail = openapi["components"]["schemas"]["Detail"]
    assert detail["required"] == ["detail"]
    join = openapi["paths"][f"{API}/couple/join"]["post"]
    assert {"201", "400", "401", "404", "409", "429"} <= set(join["responses"])
    assert join["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/JoinIn")


def test_api_docs_page_is_html(db):
    response = Client().get(f"{API}/docs")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b"/api/v1/openapi.json" in response.content
