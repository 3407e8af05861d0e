"""Appreciations in the JSON API at /api/v1/appreciations: send a kind word, read ours, put one away.

Each view asks the domain (``sending``) to do the one thing, then answers with the note as the caller
sees it (``describe``, as the pages and the event do): never whether the partner has read one.
"""

from __future__ import annotations

from ninja import Header, Router, Status
from ninja.pagination import paginate

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.api.pagination import Pages
from breathingroom.api.schemas import Detail
from breathingroom.appreciations import sending
from breathingroom.appreciations.describe import describe
from breathingroom.appreciations.models import IDEMPOTENCY_KEY_LENGTH
from breathingroom.appreciations.schemas import AppreciationIn, AppreciationOut

router = Router(tags=["appreciations"])

PAGE_SIZE = 20


@router.get(
    "",
    response={200: list[AppreciationOut], frozenset({401, 404}): Detail},
    summary="Our appreciations",
    description="Every note my partner and I sent each other in our couple, newest first.",
)
@paginate(Pages, page_size=PAGE_SIZE)
def appreciations(request: AuthenticatedRequest):
    return sending.appreciations_for(request.user)


@router.post(
    "",
    response={201: AppreciationOut, frozenset({400, 401, 404, 409}): Detail},
    summary="A kind word",
    description=(
        "Sends a few kind words, or a “we're okay”, to my partner, who is told at once (live, and by push or "
        "email as they chose). Not while one of us is on a break (409): then only what the agreement allows "
        "reaches the other. The same words again within a few seconds send nothing new; so does a request "
        "repeated with the same `Idempotency-Key`."
    ),
)
def send(
    request: AuthenticatedRequest,
    payload: AppreciationIn,
    idempotency_key: str = Header(
        "",
        alias="Idempotency-Key",
        max_length=IDEMPOTENCY_KEY_LENGTH,
        description="Any text, new for each note.",
    ),
):
    note = sending.send(request.user, payload.text, payload.kind, idempotency_key=idempotency_key)
    return Status(201, describe(note, request.user))


@router.get(
    "/{appreciation_id}",
    response={200: AppreciationOut, frozenset({401, 404}): Detail},
    summary="One of our appreciations",
)
def get_appreciation(request: AuthenticatedRequest, appreciation_id: str):
    return sending.find(request.user, appreciation_id)


@router.post(
    "/{appreciation_id}/seen",
    response={200: AppreciationOut, frozenset({401, 404}): Detail},
    summary="Put a note away",
    description=(
        "For a note to me: it is no longer new and leaves Home; it stays in the list. My partner is never told."
    ),
)
def put_away(request: AuthenticatedRequest, appreciation_id: str):
    return sending.put_away(request.user, appreciation_id)
