"""The time a page shows, worked out the way the page does it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone, translation

from breathingroom.agreements.templatetags.durations import clock


def as_shown(moment: datetime, zone: str | ZoneInfo, language: str = "en") -> str:
    """What the ``clock`` filter shows for ``moment`` in ``zone``: the page names the day when it is not today."""
    with timezone.override(ZoneInfo(zone) if isinstance(zone, str) else zone), translation.override(language):
        return clock(moment)
