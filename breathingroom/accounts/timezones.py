"""The time zones a person may choose, as IANA names."""

from __future__ import annotations

import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@cache
def choices() -> list[tuple[str, str]]:
    names = sorted(
        name
        for name in zoneinfo.available_timezones()
        # Legacy aliases ("EST5EDT", "Etc/GMT+3") confuse more than they help.
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/"))
    )
    return [("UTC", "UTC"), *((name, name.replace("_", " ")) for name in names)]


def validate(value: str) -> None:
    if value not in dict(choices()):
        raise ValidationError(_("Choose a time zone from the list."), code="invalid_time_zone")
