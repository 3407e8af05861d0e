from __future__ import annotations

from datetime import datetime
from uuid import UUID

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
            {"display_name": p.display_name, "time_zone": p.time_zone, "is_me": p == person}
            for p in couple.partners
        ],
    }


ERRORS = frozenset({400, 401, 404, 409, 429})


@router.get("", response={200: CoupleOut, frozenset({401, 404}): Detail}, summary="My couple")
def get_couple(request: AuthenticatedRequest):
    couple = Couple.objects.current_for(request.user)
    if couple is None:
        raise pairing.NotPaired
    return _couple_out(couple, request.user)


@router.post("/invitations", response={201: InvitationOut, ERRORS: Detail}, summary="Invite a partner")
def create_invitation(request: AuthenticatedRequest):
    return Status(201, pairing.create_invitation(request.user))


@router.delete("/invitations/{code}", response={204: None, ERRORS: Detail}, summary="Withdraw an invitation")
def revoke_invitation(request: AuthenticatedRequest, code: str):
    try:
        pairing.revoke_invitation(request.user, code)
    except pairing.MalformedCode:
        raise pairing.UnknownCode from None
    return Status(204, None)


@router.post("/join", response={201: CoupleOut, ERRORS: Detail}, summary="Join with an invitation code")
def join(request: AuthenticatedRequest, payload: JoinIn):
    couple = pairing.join(request.user, payload.code)
    return Status(201, _couple_out(couple, request.user))


@router.delete("/membership", response={204: None, ERRORS: Detail}, summary="Leave the couple")
def leave(request: AuthenticatedRequest):
    pairing.leave(request.user)
    return Status(204, None)
