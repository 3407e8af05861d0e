from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.api.schemas import Detail, InURL, WholeNumber
from breathingroom.events import authority, publish, tickets

router = Router(tags=["events"])


class TicketOut(Schema):
    ticket: str
    expires_in: int


@router.post(
    "/ticket",
    response={201: TicketOut, 401: Detail},
    summary="A ticket to open the event stream",
    description=(
        f"Open `/ws/events?ticket=…` with it within {tickets.TICKET_SECONDS} seconds; it works for one "
        "connection only; add `&after=<id>` with the id of the last event you saw to be sent, first, "
        'everything after it. The socket sends `{"type": "hello", "at": …, "last": <id>}`, then each of your '
        'events as `{"id", "type", "data", "at"}`, ids rising by one, none twice. '
        'Send `{"type": "ping"}` now and then and it answers '
        '`{"type": "pong"}`. Without a valid ticket the handshake is refused (HTTP 403). Browsers that are signed '
        "in need no ticket: their login cookie is enough. The socket is closed with code 4401 when the session "
        "the ticket was taken with is signed out, signed out from elsewhere, or ends with a new password or the "
        "account's deletion; with 4000 when the couple ends, to be opened again."
    ),
)
def create_ticket(request: AuthenticatedRequest):
    held = authority.of_request(request)
    if held is None:
        # Signed out between the check at the door and this line.
        return Status(401, {"detail": _("Please sign in again.")})
    return Status(201, {"ticket": tickets.issue(held), "expires_in": tickets.TICKET_SECONDS})


class EventOut(Schema):
    id: int = Field(description="This person's event number: 1, 2, 3… with no gaps.")
    type: str
    data: dict[str, Any]
    at: datetime


class EventsOut(Schema):
    events: list[EventOut]
    last: int = Field(description="The id to ask after next time.")
    more: bool = Field(description="True when there are more events after these: ask again at once.")


class EventsQuery(InURL):
    after: WholeNumber = Field(
        0, ge=0, le=2**62, description="The id of the last event you saw; 0 for all that are kept."
    )
    limit: WholeNumber = Field(100, ge=1, le=200)


@router.get(
    "",
    response={200: EventsOut, 401: Detail},
    summary="What I missed",
    description=(
        "Your events after the id you give, oldest first. Events are kept for 30 days; the same ones "
        "come over the WebSocket. A client that was away calls this (or reconnects with `after`) and "
        "misses nothing."
    ),
)
def list_events(request: AuthenticatedRequest, query: Query[EventsQuery]):
    events = publish.missed(request.user.pk, query.after, limit=query.limit + 1)
    more = len(events) > query.limit
    events = events[: query.limit]
    last = events[-1].seq if events else min(query.after, publish.latest_seq(request.user.pk))
    return {"events": [e.as_message() for e in events], "last": last, "more": more}
