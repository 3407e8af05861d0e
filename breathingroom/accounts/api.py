from __future__ import annotations

from ninja import Router, Schema

from breathingroom.accounts.models import AuthenticatedRequest

router = Router(tags=["people"])


class PersonOut(Schema):
    email: str
    display_name: str
    time_zone: str


@router.get("/me", response=PersonOut, summary="The signed-in person")
def me(request: AuthenticatedRequest):
    return request.user
