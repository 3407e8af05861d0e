"""What a phone whose page is closed is told of an event: a notice, in the recipient's own words and clock.

No one is told of their own step: the person who took space, extended, proposed, joined or left
gets no notice of it. Who acted is read from the records themselves (the break's takers, the
agreement's proposer, the invitation, the couple's end, or the public id an event carries when
nothing records who acted), never from names, which two people may share.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from breathingroom.accounts.models import Person
from breathingroom.agreements.models import Agreement, RhythmOccurrence
from breathingroom.breaks.models import Break, Extension, Step, TalkAgain, with_takers
from breathingroom.couples.models import Couple, Invitation, with_partners
from breathingroom.events.models import Event

# The moment itself and the lateness after it matter for about an hour; news of the couple for a day.
CALL_LIFETIME = timedelta(hours=1)
NEWS_LIFETIME = timedelta(days=1)
# A notice always gets at least this long to reach a phone, even right before its moment.
SHORTEST_LIFETIME = timedelta(minutes=1)


@dataclass(frozen=True)
class Notice:
    title: str
    body: str
    url: str  # a path on this site
    # Notices with the same tag replace each other on the phone, so a break shows as one.
    tag: str
    expires_at: datetime
    urgent: bool = False

    def payload(self) -> dict[str, str]:
        return {"title": self.title, "body": self.body, "url": self.url, "tag": self.tag}

    def is_stale(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.expires_at


def notice_for(event: Event, recipient: Person) -> Notice | None:
    """What ``recipient`` is told of ``event``, or None when they need not be (or acted themselves)."""
    say = _SAYINGS.get(event.type)
    if say is None:
        return None
    # In the recipient's language, whoever's request or worker is running: a push is read on their phone.
    with translation.override(recipient.speaks):
        return say(event, recipient, event.data)


def _clock(moment: datetime, person: Person, now: datetime) -> str:
    """ "at 18:30", or "tomorrow at 08:00", on the person's own clock."""
    local, today = timezone.localtime(moment, person.zone), timezone.localtime(now, person.zone).date()
    time = time_format(local, "CLOCK_FORMAT")
    if local.date() == today:
        return _("at %(time)s") % {"time": time}
    if local.date() == today + timedelta(days=1):
        return _("tomorrow at %(time)s") % {"time": time}
    return _("on %(day)s at %(time)s") % {"day": date_format(local, "DAY_MON_FORMAT"), "time": time}


def _id(value: object) -> UUID | None:
    try:
        return UUID(str(value))
    except ValueError:
        return None


def _break_on(data: dict[str, Any]) -> Break | None:
    """The event's break, while it is still on: news of a break that is over is no news."""
    brk = _break(data)
    return brk if brk is not None and brk.is_on() else None


def _break(data: dict[str, Any]) -> Break | None:
    break_id = _id(data.get("break"))
    if break_id is None:
        return None
    return Break.objects.filter(pk=break_id).prefetch_related(with_takers()).first()


def _couple(data: dict[str, Any]) -> Couple | None:
    couple_id = _id(data.get("couple"))
    if couple_id is None:
        return None
    return Couple.objects.filter(pk=couple_id).select_related("ended_by").prefetch_related(with_partners()).first()


def _until_return(brk: Break, event: Event) -> datetime:
    return max(brk.returns_at, event.at + SHORTEST_LIFETIME)


