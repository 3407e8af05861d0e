"""Django's and allauth's ways of signing in, with the person read on every request by a query written once.

A session names the way its person signed in (``_auth_user_backend``), and every request asks that
way for the person (``get_user``): Django's and allauth's build the query afresh each time, which cost
as much as the rest of a kept page (``breathingroom.rows``). Checking a password, an email address or
a passkey is theirs, unchanged.
"""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend

from breathingroom.accounts.models import Person
from breathingroom.rows import Row

_PERSON = Row(Person, "pk")


def _person(backend: ModelBackend, user_id: Any) -> Person | None:
    person = _PERSON.get(user_id)
    return person if person is not None and backend.user_can_authenticate(person) else None


class PasswordBackend(ModelBackend):
    """Django's: a password with the email address as the username (the admin's sign-in)."""

    def get_user(self, user_id: Any) -> Person | None:
        return _person(self, user_id)


class AccountBackend(AuthenticationBackend):
    """allauth's: every sign-in through its pages and its API for apps."""

    def get_user(self, user_id: Any) -> Person | None:
        return _person(self, user_id)
