from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from breathingroom.security import devices


class RememberDevice:
    """Hand a browser its device cookie on the response to a sign-in; the sign-in itself has no response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        devices.remember(request, response)
        return response