def _break_started(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    brk = _break_on(data)
    if brk is None or not brk.taker_list:
        return None
    # The first taker started it; "take space too" adds the second, who is then the one acting.
    actor = brk.taker_list[-1] if "joined" in data else brk.taker_list[0]
    if actor.person_id == recipient.pk:
        return None
    when = _clock(brk.returns_at, recipient, event.at)
    name = actor.person.display_name
    if "joined" in data:
        title = _("%(name)s is taking some space too") % {"name": name}
        body = _("“%(reassurance)s” You both come back %(when)s.")
    else:
        title = _("%(name)s is taking some space") % {"name": name}
        body = _("“%(reassurance)s” Back %(when)s.")
    return Notice(
        title=title,
        body=body % {"reassurance": actor.reassurance, "when": when},
        url=reverse("home"),
        tag=f"break-{brk.id}",
        expires_at=_until_return(brk, event),
    )


def _break_extended(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    brk = _break_on(data)
    # "ready" (one of two on the break is ready to talk) is news for an open page, not a phone.
    if brk is None or "by" not in data:
        return None
    extension = Extension.objects.filter(brk=brk, created_at__lte=event.at).order_by("-created_at", "-pk").first()
    if extension is None or extension.person_id == recipient.pk:
        return None
    taker = brk.taker(extension.person)
    name = taker.person.display_name if taker else str(data["by"])
    return Notice(
        title=_("%(name)s needs a little more time") % {"name": name},
        body=_("“%(reassurance)s” Back %(when)s.")
        % {"reassurance": extension.reassurance, "when": _clock(brk.returns_at, recipient, event.at)},
        url=reverse("home"),
        tag=f"break-{brk.id}",
        expires_at=_until_return(brk, event),
    )


def _thinking_of_you(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    brk = _break_on(data)
    if brk is None or brk.taker(recipient) is None:
        return None
    return Notice(
        title=_("%(name)s is thinking of you") % {"name": data.get("from", "")},
        body=_("No reply is needed. Take the time you need."),
        url=reverse("home"),
        tag=f"thinking-{brk.id}",
        expires_at=_until_return(brk, event),
    )


def _reconnection_due(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    brk = _break(data)
    if brk is None:
        return None
    return Notice(
        title=_("Time to come back together"),
        body=_("It is the time you agreed (%(time)s). Open your reconnection when you are ready.")
        % {"time": time_format(timezone.localtime(brk.returns_at, recipient.zone), "CLOCK_FORMAT")},
        url=reverse("breaks:reconnect", args=[brk.id]),
        tag=f"break-{brk.id}",
        expires_at=event.at + CALL_LIFETIME,
        urgent=True,
    )


def _talk_again(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    brk = _break(data)
    talk = TalkAgain.objects.filter(reconnection__brk=brk, talked_at__isnull=True).first() if brk else None
    # Moved or talked about since the call was said: that call no longer stands.
    if brk is None or talk is None or talk.at.isoformat() != data.get("at"):
        return None
    return Notice(
        title=_("Time to talk again"),
        body=_("You chose this time (%(time)s) to come back to what was not settled yet. Go gently.")
        % {"time": time_format(timezone.localtime(talk.at, recipient.zone), "CLOCK_FORMAT")},
        url=reverse("breaks:talk_again", args=[brk.id]),
        tag=f"talk-again-{brk.id}",
        expires_at=event.at + CALL_LIFETIME,
        urgent=True,
    )


def _overdue(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    brk = _break(data)
    if brk is None:
        return None
    time = time_format(timezone.localtime(brk.returns_at, recipient.zone), "CLOCK_FORMAT")
    mine = brk.taker(recipient)
    late = [t.person.display_name for t in brk.taker_list if t.back_at is None and t.person_id != recipient.pk]
    if mine is not None and mine.back_at is None:
        # Named, as every notice names who it is about; a partner who left the couple has no name here.
        partner = brk.couple.partner_of(recipient)
        waiting = partner.display_name if partner is not None else _("Your partner")
        title = _("%(name)s is waiting for you") % {"name": waiting}
        body = _("You agreed to come back at %(time)s. When you are ready, come back gently.") % {"time": time}
    elif late:
        title = _("%(name)s is not back yet") % {"name": " & ".join(late)}
        body = _(
            "You agreed on %(time)s. They may need a few more minutes; the calming tools are here while you wait."
        ) % {"time": time}
    else:
        return None  # everyone came back before the task ran
    return Notice(
        title=title,
        body=body,
        url=reverse("breaks:reconnect", args=[brk.id]),
        tag=f"break-{brk.id}",
        expires_at=event.at + CALL_LIFETIME,
        urgent=True,
    )


def _more_time(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    """Someone asked for a few more minutes before reconnecting: the other hears until when."""
    brk = _break(data)
    asker = next((p for p in brk.couple.partners if str(p.public_id) == data.get("by")), None) if brk else None
    if brk is None or brk.closed_at is not None or asker is None or asker.pk == recipient.pk:
        return None
    try:
        until = datetime.fromisoformat(str(data.get("until")))
    except ValueError:
        return None
    name = asker.display_name
    if data.get("step") == Step.SETTLE:
        title = _("%(name)s needs a few more minutes to settle") % {"name": name}
        body = _("The reconnection waits until %(time)s. Take this time for yourself too.") % {
            "time": time_format(timezone.localtime(until, recipient.zone), "CLOCK_FORMAT")
        }
    else:
        title = _("%(name)s needs a few more minutes") % {"name": name}
        body = _("Back %(when)s. Take this time for yourself too.") % {"when": _clock(until, recipient, event.at)}
    return Notice(
        title=title,
        body=body,
        url=reverse("breaks:reconnect", args=[brk.id]),
        tag=f"break-{brk.id}",
        expires_at=max(until, event.at + SHORTEST_LIFETIME),
    )


def _ready_early(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    """The last one on the break to say "I'm ready to talk" ended it early: the others hear who."""
    brk = _break(data)
    if brk is None or brk.ended_early_at is None:
        return None
    # Saying so is what ended it, so that person's "ready" carries the very moment it ended.
    actor = next((t for t in brk.taker_list if t.ready_at == brk.ended_early_at), None)
    if actor is None or actor.person_id == recipient.pk:
        return None
    return Notice(
        title=_("%(name)s is ready to talk") % {"name": actor.person.display_name},
        body=_("The break is over early. Come back together when you have settled too."),
        url=reverse("breaks:reconnect", args=[brk.id]),
        tag=f"break-{brk.id}",
        expires_at=event.at + CALL_LIFETIME,
    )


def _agreement_proposed(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    version = data.get("version")
    if not isinstance(version, int):
        return None
    agreement = (
        Agreement.objects.filter(couple__memberships__person=recipient, version=version, proposed_at__lte=event.at)
        .select_related("proposed_by")
        .order_by("-proposed_at")
        .first()
    )
    if agreement is None or agreement.proposed_by is None or agreement.proposed_by_id == recipient.pk:
        return None
    return Notice(
        title=_("%(name)s proposed a Space Agreement") % {"name": agreement.proposed_by.display_name},
        body=_("Read it when you have a calm moment."),
        url=reverse("agreements:show"),
        tag="agreement",
        expires_at=event.at + NEWS_LIFETIME,
    )


def _rhythm_moment(recipient: Person, data: dict[str, Any]) -> RhythmOccurrence | None:
    """The moment an event speaks of, in the recipient's couple's rhythm in force now."""
    try:
        at = datetime.fromisoformat(str(data.get("at")))
    except ValueError:
        return None
    couple = Couple.objects.current_for(recipient)
    agreement = Agreement.objects.in_force_for(couple) if couple else None
    if agreement is None:
        return None
    return agreement.occurrences.filter(key=str(data.get("rhythm")), at=at).select_related("skipped_by").first()


def _rhythm_due(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    moment = _rhythm_moment(recipient, data)
    time = moment.agreement.terms().rhythm_time(moment.key) if moment else None
    # Skipped after the reminder was said, and before it reached this phone: it no longer stands.
    if moment is None or time is None or moment.skipped_at is not None:
        return None
    return Notice(
        title=_("Time for “%(what)s”") % {"what": time.what},
        body=time.kind_note,
        url=reverse("home"),
        tag=f"rhythm-{moment.key}",
        expires_at=event.at + CALL_LIFETIME,
    )


def _rhythm_skipped(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    moment = _rhythm_moment(recipient, data)
    time = moment.agreement.terms().rhythm_time(moment.key) if moment else None
    if moment is None or time is None or moment.skipped_by is None or moment.skipped_by_id == recipient.pk:
        return None
    return Notice(
        title=_("%(name)s is letting this one pass") % {"name": moment.skipped_by.display_name},
        body=_("“%(what)s” %(when)s will not happen this time. Nothing to do: your rhythm carries on as agreed.")
        % {"what": time.what, "when": _clock(moment.at, recipient, event.at)},
        url=reverse("home"),
        tag=f"rhythm-{moment.key}",
        expires_at=max(moment.at, event.at) + SHORTEST_LIFETIME,
    )


def _couple_joined(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    couple = _couple(data)
    if couple is None:
        return None
    joiner = (
        Invitation.objects.filter(used_at=couple.created_at, used_by__in=[p.pk for p in couple.partners])
        .values_list("used_by_id", flat=True)
        .first()
    )
    partner = couple.partner_of(recipient)
    if joiner is None or joiner == recipient.pk or partner is None:
        return None
    return Notice(
        title=_("%(name)s joined you") % {"name": partner.display_name},
        body=_("You are paired now. When you are both calm, agree how your breaks will work."),
        url=reverse("home"),
        tag="couple",
        expires_at=event.at + NEWS_LIFETIME,
    )


def _couple_left(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    couple = _couple(data)
    if couple is None or couple.ended_by_id == recipient.pk:
        return None
    # A partner who deleted their account left no name behind.
    name = couple.ended_by.display_name if couple.ended_by else str(data.get("by") or _("Your partner"))
    return Notice(
        title=_("%(name)s left your couple") % {"name": name},
        body=_("Your couple in Breathing Room has ended. Take care of yourself."),
        url=reverse("home"),
        tag="couple",
        expires_at=event.at + NEWS_LIFETIME,
    )


_SAYINGS: dict[str, Callable[[Event, Person, dict[str, Any]], Notice | None]] = {
    "break.started": _break_started,
    "break.extended": _break_extended,
    "break.thinking_of_you": _thinking_of_you,
    "break.ended": _ready_early,
    "reconnection.due": _reconnection_due,
    "reconnection.talk_again": _talk_again,
    "break.overdue": _overdue,
    "reconnection.more_time": _more_time,
    "agreement.proposed": _agreement_proposed,
    "rhythm.due": _rhythm_due,
    "rhythm.skipped": _rhythm_skipped,
    "couple.joined": _couple_joined,
    "couple.left": _couple_left,
}
Saying = Callable[[Event, Person, dict[str, Any]], Notice | None]


def says(type: str, *, emailed: bool = False) -> Callable[[Saying], Saying]:
    """Give an event type of another app its notice, from that app's own ``notices`` module.

    ``emailed``: the notice also goes out by email to those who asked for email reminders.
    """

    def register(say: Saying) -> Saying:
        if type in _SAYINGS:
            raise ValueError(f"{type!r} already has a notice")
        _SAYINGS[type] = say
        PUSHED.add(type)
        if emailed:
            EMAILED.add(type)
        return say

    return register


PUSHED = set(_SAYINGS)
EMAILED = {"reconnection.due", "reconnection.talk_again", "break.overdue", "reconnection.more_time", "rhythm.due"}
# The moments to come back and to talk again are what quiet hours let through: both were chosen.
THROUGH_QUIET_HOURS = frozenset({"reconnection.due", "reconnection.talk_again"})
