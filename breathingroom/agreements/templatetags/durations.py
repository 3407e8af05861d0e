"""Lengths and times the way a person says them: "2 hours", "tomorrow at 08:00"."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def minutes_label(n: int) -> str:
    if n >= 60 and n % 60 == 0:
        hours = n // 60
        return ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours}
    return ngettext("%(n)s minute", "%(n)s minutes", n) % {"n": n}


@register.filter
def clock(moment: datetime | None) -> str:
    """The time in the current zone, with the day when it is not today."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    today = timezone.localtime().date()
    time = local.strftime("%H:%M")
    if local.date() == today:
        return time
    if local.date() == today + timedelta(days=1):
        return _("tomorrow at %(time)s") % {"time": time}
    return _("%(day)s at %(time)s") % {"day": local.strftime("%A %-d %B"), "time": time}
