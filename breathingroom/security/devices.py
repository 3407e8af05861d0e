"""Telling a device someone signed in on before from a new one.

A browser carries a random id in a signed, long-lived, HttpOnly cookie, given at its first sign-in.
An app has no cookies: it may send its own random id in the ``X-Device-Id`` header with its login
(made once and kept, at least 16 letters, digits, ``-`` or ``_``); without one, every login of the app
counts as a new device. Only a hash of an id is stored, per person, so two people sharing a browser
each have their own record of it.

A person's very first sign-in (the one right after signing up) is not "new": there is nothing yet to
compare it with.
"""

from __future__ import annotations

import hashlib
import re
import secrets

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from breathingroom.accounts.models import Person
from breathingroom.security import log
from breathingroom.security.models import KEEP_FOR, Kind, KnownDevice
from breathingroom.security.notices import tell_of_new_device

COOKIE = "br_device"
COOKIE_SALT = "breathingroom.security.device"
HEADER = "X-Device-Id"
_APP_DEVICE_ID = re.compile(r"^[A-Za-z0-9_-]{16,128}$")
_TO_REMEMBER = "_security_device_to_remember"


def fingerprint(device_id: str) -> str:
    return hashlib.sha256(device_id.encode()).hexdigest()


def presented_id(request: HttpRequest) -> str | None:
    if log.is_app(request):
        value = request.headers.get(HEADER, "")
        return value if _APP_DEVICE_ID.match(value) else None
    try:
        return request.get_signed_cookie(COOKIE, default=None, salt=COOKIE_SALT, max_age=KEEP_FOR)
    except signing.BadSignature:
        return None


@transaction.atomic
def signed_in(request: HttpRequest, person: Person) -> bool:
    """Record a sign-in; if it came from a device new to this person, have them emailed. Answers whether it did.

    The email's task is queued with the log line it tells of, in one transaction: both are kept, or neither.
    """
    now = timezone.now()
    device_id = presented_id(request)
    known = KnownDevice.objects.filter(person=person)
    is_new = known.exists() and (device_id is None or not known.filter(fingerprint=fingerprint(device_id)).exists())
    event = log.record(person, Kind.SIGNED_IN, request)
    device_id = device_id or secrets.token_urlsafe(24)
    KnownDevice.objects.update_or_create(
        person=person,
        fingerprint=fingerprint(device_id),
        defaults={"last_signed_in_at": now},
        create_defaults={"first_signed_in_at": now, "last_signed_in_at": now},
    )
    if not log.is_app(request):
        setattr(request, _TO_REMEMBER, device_id)
    if is_new:
        tell_of_new_device.enqueue(event.pk)
    return is_new


def remember(request: HttpRequest, response: HttpResponse) -> None:
    """Give the browser its id (again, so the year starts over) after a sign-in."""
    device_id = getattr(request, _TO_REMEMBER, None)
    if device_id is None:
        return
    response.set_signed_cookie(
        COOKIE,
        device_id,
        salt=COOKIE_SALT,
        max_age=int(KEEP_FOR.total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
