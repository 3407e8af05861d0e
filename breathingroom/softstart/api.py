"""The soft-start coach in the JSON API at /api/v1/soft-start."""

from __future__ import annotations

from ninja import Field, Router, Schema
from pydantic import StrictStr

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.api.schemas import Input
from breathingroom.softstart import coach

router = Router(tags=["softstart"])


class CheckIn(Input):
    text: StrictStr = Field(
        max_length=coach.SOFT_START_LENGTH, description="The words to read. They are not kept, and not logged."
    )


class FlagOut(Schema):
    rule: str = Field(json_schema_extra={"enum": list(coach.RULES)}, description="Which rule the words meet.")
    why: str = Field(description="Why these words tend to start a fight, in a line, in the person's language.")
    start: int = Field(description="Where the words begin: a count of characters (Unicode code points).")
    end: int = Field(description="Where they end, the character after them not included.")


class AdviceOut(Schema):
    harsh: bool = Field(description="True when any words tend to start a fight.")
    flags: list[FlagOut] = Field(description="Those words, in the order they come.")
    softer: str | None = Field(
        description="The same thought as “When …, I feel …, I need …; would you …?”, with “…” where the "
        "person's own words are still needed; null when it already reads gently."
    )


@router.post("/check", response=AdviceOut, summary="Point out a harsh start-up and offer a softer shape")
def check(request: AuthenticatedRequest, payload: CheckIn) -> coach.Advice:
    return coach.check(payload.text)
