"""What the appreciations part of the JSON API reads and answers.

The body only checks the shape of the data; whether the words may go (written at all, during a
break, to whom) the domain says, so the pages and the API refuse the same things with the same words.
"""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import StrictStr

from breathingroom.api.schemas import Input
from breathingroom.appreciations.models import APPRECIATION_LENGTH, NoteKind
from breathingroom.breaks.schemas import Utc


class AppreciationIn(Input):
    text: StrictStr = Field(
        "",
        max_length=APPRECIATION_LENGTH,
        description="A few kind words for my partner. Needed for kind words; optional with “we're okay”.",
    )
    kind: NoteKind = Field(
        NoteKind.APPRECIATION, description="`appreciation` (kind words), or `okay`: a one-tap “we're okay”."
    )


class AppreciationOut(Schema):
    id: UUID
    kind: NoteKind
    text: str
    by: Literal["me", "partner"] = Field(description="Who wrote it.")
    name: str = Field(description="The name of whoever wrote it.")
    sent_at: Utc
    new: bool | None = Field(
        description=(
            "For a note to me: not put away yet. Always null for my own notes: neither of us is ever told "
            "whether the other has read one."
        )
    )
