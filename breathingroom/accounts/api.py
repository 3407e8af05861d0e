from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

router = Router(tags=["people"])


class PersonOut(Schema):
    email: str
    display_name: str
    time_zone: str


@router.get("/me", response=PersonOut, summary="The signed-in person")
def me(request: HttpRequest):
    return request.user
