from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from breathingroom.security import devices


class RememberDevice:
    """Hand a browser its device cookie on the response to a sign-in; the sign-in itself has no response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        devices.remember(request, response)
        return response


# Answers made for whoever holds an account, wherever they come from: the API, allauth's own
# pages and its API for apps (sign-in forms carry tokens, and every answer there may name a person).
ALWAYS_PRIVATE = ("/api/", "/_allauth/", "/accounts/")


class KeepNothingPrivate:
    """Tell every browser and proxy to keep no copy of anything made for a signed-in person.

    A phone is often borrowed, and its back button and disk cache would otherwise show unsent
    notes, the break or the security log to whoever holds it next. Static files never pass through
    here (WhiteNoise answers them first), and a public page that chose its own caching keeps it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or request.path.startswith(ALWAYS_PRIVATE):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        elif not response.has_header("Cache-Control"):
            # Pages made for nobody in particular still carry a form's token or the quick exit's
            # state; there is nothing here worth the risk of a stale copy.
            patch_cache_control(response, no_cache=True)
        return response
