"""The only module that writes the security log: what happened, when, and on which kind of device."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from breathingroom.accounts.models import Person
from breathingroom.notify.devices import device_label
from breathingroom.security.models import DEVICE_LENGTH, KEEP_FOR, KnownDevice, SecurityEvent


def is_app(request: HttpRequest | None) -> bool:
    """Whether the request came through allauth's app API (a session token, no cookies)."""
    headless = getattr(getattr(request, "allauth", None), "headless", None)
    return getattr(headless, "client", None) == "app"


def describe_device(request: HttpRequest | None) -> str:
    """ "Chrome on Android", or "The app": enough to recognise one's own device, nothing more."""
    if request is None:
        return ""
    if is_app(request):
        return _("The app")
    return device_label(request.META.get("HTTP_USER_AGENT", ""))[:DEVICE_LENGTH]


def record(person: Person, kind: str, request: HttpRequest | None = None, device: str | None = None) -> SecurityEvent:
    return SecurityEvent.objects.create(
        person=person,
        kind=kind,
        at=timezone.now(),
        device=describe_device(request) if device is None else device[:DEVICE_LENGTH],
    )


def forget_old(now: datetime | None = None) -> None:
    cutoff = (now or timezone.now()) - KEEP_FOR
    SecurityEvent.objects.older_than(cutoff).delete()
    KnownDevice.objects.filter(last_signed_in_at__lt=cutoff).delete()
