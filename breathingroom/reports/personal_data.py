"""Reports are the couple's, kept until either deletes one; a side let into them is its author's own choice.

A person's copy lists the reports of their couples (the period, what each holds, who made it) and
which of their own sides they let in (that row goes with the side, and the side with its
author). A report keeps no words: what it shows is drawn when it is opened, so once someone's
account is gone, none of their sides or names are in it any more.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.personal_data import PersonalData, Record, Section, name_of
from breathingroom.reports.models import InReports, Report


def reports(person: Person) -> list[Record]:
    return [
        {
            "report": str(report.pk),
            "couple": str(report.couple_id),
            "made_by": name_of(report.made_by),
            "made_at": report.made_at,
            "first_day": report.start,
            "last_day": report.end,
            "time_zone": report.zone,
            "holds": list(report.kinds),
        }
        for report in Report.objects.filter(couple__memberships__person=person)
        .select_related("made_by")
        .order_by("made_at", "pk")
    ]


def sides_let_in(person: Person) -> list[Record]:
    return [
        {"episode_happened_at": row.side.episode.happened_at, "let_in_at": row.at}
        for row in InReports.objects.filter(side__person=person).select_related("side__episode").order_by("at", "pk")
    ]


declared = PersonalData(
    sections=[
        Section("reports", reports, csv=_("each report made for a session: its period, what it holds, who made it.")),
        Section("sides_in_reports", sides_let_in, csv=_("which of your sides of episodes you let into reports.")),
    ],
    shared=[Report],
)
