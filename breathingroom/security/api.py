from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from ninja import Field, Router, Schema
from ninja.pagination import paginate
from pydantic import AfterValidator

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.api.pagination import Pages
from breathingroom.api.schemas import Detail
from breathingroom.security.models import Kind, SecurityEvent
from breathingroom.security.views import PER_PAGE

router = Router(tags=["security"])

Utc = Annotated[datetime, AfterValidator(lambda moment: moment.astimezone(UTC))]


class SecurityEventOut(Schema):
    kind: Kind
    summary: str = Field(description="The kind, in words for the person to read.")
    device: str = Field(description='A short description of the device, such as "Firefox on Android"; may be empty.')
    at: Utc

    @staticmethod
    def resolve_summary(event: SecurityEvent) -> str:
        return str(event.get_kind_display())


@router.get(
    "/me/security-log",
    response={200: list[SecurityEventOut], 401: Detail},
    summary="My security log",
    description=(
        "Sign-ins, failed sign-ins to your account, and changes to how you sign in, newest first. "
        "Kept for a year. Only the kind of device is kept, never an address or a location."
    ),
)
@paginate(Pages, page_size=PER_PAGE)
def security_log(request: AuthenticatedRequest):
    return SecurityEvent.objects.of(request.user.pk).newest_first()
