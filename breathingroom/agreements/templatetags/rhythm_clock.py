"""A rhythm time as the reader's own clock shows it, when the rhythm keeps another."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.formats import time_format

from breathingroom.agreements.rhythm import RhythmTime, zone_of

register = template.Library()


@register.simple_tag
def own_clock(time: RhythmTime, zone: str) -> str:
    """The time of day the next moment of ``time`` falls at in the current zone (the reader's own)."""
    return time_format(timezone.localtime(time.next_at(zone_of(zone), timezone.now())), "CLOCK_FORMAT")
