from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from breathingroom.accounts import languages


class PersonTimeZoneMiddleware:
    """Show every time in the signed-in person's own zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            timezone.activate(user.zone)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            # The thread serves someone else next; they must not inherit this person's zone.
            timezone.deactivate()


class PersonLanguageMiddleware:
    """A language chosen in settings wins over the browser's on every page; otherwise the browser decides.

    LocaleMiddleware, earlier, has already taken up the browser's language; the person is known only now.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            languages.take_up(request, user)
        return self.get_response(request)
