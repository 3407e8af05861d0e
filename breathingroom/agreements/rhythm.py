"""The couple's everyday rhythm: a few times in the week set aside, agreed in calm times.

One term of the Space Agreement, like the lengths of a break: a list of times, each on chosen days at
a time of day, with a few words of the couple's own ("after work: fifteen minutes together, then an
hour each") and, if they like, what kind of time it is.

All the times of one rhythm keep one clock, ``zone``: the proposer's, unless the couple chooses
another. A couple in one zone never notices. A couple in two zones usually means one shared moment
(a call at 20:00 Berlin is 14:00 in New York, not 20:00 twice), so each partner is reminded at that
same moment and sees it on their own clock. Wall-clock times in the rhythm's zone stay on the wall
clock across daylight saving changes.
"""

from __future__ import annotations

import re
import secrets
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts import timezones
from breathingroom.refusals import Refused
from breathingroom.writing import Writing

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

# Enough for a few anchors in a week; more would turn a rhythm into a timetable.
MOST_RHYTHM_TIMES = 6
WHAT_LENGTH = 120
KEY_LENGTH = 8
ZONE_LENGTH = 64
KEY = re.compile(f"[0-9a-f]{{{KEY_LENGTH}}}")
WHAT_WORDS = Writing(
    limit=WHAT_LENGTH,
    too_long=_("Keep what each time is to %(n)s characters at most."),
    empty=_("Say in a few words what each time is, for example “after work: tea together”."),
)
# Monday first, as Python and ISO count them (0 to 6).
WEEK = range(7)
DAY_NAMES = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))


class RhythmKind(models.TextChoices):
    TOGETHER = "together", _("Together")
    APART = "apart", _("Each on our own")
    BOTH = "both", _("Together, then each on our own")


_KIND_NOTES: dict[str, _StrPromise] = {
    RhythmKind.TOGETHER: _("The time you set aside for each other. Come as you are."),
    RhythmKind.APART: _("The time you set aside for yourselves, each on your own."),
    RhythmKind.BOTH: _("Time together first, then time each on your own."),
}


@dataclass(frozen=True)
class RhythmTime:
    """One time in the rhythm. ``key`` names it within its version (for skipping one occurrence)."""

    days: tuple[int, ...]
    at: time
    what: str
    kind: str = ""
    key: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "days": list(self.days),
            "at": self.at.strftime("%H:%M"),
            "what": self.what,
            "kind": self.kind,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RhythmTime:
        return cls(
            days=tuple(data["days"]),
            at=time.fromisoformat(data["at"]),
            what=data["what"],
            kind=data.get("kind", ""),
            key=data["key"],
        )

    @property
    def days_label(self) -> str:
        if set(self.days) == set(WEEK):
            return str(_("Every day"))
        if set(self.days) == {0, 1, 2, 3, 4}:
            return str(_("Weekdays"))
        if set(self.days) == {5, 6}:
            return str(_("Weekends"))
        return ", ".join(str(DAY_NAMES[d]) for d in self.days)

    @property
    def kind_label(self) -> str:
        return str(RhythmKind(self.kind).label) if self.kind else ""

    @property
    def kind_note(self) -> str:
        """What the reminder says of this kind of time."""
        return str(_KIND_NOTES.get(self.kind, _("A time from the rhythm you both agreed on.")))

    def next_at(self, zone: zoneinfo.ZoneInfo, after: datetime) -> datetime:
        """The first moment of this time strictly after ``after``, in UTC.

        The day and the time are read on the wall clock of ``zone``. A time that does not exist on
        the day clocks spring forward (02:30 in much of Europe) comes an hour later, at 03:30; a time
        that happens twice when they fall back comes at its first. Both are what zoneinfo reads.
        """
        start = after.astimezone(zone).date()
        for offset in range(8):
            day = start + timedelta(days=offset)
            if day.weekday() not in self.days:
                continue
            moment = datetime.combine(day, self.at, tzinfo=zone).astimezone(UTC)
            if moment > after:
                return moment
        raise ValueError("A rhythm time with no days has no next moment")  # refused by check_rhythm


def zone_of(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name or "UTC")


def keyed(times: Iterable[RhythmTime]) -> list[RhythmTime]:
    """Each time with its key: kept if it has one, a new one if not, none twice in one rhythm."""
    out: list[RhythmTime] = []
    taken: set[str] = set()
    for t in times:
        # A key comes back from a page's hidden field: only one of the form we make is kept.
        mine = KEY.fullmatch(t.key) and t.key not in taken
        key = t.key if mine else secrets.token_hex(KEY_LENGTH // 2)
        taken.add(key)
        out.append(RhythmTime(days=t.days, at=t.at, what=t.what, kind=t.kind, key=key))
    return out


def check_rhythm(times: Sequence[RhythmTime], zone: str, refuse: type[Refused]) -> list[RhythmTime]:
    """The rhythm tidied, its days sorted, or ``refuse`` raised with what does not fit."""
    if len(times) > MOST_RHYTHM_TIMES:
        raise refuse(_("Keep your rhythm to %(n)s times at most, so it stays light.") % {"n": MOST_RHYTHM_TIMES})
    if zone and zone not in dict(timezones.choices()):
        raise refuse(_("Choose the time zone your rhythm keeps from the list."))
    checked = []
    for t in times:
        days = tuple(sorted(set(t.days)))
        if not days:
            raise refuse(_("Choose at least one day for each time in your rhythm."))
        if any(d not in WEEK for d in days):
            raise refuse(_("Days of the week are numbered from 0 (Monday) to 6 (Sunday)."))
        if t.kind and t.kind not in RhythmKind.values:
            raise refuse(_("Choose what kind of time it is, or leave it open."))
        what = WHAT_WORDS.check(t.what, refuse)
        checked.append(
            RhythmTime(days=days, at=t.at.replace(second=0, microsecond=0), what=what, kind=t.kind, key=t.key)
        )
    return checked
