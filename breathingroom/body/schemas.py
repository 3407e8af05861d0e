"""What the body part of the JSON API reads and answers.

Request bodies check the shape only (a place from the list, a number in range, text no longer than
its limit); the domain checks everything again, so pages and the API refuse the same things.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any
from uuid import UUID

from ninja import Field, Schema
from pydantic import AfterValidator, StrictStr

from breathingroom.api.schemas import Input, InURL, WholeNumber
from breathingroom.body.checking_in import NOT_A_FEELING, NOT_A_NEED
from breathingroom.body.feelings import FEELINGS
from breathingroom.body.models import (
    FASTEST_HEART_RATE,
    NOTE_LENGTH,
    OWN_FEELING_LENGTH,
    SLOWEST_HEART_RATE,
    STRONGEST,
    Region,
    Sensation,
)
from breathingroom.phrasebook.vocabulary import NEEDS

Utc = Annotated[datetime, AfterValidator(lambda moment: moment.astimezone(UTC))]


def _one_of(keys: list[str], message: str) -> Any:
    """Text that must be one of ``keys``: the document lists them, and anything else is refused."""
    allowed = frozenset(keys)

    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(message)
        return value

    document: Callable[[dict[str, Any]], None] = lambda schema: schema.update(enum=keys)  # noqa: E731
    return Annotated[
        StrictStr, Field(max_length=max(map(len, keys)), json_schema_extra=document), AfterValidator(check)
    ]


FeelingKey = _one_of([f.key for f in FEELINGS], str(NOT_A_FEELING))
NeedKey = _one_of([n.key for n in NEEDS], str(NOT_A_NEED))


class PlaceIn(Input):
    region: Region = Field(description="Where in the body.")
    sensation: Sensation = Field(description="What it feels like there.")
    intensity: WholeNumber = Field(ge=0, le=STRONGEST, description=f"How strong: 0 hardly there, {STRONGEST} most.")


class CheckInIn(Input):
    places: list[PlaceIn] = Field(
        min_length=1, max_length=len(Region), description="At least one place, each place once."
    )
    feelings: list[FeelingKey] = Field(  # type: ignore[valid-type]
        default_factory=list, max_length=len(FEELINGS), description="Keys from the list of feelings."
    )
    need: NeedKey | None = Field(None, description="The need underneath, a key from the phrasebook's needs.")  # type: ignore[valid-type]
    heart_rate: WholeNumber | None = Field(
        None, ge=SLOWEST_HEART_RATE, le=FASTEST_HEART_RATE, description="Beats a minute, if known."
    )
    own_feeling: StrictStr = Field("", max_length=OWN_FEELING_LENGTH, description="A feeling in my own words.")
    note: StrictStr = Field("", max_length=NOTE_LENGTH, description="Anything else I notice.")


class CheckInWhose(StrEnum):
    MINE = "mine"
    PARTNER = "partner"


class CheckInListQuery(InURL):
    whose: CheckInWhose = Field(
        CheckInWhose.MINE,
        description="`mine`: my own check-ins, newest first. `partner`: those my partner shares with me now.",
    )


class PlaceOut(Schema):
    region: Region
    region_name: str
    sensation: Sensation
    sensation_name: str
    intensity: int


class CheckInOut(Schema):
    id: UUID
    at: Utc
    mine: bool = Field(description="True for my own; false for one my partner shares with me.")
    author: str = Field(description="The name of whoever checked in.")
    places: list[PlaceOut] = Field(description="The strongest first.")
    strongest: int
    feelings: list[str] = Field(description="Keys from the list of feelings.")
    feeling_names: list[str]
    need: str | None = Field(description="A key from the phrasebook's needs.")
    need_name: str | None
    own_feeling: str
    heart_rate: int | None
    note: str
    shared: bool = Field(description="Shared with my partner now.")
    shared_at: Utc | None
    flooded: bool | None = Field(
        description=(
            "Mine only: the heart rate is near 100 a minute, or about 10% above my resting rate. Null on my partner's."
        )
    )
    flooded_hint: str | None = Field(description="Mine only: a gentle word about it, when flooded.")


class WordOut(Schema):
    key: str
    name: str


class FamilyOut(Schema):
    key: str
    name: str
    hint: str
    feelings: list[WordOut]


class VocabularyOut(Schema):
    regions: list[WordOut]
    sensations: list[WordOut]
    feelings: list[FamilyOut]
    needs: list[WordOut]


class PointOut(Schema):
    start: str = Field(description="The first day of the day or week, on my own calendar (YYYY-MM-DD).")
    check_ins: int
    average: float = Field(description="The strongest place of each check-in, on average.")
    lowest: int
    highest: int


class WhereOut(Schema):
    region: Region
    name: str
    check_ins: int


class TrendOut(Schema):
    by: str = Field(description="`day` or `week`.")
    first: str
    last: str
    check_ins: int
    summary: str = Field(description="The whole of it in one line, to show or read out.")
    points: list[PointOut]
    where: list[WhereOut] = Field(description="Every place named in that time, most often first.")
