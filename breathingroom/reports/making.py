"""Reports, whoever asks (a page or the API): making one, finding one, deleting one, letting sides in.

Either partner makes a report of a period of their choosing, at most ``LONGEST_PERIOD`` long and
ending no later than today; their partner is told that it was made ("report.made", which report and
by whom, never what it holds). Both open it; someone outside the couple is refused exactly as for a
report that never was. Each partner lets their own sides in, one by one, and only sides they share
with their partner now.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from breathingroom.couples.models import Couple
from breathingroom.dance.models import Side, SideQuerySet
from breathingroom.events.publish import publish
from breathingroom.refusals import Refused
from breathingroom.reports.models import InReports, Report, ReportKind, ReportQuerySet

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person

MADE = "report.made"
# A year covers the months a couple would bring to a first session, and keeps a report readable.
LONGEST_PERIOD = timedelta(days=366)


class NoSuchReport(Refused):
    status = 404
    message = _("There is no such report.")


class NotMade(Refused):
    status = 400


class NoSuchSide(Refused):
    status = 404
    message = _("There is no such side of yours.")


class NotShared(Refused):
    status = 409
    message = _("Share this side with your partner first: only sides you share can go into a report.")


NO_PARTNER = _("A report is about the two of you, so it can be made once you are paired with your partner.")
NO_KINDS = _("Choose at least one thing for the report to hold.")
BACKWARDS = _("The period starts after it ends: choose a start day on or before the last day.")
TOO_LONG = _("A report covers at most a year. Choose a shorter period, or make two reports.")
IN_THE_FUTURE = _("The period can end today at the latest.")


class Preset(StrEnum):
    MONTH = "1m"
    QUARTER = "3m"
    HALF_YEAR = "6m"
    YEAR = "1y"


PRESET_NAMES: dict[Preset, Promise] = {
    Preset.MONTH: _("The last month"),
    Preset.QUARTER: _("The last 3 months"),
    Preset.HALF_YEAR: _("The last 6 months"),
    Preset.YEAR: _("The last year"),
}
PRESET_MONTHS = {Preset.MONTH: 1, Preset.QUARTER: 3, Preset.HALF_YEAR: 6, Preset.YEAR: 12}


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier, or the month's last day where it has no such day."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def preset_period(preset: Preset | str, today: date) -> tuple[date, date]:
    """A preset's first and last day: from the day after the same day ``n`` months ago, until today."""
    months = PRESET_MONTHS[Preset(preset)]
    return months_before(today, months) + timedelta(days=1), today


@dataclass(frozen=True)
class Asked:
    """What a report is asked to cover and hold, checked by ``checked``."""

    start: date
    end: date
    kinds: tuple[str, ...]

    def checked(self, today: date) -> Asked:
        if not isinstance(self.start, date) or not isinstance(self.end, date):
            raise NotMade(BACKWARDS)
        if self.start > self.end:
            raise NotMade(BACKWARDS)
        if self.end > today:
            raise NotMade(IN_THE_FUTURE)
        if self.end - self.start >= LONGEST_PERIOD:
            raise NotMade(TOO_LONG)
        chosen = {str(k) for k in self.kinds}
        unknown = chosen - set(ReportKind.values)
        if unknown or not chosen:
            raise NotMade(NO_KINDS)
        # Always in the list's order, whatever order they came in.
        return Asked(self.start, self.end, tuple(k for k in ReportKind.values if k in chosen))


def make(person: Person, start: date, end: date, kinds: Iterable[str]) -> Report:
    """A report of ``person``'s couple for the days ``start`` to ``end`` (their calendar); the partner is told."""
    today = timezone.localdate(timezone.now(), person.zone)
    asked = Asked(start, end, tuple(kinds)).checked(today)
    with transaction.atomic():
        couple = Couple.objects.of(person, lock=True, refusal=NO_PARTNER)
        report = Report.objects.create(
            couple=couple,
            made_by=person,
            start=asked.start,
            end=asked.end,
            zone=person.time_zone,
            kinds=list(asked.kinds),
        )
        partner = couple.partner_of(person)
        if partner is not None:
            publish([partner.pk], MADE, {"report": str(report.pk), "by": person.pk})
    return report


def of(person: Person) -> ReportQuerySet:
    """The reports of ``person``'s couple now, newest first; none without a partner."""
    couple = Couple.objects.current_for(person)
    if couple is None:
        return Report.objects.none()
    return Report.objects.of_couple(couple).select_related("made_by")


def find(person: Person, report_id: UUID | str) -> Report:
    """One report of ``person``'s couple, or :class:`NoSuchReport` (also for a report of anyone else)."""
    try:
        return of(person).get(pk=report_id)
    except (Report.DoesNotExist, ValueError, ValidationError):
        raise NoSuchReport from None


def delete(person: Person, report_id: UUID | str) -> None:
    """Either partner deletes a report of theirs, for both."""
    with transaction.atomic():
        find(person, report_id).delete()


# --- Sides let into reports ------------------------------------------------------------------------


def shareable_sides(person: Person) -> SideQuerySet:
    """``person``'s own sides in their couple now that they share with their partner: the ones they may let in.

    Each is annotated ``in_reports`` (True when let in), newest episode first.
    """
    couple = Couple.objects.current_for(person)
    if couple is None:
        return Side.objects.none()
    return (
        Side.objects.shared()
        .filter(person=person, episode__couple=couple)
        .annotate(let_in=Exists(InReports.objects.filter(side=OuterRef("pk"))))
        .select_related("episode")
        .order_by("-episode__happened_at", "-pk")
    )


def _own_side(person: Person, episode_id: UUID | str) -> Side:
    couple = Couple.objects.current_for(person)
    try:
        found = Side.objects.filter(person=person, episode__couple=couple, episode_id=episode_id).first()
    except (ValueError, ValidationError):
        found = None
    if couple is None or found is None:
        raise NoSuchSide
    return found


def let_in(person: Person, episode_id: UUID | str, included: bool) -> Side:
    """Let ``person``'s side of an episode into the couple's reports, or take it out again."""
    with transaction.atomic():
        side = _own_side(person, episode_id)
        if not included:
            InReports.objects.filter(side=side).delete()
            return side
        if side.shared_at is None:
            raise NotShared
        InReports.objects.get_or_create(side=side)
    return side


def choose_sides(person: Person, episode_ids: Iterable[UUID | str]) -> int:
    """Exactly these of ``person``'s shared sides go into reports, the others come out; answers how many are in."""
    chosen = {str(pk) for pk in episode_ids}
    with transaction.atomic():
        sides = list(shareable_sides(person))
        known = {str(side.episode_id) for side in sides}
        if chosen - known:
            # Another's side, an unshared one, or no id at all: all the same.
            raise NoSuchSide
        InReports.objects.filter(side__person=person).exclude(side__episode_id__in=chosen).delete()
        for side in sides:
            if str(side.episode_id) in chosen:
                InReports.objects.get_or_create(side=side)
    return len(chosen)
