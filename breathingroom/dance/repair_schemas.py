"""What the repair conversation's part of the JSON API reads and answers.

Bodies check only the shape; which step is open, which parts may be written now and how long words
may be is decided by ``repair``, so the pages and the API refuse the same things with the same words.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import StrictBool, StrictStr

from breathingroom.api.schemas import Input
from breathingroom.dance.models import ANSWER_LENGTH

# The steps one can say "done" to, and the parts one can write in (``repair.ORDER`` and ``repair.PARTS``,
# spelled out for the document): anything else does not fit the path.
StepKey = Literal["felt", "saw", "past", "my_part", "plan", "keep"]
PartKey = Literal[
    "felt", "saw", "summary_of_partner", "makes_sense", "past", "my_part", "regret", "apology", "acceptance", "plan"
]


class AnswerIn(Input):
    text: StrictStr = Field(
        max_length=ANSWER_LENGTH,
        description=f"My words for this part, up to {ANSWER_LENGTH} characters. Empty takes my words for it away.",
    )


class ConfirmIn(Input):
    keep: StrictBool | None = Field(
        None,
        description=(
            "At the `keep` step only, and needed there: whether I want it kept with the episode. It is kept "
            "only if we both say true; otherwise every word of it is deleted when it ends."
        ),
    )


class PartOut(Schema):
    key: str = Field(description="The part: `felt`, `saw`, `summary_of_partner`, `makes_sense`, `past`, …")
    label: str
    help: str
    partner_label: str = Field(description="How my partner's words for this part are introduced.")
    needed: bool = Field(description="Whether I must write it before I can say I am done with the step.")
    mine: str = Field(description="My words; empty if I wrote none.")
    partner: str | None = Field(
        description="My partner's words, once they show to me (once I wrote my own for the step); else null."
    )
    open: bool = Field(description="Whether I may write in it now.")


class StepOut(Schema):
    key: str
    name: str
    lead: str = Field(description="What this step asks of us, in a sentence or two.")
    current: bool
    done: bool = Field(description="Both of us were done with it, so the talk moved on.")
    parts: list[PartOut]
    i_confirmed: bool
    partner_confirmed: bool


class RepairOut(Schema):
    episode_id: UUID
    begun: bool = Field(description="False until either of us begins it; then everything else is filled in.")
    step: str | None = Field(description="`felt`, `saw`, `past`, `my_part`, `plan`, `keep` or `done`.")
    step_name: str
    partner_name: str
    started_by_me: bool
    paused: bool = Field(description="Either of us paused it; nothing can be written or confirmed until resumed.")
    paused_by_me: bool
    paused_at: datetime | None
    finished: bool
    kept: bool | None = Field(description="Once it ended: whether we both chose to keep it. Null before.")
    my_keep: bool | None = Field(description="What I chose at the `keep` step; my partner's choice is not shown.")
    steps: list[StepOut] = Field(description="Every step in order, each with what I may read and write of it.")
    updated_at: datetime | None
