from ninja import Router, Schema, Status

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.api.schemas import Detail
from breathingroom.events import tickets

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
        'connection only. The socket first sends `{"type": "hello", "at": …}`, then each of your '
        'events as `{"type", "data", "at"}`. Send `{"type": "ping"}` now and then and it answers '
        '`{"type": "pong"}`. Without a valid ticket the handshake is refused (HTTP 403). Browsers that are signed '
        "in need no ticket: their login cookie is enough."
    ),
)
def create_ticket(request: AuthenticatedRequest):
    return Status(201, {"ticket": tickets.issue(request.user), "expires_in": tickets.TICKET_SECONDS})
