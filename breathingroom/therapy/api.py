"""The therapist's seat in the JSON API at /api/v1/therapist: the same steps as the pages.

The partners invite, approve or decline, choose what to share and end the seat; the therapist lists
their couples and reads what one of them shares. A couple without a seat of theirs, a seat that ended
and an id of nothing answer the same 404.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from ninja import Field, Router, Schema, Status

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.api.schemas import Detail, Input, id_or
from breathingroom.couples.models import Couple
from breathingroom.security.log import describe_device
from breathingroom.therapy import seats, shared
from breathingroom.therapy.describe import SeatSeen, SeatStage, describe
from breathingroom.therapy.models import EMAIL_LENGTH, Seat, ShareKind

router = Router(tags=["therapist"])


class KindsIn(Input):
    kinds: list[ShareKind] = Field(
        default_factory=list,
        max_length=len(ShareKind.values),
        description="What I would share. A kind is shown to the therapist only once both partners tick it.",
    )


class InvitationIn(KindsIn):
    email: str = Field(max_length=EMAIL_LENGTH, examples=["dr.lee@example.org"])


class SeatOut(Schema):
    id: UUID
    stage: SeatStage = Field(
        description="`waiting`: for the other partner's yes; `sent`: emailed, not accepted yet; `held`: accepted."
    )
    email: str
    therapist_name: str = Field(description="Once the seat is held; empty before.")
    invited_by_me: bool
    invited_at: datetime
    approved_at: datetime | None
    accepted_at: datetime | None
    expires_at: datetime | None = Field(description="Until when it can be answered or accepted; null once held.")
    mine: list[ShareKind] = Field(description="The kinds I tick.")
    partners: list[ShareKind] = Field(description="The kinds my partner ticks.")
    shared: list[ShareKind] = Field(description="The kinds both tick: all the therapist sees.")


class CoupleListed(Schema):
    id: UUID
    names: list[str]
    since: datetime


class SharedTermOut(Schema):
    label: str
    value: str


class SharedAgreementOut(Schema):
    version: int
    agreed_at: datetime | None
    terms: list[SharedTermOut]


class SharedOutcomeOut(Schema):
    name: str
    timing: str
    repair: str


class SharedBreakOut(Schema):
    started_at: datetime
    taken_by: list[str]
    length: str
    extensions: int
    ended_early: bool
    outcomes: list[SharedOutcomeOut] = Field(description="Each partner's view of how it went, once both gave theirs.")


class SharedInsightsOut(Schema):
    period: str
    lines: list[str]


class SharedCycleOut(Schema):
    episodes: int
    enough: bool = Field(description="Enough episodes with both sides shared to draw the loop.")
    name: str
    sentences: list[str]


class SharedSideOut(Schema):
    author: str
    move: str
    trigger: str
    surface_feeling: str
    deeper_feeling: str
    fear: str
    need: str


class SharedEpisodeOut(Schema):
    happened_at: datetime
    sides: list[SharedSideOut]


class SharedOut(Schema):
    id: UUID
    names: list[str]
    since: datetime
    shared: list[ShareKind] = Field(description="What both partners share; every other part is null.")
    agreement: SharedAgreementOut | None
    breaks: list[SharedBreakOut] | None
    insights: SharedInsightsOut | None
    cycle: SharedCycleOut | None
    sides: list[SharedEpisodeOut] | None


def _seen(request: AuthenticatedRequest, seat: Seat) -> SeatSeen:
    return describe(seat, request.user, Couple.objects.of(request.user))


def _invitation_id(value: str) -> UUID:
    return id_or(seats.NoSuchInvitation, value)


def _couple_id(value: str) -> UUID:
    return id_or(seats.NoSuchCouple, value)


@router.post(
    "/invitations",
    response={201: SeatOut, frozenset({400, 401, 404, 409}): Detail},
    summary="Invite a therapist",
    description=(
        "Either partner invites a couples therapist by email. Nothing is sent until the other partner "
        "approves; the invitation lapses after a week."
    ),
)
def invite(request: AuthenticatedRequest, payload: InvitationIn):
    return Status(201, _seen(request, seats.invite(request.user, payload.email, payload.kinds)))


@router.post(
    "/invitations/{id}/approve",
    response={200: SeatOut, frozenset({400, 401, 404, 409}): Detail},
    summary="Approve the invitation",
    description="The partner who did not invite agrees; the invitation is emailed to the therapist now.",
)
def approve(request: AuthenticatedRequest, id: str, payload: KindsIn):
    return _seen(request, seats.approve(request.user, _invitation_id(id), payload.kinds))


@router.post(
    "/invitations/{id}/decline",
    response={200: SeatOut, frozenset({400, 401, 404, 409}): Detail},
    summary="Decline the invitation",
    description="The partner who did not invite says no: nothing is sent.",
)
def decline(request: AuthenticatedRequest, id: str):
    seat = seats.decline(request.user, _invitation_id(id))
    return _seen(request, seat)


@router.get(
    "/seat",
    response={200: SeatOut, frozenset({401, 404}): Detail},
    summary="Our therapist's seat",
    description="The couple's seat, or the invitation on its way, at whatever stage.",
)
def get_seat(request: AuthenticatedRequest):
    couple = Couple.objects.current_for(request.user)
    if couple is None:
        raise seats.NoCouple
    seat = seats.open_seat(couple)
    if seat is None:
        raise seats.NoSeat
    return describe(seat, request.user, couple)


@router.put(
    "/seat/sharing",
    response={200: SeatOut, frozenset({400, 401, 404}): Detail},
    summary="Choose what I share",
    description="The kinds I tick; the therapist sees a kind only while both partners tick it.",
)
def choose(request: AuthenticatedRequest, payload: KindsIn):
    return _seen(request, seats.choose(request.user, payload.kinds))


@router.delete(
    "/seat",
    response={204: None, frozenset({401, 404}): Detail},
    summary="End the seat",
    description="Either partner ends the seat, or calls back the invitation, at once: the therapist sees nothing more.",
)
def end(request: AuthenticatedRequest):
    seats.end(request.user)
    return Status(204, None)


@router.get(
    "/couples",
    response={200: list[CoupleListed], frozenset({401, 404}): Detail},
    summary="My couples (for a therapist)",
    description="The couples whose seat I hold now. Anyone who is not a therapist is answered 404.",
)
def couples(request: AuthenticatedRequest):
    return [
        {"id": s.couple_id, "names": [p.display_name for p in s.couple.partners], "since": s.accepted_at}
        for s in seats.seats_held_by(request.user)
    ]


@router.get(
    "/couples/{id}",
    response={200: SharedOut, frozenset({401, 404}): Detail},
    summary="What a couple shares with me (for a therapist)",
    description=(
        "Only the kinds both partners share, read-only; every other part is null. Each call is written to "
        "both partners' security logs."
    ),
)
def couple(request: AuthenticatedRequest, id: str):
    view = shared.look(request.user, _couple_id(id), describe_device(request))
    return {**view.__dict__, "id": view.couple_id, "shared": sorted(view.shared, key=ShareKind.values.index)}
