"""A break's time to reconnect as a calendar file (.ics), for either partner to add to their calendar.

A calendar is often synced to a service outside the couple's hands (Google, Apple, an employer's
Exchange), so the file holds only what such a service may safely learn: a time, calm words and a link
back. Never a reassurance, a partner's name or who took space.

Each break is one event with a stable UID, and so is the time a couple chose to talk again after a
"not yet". Importing the file again after the time moved updates the event instead of adding a
second one, because every change that can move the time raises SEQUENCE.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from breathingroom.breaks.models import Break, TalkAgain

MEDIA_TYPE = "text/calendar; charset=utf-8"
FILENAME = "reconnect.ics"
# Long enough to put on a calendar and be seen there; the ritual itself takes as long as it takes.
RECONNECTION_LENGTH = timedelta(minutes=15)


def uid(brk: Break) -> str:
    return f"break-{brk.id}@{urlsplit(settings.SITE_URL).hostname}"


def cancelled(brk: Break) -> bool:
    """Everyone came back before the agreed time, so the event at that time will not happen.

    A break that ran to its time keeps its event as it was: it happened, and is still worth seeing.
    """
    return brk.ended_early_at is not None


def sequence(brk: Break) -> int:
    """How many times the event may have changed since the break started.

    Extending a break and a partner taking space too can each move the time later; cancelling is
    the last change there can be.
    """
    joined = max(len(brk.taker_list) - 1, 0)
    return brk.extensions_used + joined + int(cancelled(brk))


def reconnection_url(brk: Break) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("breaks:reconnect", args=[brk.id])


def for_break(brk: Break, now: datetime | None = None) -> Calendar:
    """The calendar with the one event: the time this break's partners agreed to come back."""
    return _with_one_event(
        uid=uid(brk),
        sequence=sequence(brk),
        start=brk.returns_at,
        summary=_("Time to reconnect"),
        description=_("The time you agreed to come back together. Start here: %(url)s"),
        link=reconnection_url(brk),
        cancelled=cancelled(brk),
        now=now,
    )


def for_talk_again(talk: TalkAgain, now: datetime | None = None) -> Calendar:
    """After a "not yet": the time both chose to talk again, as its own event beside the break's.

    It moves as the break's does: the same UID each time, and a higher SEQUENCE whenever the time moves.
    """
    brk = talk.reconnection.brk
    return _with_one_event(
        uid=f"talk-again-{brk.id}@{urlsplit(settings.SITE_URL).hostname}",
        sequence=talk.sequence,
        start=talk.at,
        summary=_("Time to talk again"),
        description=_("The time you chose to come back to what was not settled yet. Start here: %(url)s"),
        link=settings.SITE_URL.rstrip("/") + reverse("breaks:talk_again", args=[brk.id]),
        cancelled=False,
        now=now,
    )


def _with_one_event(
    *,
    uid: str,
    sequence: int,
    start: datetime,
    summary: str,
    description: str,
    link: str,
    cancelled: bool,
    now: datetime | None,
) -> Calendar:
    now = now or timezone.now()
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", start.astimezone(UTC).replace(microsecond=0))
    event.add("duration", RECONNECTION_LENGTH)
    event.add("summary", summary)
    event.add("description", description % {"url": link})
    event.add("url", link)
    # A hint to shared and delegated calendars to show the time as busy and nothing more.
    event.add("class", "PRIVATE")
    if cancelled:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", timedelta(0))
        event.add_component(alarm)
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Time to reconnect//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return calendar


def response(brk: Break) -> HttpResponse:
    """The file, for the page and the API alike: downloaded, and never kept by a cache on the way."""
    return _file(for_break(brk), FILENAME)


def talk_again_response(talk: TalkAgain) -> HttpResponse:
    return _file(for_talk_again(talk), "talk-again.ics")


def _file(calendar: Calendar, filename: str) -> HttpResponse:
    answer = HttpResponse(calendar.to_ical(), content_type=MEDIA_TYPE)
    answer["Content-Disposition"] = f'attachment; filename="{filename}"'
    answer["Cache-Control"] = "no-store"
    return answer
