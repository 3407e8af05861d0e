"""Lengths and times the way a person says them: "2 hours", "tomorrow at 08:00"."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from breathingroom import durations

register = template.Library()

register.filter("minutes_label", durations.minutes_label)


@register.filter
def time_left(moment: datetime | None) -> str:
    """How long until ``moment``, as :func:`durations.minutes_label` says it."""
    return durations.minutes_label(durations.minutes_left(moment)) if moment is not None else ""


@register.filter
def clock(moment: datetime | None) -> str:
    """The time in the current zone, with the day when it is not today."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    today = timezone.localtime().date()
    time = time_format(local, "CLOCK_FORMAT")
    if local.date() == today:
        return time
    if local.date() == today + timedelta(days=1):
        return _("tomorrow at %(time)s") % {"time": time}
    return _("%(day)s at %(time)s") % {"day": date_format(local, "WEEKDAY_DAY_MONTH_FORMAT"), "time": time}
