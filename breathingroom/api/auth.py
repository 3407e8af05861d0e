from __future__ import annotations

from allauth.headless.contrib.ninja.security import XSessionTokenAuth
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import SessionAuth

from breathingroom.accounts import languages
from breathingroom.accounts.models import Person


class SessionTokenAuth(XSessionTokenAuth):
    """allauth's app session token (``X-Session-Token``), for phones and other API clients."""

    openapi_in = "header"
    openapi_name = "X-Session-Token"

    def __call__(self, request: HttpRequest):
        person = super().__call__(request)
        if person is not None:
            # Domain code and templates read request.user, whichever way the caller signed in, and
            # times read in the person's own zone and words in their language, as they are for the browser.
            request.user = person
            timezone.activate(person.zone)
            languages.take_up(request, person)
        return person


class BrowserSessionAuth(SessionAuth):
    """The browser's own login cookie, with Django's CSRF check on unsafe methods."""

    def __call__(self, request: HttpRequest):
        # Without a signed-in browser there is nothing to protect from forgery: answer 401 (sign
        # in), not the 403 of a failed CSRF check, so a phone with an expired token knows what to do.
        if not (request.user.is_authenticated and request.user.is_active):
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key: str | None):
        return request.user


by_token = SessionTokenAuth()
auth = [by_token, BrowserSessionAuth()]


def signed_in(request: HttpRequest) -> Person | None:
    """Who the API would take a request to be from, asked before the API does (for a kept answer)."""
    if request.headers.get("X-Session-Token"):
        person = by_token(request)
    else:
        person = request.user if request.user.is_authenticated else None
    return person if isinstance(person, Person) and person.is_active else None
