"""Under /api/ and allauth's app API, whatever goes wrong, the answer is JSON in that API's own shape."""

from __future__ import annotations

import json

from django.http import HttpResponse, HttpResponseServerError
from django.test import Client, RequestFactory

from breathingroom.api.middleware import JsonErrorsForApi


def answer_with(response: HttpResponse):
    return JsonErrorsForApi(lambda request: response)


def test_an_html_error_under_the_api_becomes_json():
    middleware = answer_with(HttpResponseServerError("<h1>Server Error</h1>"))
    response = middleware(RequestFactory().get("/api/v1/me"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.content == b'{"detail": "Internal Server Error"}'


def test_pages_outside_the_api_keep_their_html():
    middleware = answer_with(HttpResponseServerError("<h1>Server Error</h1>"))
    response = middleware(RequestFactory().get("/settings/"))
    assert response.content == b"<h1>Server Error</h1>"


def test_a_405_keeps_its_allow_header():
    not_allowed = HttpResponse(status=405)
    not_allowed["Allow"] = "GET, PATCH"
    response = answer_with(not_allowed)(RequestFactory().put("/api/v1/me"))
    assert response.status_code == 405
    assert response["Allow"] == "GET, PATCH"
    assert response.content == b'{"detail": "Method Not Allowed"}'


def test_successful_api_answers_pass_untouched():
    ok = HttpResponse(b"{}", content_type="application/json")
    assert answer_with(ok)(RequestFactory().get("/api/v1/me")) is ok


def test_an_html_error_under_allauths_app_api_becomes_its_own_error_shape():
    middleware = answer_with(HttpResponseServerError("<h1>Server Error</h1>"))
    response = middleware(RequestFactory().post("/_allauth/app/v1/auth/signup"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["status"] == 500
    [error] = body["errors"]
    assert error["code"] == "internal_server_error"
    assert "Please try again" in error["message"]


def test_an_unknown_path_under_allauths_app_api_answers_json(db):
    response = Client().get("/_allauth/app/v1/no/such/thing")
    assert response.status_code == 404
    assert response.json() == {"status": 404, "errors": [{"code": "not_found", "message": "Not Found"}]}


def test_allauths_own_json_answers_pass_untouched(db):
    response = Client().get("/_allauth/app/v1/auth/session")
    assert response.status_code == 401
    assert response.json()["status"] == 401
    assert "errors" not in response.json()
