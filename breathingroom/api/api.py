"""The JSON API at /api/v1/: the same domain functions as the pages, for phones and scripts."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from breathingroom.accounts.api import router as accounts_router
from breathingroom.agreements.api import router as agreements_router
from breathingroom.api.auth import auth
from breathingroom.api.openapi import DocumentedAPI
from breathingroom.appreciations.api import router as appreciations_router
from breathingroom.body.api import router as body_router
from breathingroom.breaks.api import router as breaks_router
from breathingroom.couples.api import router as couples_router
from breathingroom.dance.api import router as dance_router
from breathingroom.dance.repair_api import router as repair_router
from breathingroom.events.api import router as events_router
from breathingroom.insights.api import router as insights_router
from breathingroom.journal.api import router as journal_router
from breathingroom.lessons.api import router as lessons_router
from breathingroom.notify.api import router as notify_router
from breathingroom.phrasebook.api import router as phrasebook_router
from breathingroom.refusals import Refused
from breathingroom.reports.api import router as reports_router
from breathingroom.security.api import router as security_router
from breathingroom.softstart.api import router as softstart_router
from breathingroom.therapy.api import router as therapy_router
from breathingroom.yourdata.api import router as yourdata_router

api = DocumentedAPI(
    title="Breathing Room API",
    version="1",
    description=(
        "Sign in through allauth's app API at /_allauth/app/v1/ and send the session token it "
        "returns as the X-Session-Token header. Browsers may use their login cookie instead, sending "
        "Django's CSRF token (the one in the page's forms) as X-CSRFToken on unsafe methods. "
        "Errors are JSON objects with a `detail`."
    ),
    auth=auth,  # type: ignore[arg-type]
    urls_namespace="api",
)
api.add_router("/", accounts_router)
api.add_router("/couple", couples_router)
api.add_router("/events", events_router)
api.add_router("/agreement", agreements_router)
api.add_router("/breaks", breaks_router)
api.add_router("/notifications", notify_router)
api.add_router("/body", body_router)
api.add_router("/journal", journal_router)
api.add_router("/phrasebook", phrasebook_router)
api.add_router("/soft-start", softstart_router)
api.add_router("/appreciations", appreciations_router)
api.add_router("/", dance_router)
api.add_router("/", repair_router)
api.add_router("/insights", insights_router)
api.add_router("/therapist", therapy_router)
api.add_router("/reports", reports_router)
api.add_router("/lessons", lessons_router)
api.add_router("/", security_router)
api.add_router("/", yourdata_router)


@api.exception_handler(Refused)
def refused(request: HttpRequest, exc: Refused) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc.message)}, status=exc.status)
