from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.api.schemas import Detail, Input
from breathingroom.couples import pairing
from breathingroom.couples.models import Couple, Invitation

router = Router(tags=["couple"])


class InvitationOut(Schema):
    code: str
    link: str
    expires_at: datetime

    @staticmethod
    def resolve_code(obj: Invitation) -> str:
        return obj.display_code


class JoinIn(Input):
    code: str = Field(max_length=64, examples=["7KQ2-M9XD"])


class PartnerOut(Schema):
    display_name: str
    time_zone: str
    is_me: bool


class CoupleOut(Schema):
    id: UUID
    created_at: datetime
    partners: list[PartnerOut]


def _couple_out(couple: Couple, person: object) -> dict[str, object]:
    return {
        "id": couple.id,
        "created_at": couple.created_at,
        "partners": [
            {"display_name": p.display_name, "time_zone": p.time_zone, "is_me": p == person} for p in couple.partners
        ],
    }


@router.get("", response={200: CoupleOut, frozenset({401, 404}): Detail}, summary="My couple")
def get_couple(request: AuthenticatedRequest):
    return _couple_out(Couple.objects.of(request.user), request.user)


@router.post(
    "/invitations",
    response={201: InvitationOut, frozenset({401, 409}): Detail},
    summary="Invite a partner",
    description="A new code replaces any earlier one of yours that is still open.",
)
def create_invitation(request: AuthenticatedRequest):
    return Status(201, pairing.create_invitation(request.user))


@router.get(
    "/invitations/current",
    response={200: InvitationOut, frozenset({401, 404}): Detail},
    summary="My open invitation",
    description="The code you sent and that has not been used, withdrawn or expired yet.",
)
def current_invitation(request: AuthenticatedRequest):
    invitation = Invitation.objects.open().filter(inviter=request.user).first()
    if invitation is None:
        raise pairing.UnknownCode(_("You have no open invitation."))
    return invitation


@router.delete(
    "/invitations/{code}",
    response={204: None, frozenset({401, 404, 409}): Detail},
    summary="Withdraw an invitation",
)
def revoke_invitation(request: AuthenticatedRequest, code: str):
    try:
        pairing.revoke_invitation(request.user, code)
    except pairing.MalformedCode:
        raise pairing.UnknownCode from None
    return Status(204, None)


@router.post(
    "/join",
    response={201: CoupleOut, frozenset({400, 401, 404, 409, 429}): Detail},
    summary="Join with a code",
)
def join(request: AuthenticatedRequest, payload: JoinIn):
    couple = pairing.join(request.user, payload.code)
    return Status(201, _couple_out(couple, request.user))


@router.delete(
    "/membership",
    response={204: None, frozenset({401, 404}): Detail},
    summary="Leave the couple",
    description="Ends the couple for both partners at once.",
)
def leave(request: AuthenticatedRequest):
    pairing.leave(request.user)
    return Status(204, None)
