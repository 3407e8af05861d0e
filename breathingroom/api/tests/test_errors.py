"""Under /api/, whatever goes wrong, the answer is JSON."""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseServerError
from django.test import RequestFactory

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
