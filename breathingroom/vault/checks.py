"""Refuse to start with encryption keys that cannot work, rather than fail at the first private note."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured

from breathingroom.vault import keys


@register()
def encryption_keys(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    # The generated key is made on first use, not by every command; one already made is checked too.
    if not settings.ENCRYPTION_KEYS and not (settings.VAR_DIR / keys.KEY_FILE).exists():
        return []
    try:
        keys.keyring()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="vault.E001")]
    return []
