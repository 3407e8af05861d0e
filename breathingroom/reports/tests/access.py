"""Who may reach each of the reports' URLs and API operations (gathered by breathingroom/tests/access.py).

A report is the couple's: alex's partner reaches it too, and may delete it; an outsider gets the same
404 as for a report that never was.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.utils import timezone

from breathingroom.reports import making
from breathingroom.tests.access import API, Factory, Owned, People, Rule, owned, signed_in

REPORTS = f"{API}/reports"
A_REPORT = {"start": "2025-01-01", "end": "2025-01-31", "kinds": ["breaks"]}


def report(name: str, *, deleted_by_either: bool = False) -> Factory:
    """A report of alex's couple, made by alex.

    ``deleted_by_either``: for deleting, which either partner may do once: the walk tries the owner and
    the outsiders here, and ``test_pages``/``test_api`` try the partner deleting it.
    """

    def make(people: People) -> Owned:
        today = timezone.localdate(timezone.now(), people.alex.zone)
        found = making.make(people.alex, today - timedelta(days=30), today, ["agreement", "breaks"])
        partner = None if deleted_by_either else people.sam
        return Owned(people.alex, {name: found.pk}, {name: str(uuid.uuid4())}, partner)

    return make


PAGES: dict[str, Rule] = {
    # The couple's own list and form: nothing in the address names anything.
    "reports:index": signed_in("get", "post"),
    "reports:sides": signed_in("get", "post"),
    "reports:report": owned(report("pk"), partner_sees=True),
    "reports:pdf": owned(report("pk"), partner_sees=True),
    "reports:delete": owned(report("pk", deleted_by_either=True), "get", "post", partner_sees=True),
}

OPERATIONS: dict[tuple[str, str], Rule] = {
    ("POST", REPORTS): signed_in(body=A_REPORT, status=201),
    ("GET", REPORTS): signed_in(),
    ("GET", f"{REPORTS}/sides"): signed_in(),
    ("PUT", f"{REPORTS}/sides"): signed_in(body={"included": []}),
    ("GET", f"{REPORTS}/{{report_id}}"): owned(report("report_id"), partner_sees=True),
    ("DELETE", f"{REPORTS}/{{report_id}}"): owned(report("report_id", deleted_by_either=True), partner_sees=True),
}
