from __future__ import annotations

from allauth.headless.contrib.ninja.security import XSessionTokenAuth
from django.http import HttpRequest
from ninja.security import SessionAuth


class SessionTokenAuth(XSessionTokenAuth):
    """allauth's app session token (``X-Session-Token``), for phones and other API clients."""

    def __call__(self, request: HttpRequest):
        person = super().__call__(request)
        if person is not None:
            # Domain code and templates read request.user, whichever way the caller signed in.
            request.user = person
        return person


class BrowserSessionAuth(SessionAuth):
    """The browser's own login cookie, with Django's CSRF check on unsafe methods."""

    def authenticate(self, request: HttpRequest, key: str | None):
        if request.user.is_authenticated and request.user.is_active:
            return request.user
        return None


auth = [SessionTokenAuth(), BrowserSessionAuth()]
