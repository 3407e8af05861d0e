"""A copy of my data and deleting my account, through the JSON API, at the paths clients already use."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status
from pydantic import StrictStr

from breathingroom.accounts.api import router as people
from breathingroom.accounts.models import AuthenticatedRequest, Person
from breathingroom.api.schemas import Detail, Input
from breathingroom.refusals import Refused
from breathingroom.yourdata import deletion, export
from breathingroom.yourdata.models import Export

router = Router(tags=["people"])

# Far longer than any password or code anyone types, short enough that checking one is quick.
LONGEST_PASSWORD = 1024
LONGEST_CODE = 64


def published(name: str) -> str:
    # Clients generated from the OpenAPI document call each operation by the id it was first published with.
    return f"breathingroom_accounts_api_{name}"


class ExportOut(Schema):
    id: UUID
    ready: bool = Field(description="The zip can be downloaded.")
    steps_done: int
    steps_total: int
    requested_at: datetime
    finished_at: datetime | None
    expires_at: datetime = Field(description="When it is removed: a day after it is ready.")
    download: str | None = Field(description="Where to download it, once ready.")


class DeleteMeIn(Input):
    password: StrictStr = Field(max_length=LONGEST_PASSWORD)
    code: StrictStr = Field(
        "",
        max_length=LONGEST_CODE,
        description="With two-step sign-in: a code from the authenticator app, or a recovery code.",
    )


def _export_out(found: Export) -> dict[str, object]:
    return {
        "id": found.pk,
        "ready": found.is_ready,
        "steps_done": found.steps_done,
        "steps_total": found.steps_total,
        "requested_at": found.requested_at,
        "finished_at": found.finished_at,
        "expires_at": found.expires_at,
        "download": reverse("api:download_my_export", args=[found.pk]) if found.is_ready else None,
    }


class NoSuchExport(Refused):
    status = 404
    message = _("There is no copy of your data with that id; each is kept for a day.")


def _my_export(person: Person, export_id: str) -> Export:
    found = export.export_of(person, export_id)
    if found is None:
        raise NoSuchExport
    return found


@router.post(
    "/me/export",
    operation_id=published("start_export"),
    response={202: ExportOut, 401: Detail},
    summary="Prepare a copy of my data",
    description=(
        "Starts building a zip of everything I can see (JSON and CSV, with a README), or answers with the one "
        "already being built. Follow its progress at `/me/export/{id}`; it is kept for a day once ready."
    ),
)
def start_export(request: AuthenticatedRequest) -> Status[dict[str, object]]:
    return Status(202, _export_out(export.request_export(request.user)))


@router.get(
    "/me/export",
    operation_id=published("latest_export"),
    response={200: ExportOut, frozenset({401, 404}): Detail},
    summary="My latest copy",
)
def latest_export(request: AuthenticatedRequest) -> dict[str, object]:
    found = export.latest_of(request.user)
    if found is None:
        raise NoSuchExport(_("No copy of your data is being prepared or kept right now."))
    return _export_out(found)


@router.get(
    "/me/export/{export_id}",
    operation_id=published("export_status"),
    response={200: ExportOut, frozenset({401, 404}): Detail},
    summary="How far my copy got",
)
def export_status(request: AuthenticatedRequest, export_id: str) -> dict[str, object]:
    return _export_out(_my_export(request.user, export_id))


@router.get(
    "/me/export/{export_id}/download",
    operation_id=published("download_export"),
    url_name="download_my_export",
    response={200: None, frozenset({401, 404}): Detail},
    summary="Download my copy",
    openapi_extra={
        "responses": {
            200: {
                "description": "A zip with README.txt, one JSON file with everything, and a CSV file per kind.",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def download_export(request: AuthenticatedRequest, export_id: str) -> HttpResponse:
    found = _my_export(request.user, export_id)
    if not found.is_ready:
        raise NoSuchExport(_("Your copy is still being prepared."))
    return export.download(found)


@people.delete(
    "/me",
    operation_id=published("delete_me"),
    response={204: None, frozenset({400, 401, 429}): Detail},
    summary="Delete my account",
    description=(
        "At once and for good, with my password (and, with two-step sign-in, a code) in the body; a wrong one "
        "is answered 400 and nothing is deleted. My couple ends; a former partner keeps only their own writing "
        "and the bare shape of our history. Every session and token of mine stops working."
    ),
)
def delete_me(request: AuthenticatedRequest, payload: DeleteMeIn) -> Status[None]:
    person = request.user
    deletion.count_try(request, person)
    deletion.confirm_identity(person, payload.password, payload.code)
    deletion.delete_account(person)
    return Status(204, None)
