"""What a closed page is told when a partner makes a report: that they did, never what it holds.

A notice reaches a lock screen, so it carries only the partner's name and a link. It is decided when
it is sent: a report deleted by then, or a couple that ended, is no news.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from breathingroom.accounts.models import Person
from breathingroom.events.models import Event
from breathingroom.notify.notices import NEWS_LIFETIME, Notice, says
from breathingroom.refusals import Refused
from breathingroom.reports import making


@says(making.MADE)
def report_made(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    try:
        report = making.find(recipient, str(data.get("report")))
    except Refused:
        return None
    if report.made_by is None or report.made_by.pk == recipient.pk:
        return None
    return Notice(
        title=_("%(name)s made a report to take to a session") % {"name": report.made_by.display_name},
        body=_("It holds only what the two of you chose to let in. Open it whenever you like."),
        url=reverse("reports:report", args=[report.pk]),
        tag=f"report-{report.pk}",
        expires_at=event.at + NEWS_LIFETIME,
    )
