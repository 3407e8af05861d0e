"""Quiet hours: a daily window on a person's own clock, which may run past midnight."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from breathingroom.refusals import Refused


class UnclearQuietHours(Refused):
    status = 400
    message = _("Give quiet hours both a start and an end, or leave both empty.")


def check(start: time | None, end: time | None) -> None:
    """Refuse quiet hours that say nothing clear: one end without the other, or two equal ends."""
    if (start is None) != (end is None):
        raise UnclearQuietHours
    if start is not None and start == end:
        raise UnclearQuietHours(_("Quiet hours need a start and an end that differ."))


def within(moment: time, start: time, end: time) -> bool:
    """Whether the wall-clock time ``moment`` falls in the window from ``start`` up to ``end``.

    A window whose end is earlier than its start runs over midnight (22:00 to 07:00). A window that
    starts and ends at the same time is empty: :func:`check` refuses it, and it must never silence a day.
    """
    if start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def is_quiet(now: datetime, zone: ZoneInfo, start: time | None, end: time | None) -> bool:
    """Whether ``now`` (aware) falls in the quiet window, read on the clock of ``zone``."""
    if start is None or end is None:
        return False
    return within(now.astimezone(zone).time().replace(tzinfo=None), start, end)
