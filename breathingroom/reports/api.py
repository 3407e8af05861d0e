"""Reports in the JSON API: the same domain steps as the pages.

A report of another couple and an id of nothing are the same 404.
"""

from uuid import UUID

from django.urls import reverse
from ninja import Router, Status

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.api.schemas import Detail, id_or
from breathingroom.dance import vocabulary
from breathingroom.reports import making
from breathingroom.reports.models import Report
from breathingroom.reports.schemas import ReportIn, ReportOut, ReportSideIn, ReportSideOut

router = Router(tags=["reports"])


def _out(request: AuthenticatedRequest, report: Report) -> dict[str, object]:
    return {
        "id": report.pk,
        "start": report.start,
        "end": report.end,
        "time_zone": report.zone,
        "kinds": list(report.kinds),
        "made_by": report.made_by.display_name if report.made_by else "",
        "made_at": report.made_at,
        "page_url": request.build_absolute_uri(reverse("reports:report", args=[report.pk])),
        "pdf_url": request.build_absolute_uri(reverse("reports:pdf", args=[report.pk])),
    }


def _report_id(value: str) -> UUID:
    return id_or(making.NoSuchReport, value)


@router.post(
    "",
    response={201: ReportOut, frozenset({400, 401, 404}): Detail},
    summary="Make a report",
    description=(
        "A report of our couple for the days `start` to `end`, holding the chosen `kinds`; my partner is told "
        "that I made it, never what it holds. It holds only what both of us can see, less the words never meant "
        "for a session, and of episodes only the sides each of us let in. Without a partner, 404."
    ),
)
def make_report(request: AuthenticatedRequest, payload: ReportIn):
    report = making.make(request.user, payload.start, payload.end, [k.value for k in payload.kinds])
    return Status(201, _out(request, report))


@router.get(
    "",
    response={200: list[ReportOut], 401: Detail},
    summary="Our reports",
    description="The reports of my couple now, the newest first (at most 100). Without a partner, an empty list.",
)
def list_reports(request: AuthenticatedRequest):
    return [_out(request, report) for report in making.of(request.user)[:100]]


@router.get(
    "/sides",
    response={200: list[ReportSideOut], 401: Detail},
    summary="My sides for reports",
    description="My sides of our episodes that I share with my partner, the newest first, and which go into reports.",
)
def my_sides(request: AuthenticatedRequest):
    return [
        {
            "episode_id": side.episode_id,
            "happened_at": side.episode.happened_at,
            "move": vocabulary.move_name(side.move),
            "included": side.let_in,  # type: ignore[attr-defined]
        }
        for side in making.shareable_sides(request.user)
    ]


@router.put(
    "/sides",
    response={200: list[ReportSideOut], frozenset({400, 401, 404}): Detail},
    summary="Choose my sides for reports",
    description=(
        "Exactly the sides of mine in `included` go into our reports (every report, at once), the others "
        "not. Only sides I share with my partner can: any other id answers 404."
    ),
)
def choose_sides(request: AuthenticatedRequest, payload: ReportSideIn):
    making.choose_sides(request.user, payload.included)
    return my_sides(request)


@router.get(
    "/{report_id}",
    response={200: ReportOut, frozenset({401, 404}): Detail},
    summary="One report",
    description="Where to read it and print it: its page and its PDF.",
)
def get_report(request: AuthenticatedRequest, report_id: str):
    return _out(request, making.find(request.user, _report_id(report_id)))


@router.delete(
    "/{report_id}",
    response={204: None, frozenset({401, 404}): Detail},
    summary="Delete a report",
    description="Either of us may; it is gone for both.",
)
def delete_report(request: AuthenticatedRequest, report_id: str):
    making.delete(request.user, _report_id(report_id))
    return Status(204, None)
