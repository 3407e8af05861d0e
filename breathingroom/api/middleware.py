from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _


class JsonErrorsForApi:
    """Under /api/ and allauth's app API (/_allauth/), every error is JSON, never an HTML page.

    Django answers some errors before the API sees the request (an unknown path, a wrong method,
    a CSRF failure) or instead of it (an unexpected error); this turns those into each API's own
    shape: ``{"detail": …}`` for ours, and allauth's ``{"status": …, "errors": [{"code", "message"}]}``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code < 400 or response.get("Content-Type", "").startswith("application/json"):
            return response
        status = HTTPStatus(response.status_code)
        if request.path.startswith("/api/"):
            body: dict[str, object] = {"detail": status.phrase}
        elif request.path.startswith("/_allauth/"):
            message = _("Something went wrong on our side. Please try again in a little while.")
            error = {"code": status.name.lower(), "message": message if status >= 500 else status.phrase}
            body = {"status": status.value, "errors": [error]}
        else:
            return response
        json = JsonResponse(body, status=status)
        if response.has_header("Allow"):
            json["Allow"] = response["Allow"]
        return json
