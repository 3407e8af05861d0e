"""Lengths of time said one way everywhere: "45 minutes", "1 hour 30 minutes", "24 hours".

Pages, emails, push texts, the API's messages and the agreement's choices all say a length through
:func:`minutes_label`, so a person never meets "90 min" on one screen and "1 hour 30 minutes" on the
next, or has to work out whether "120 minutes" is longer than "1 hour".
"""

from __future__ import annotations

import math
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def minutes_label(n: int) -> str:
    """Minutes below an hour, whole hours above, and hours with minutes in between."""
    hours, rest = divmod(int(n), 60)
    in_minutes = ngettext("%(n)s minute", "%(n)s minutes", rest) % {"n": rest}
    if not hours:
        return in_minutes
    in_hours = ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours}
    if not rest:
        return in_hours
    return _("%(hours)s %(minutes)s") % {"hours": in_hours, "minutes": in_minutes}


def minutes_left(moment: datetime, now: datetime | None = None) -> int:
    """Whole minutes from now until ``moment``, counted up: "1 minute" until the moment has come."""
    seconds = (moment - (now or timezone.now())).total_seconds()
    return max(math.ceil(seconds / 60), 0)
