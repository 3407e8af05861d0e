"""Refuse to start with VAPID keys that cannot work, rather than fail at the first notification."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured

from breathingroom.notify import vapid


@register()
def vapid_keys(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    # Only keys given in the environment: generated ones are made on first use, not by every command.
    if not (settings.VAPID_PRIVATE_KEY or settings.VAPID_PUBLIC_KEY):
        return []
    try:
        vapid.keys()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="notify.E001")]
    return []
