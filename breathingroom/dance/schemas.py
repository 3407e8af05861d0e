"""What the episodes and cycle part of the JSON API reads and answers.

Bodies check only the shape; which moves and keys exist and how long words may be is decided by
``episodes``, so the pages and the API refuse the same things with the same words.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from ninja import Field, Schema
from pydantic import StrictStr

from breathingroom.api.schemas import Input, WholeNumber
from breathingroom.dance.models import FEAR_LENGTH, FEELING_LENGTH, LAST_VERSION, NEED_LENGTH, TRIGGER_LENGTH
from breathingroom.dance.vocabulary import Move

OWN_WORDS = "A key from `GET /episodes/vocabulary`, or my own words."


def _text(limit: int, what: str) -> object:
    return Field("", max_length=limit, description=f"{what} {OWN_WORDS} Up to {limit} characters; empty for none.")


class EpisodeIn(Input):
    break_id: UUID | None = Field(
        None,
        description=(
            "The break it followed (it must have ended). Each break has one episode: asking again, from either "
            "partner, answers with the same one. Left out: an episode on its own, happening now."
        ),
    )


class SideIn(Input):
    trigger: StrictStr = _text(TRIGGER_LENGTH, "What set it off.")  # type: ignore[assignment]
    move: Move = Field(description="What I did.")
    surface_feeling: StrictStr = _text(FEELING_LENGTH, "What I felt on the surface.")  # type: ignore[assignment]
    deeper_feeling: StrictStr = _text(FEELING_LENGTH, "What I felt underneath.")  # type: ignore[assignment]
    fear: StrictStr = _text(FEAR_LENGTH, "What I feared.")  # type: ignore[assignment]
    need: StrictStr = _text(NEED_LENGTH, "What I needed.")  # type: ignore[assignment]
    version: WholeNumber | None = Field(
        None,
        ge=1,
        le=LAST_VERSION,
        description=(
            "The `version` of my side these words change. If it changed meanwhile elsewhere, the answer is 409 "
            "and nothing is saved. Left out: saved over whatever is there."
        ),
    )


class SaidOut(Schema):
    value: str = Field(description="As stored: a listed key, or my own words.")
    words: str = Field(description="How it reads.")


class SideOut(Schema):
    author: str
    mine: bool
    move: SaidOut
    trigger: SaidOut
    surface_feeling: SaidOut
    deeper_feeling: SaidOut
    fear: SaidOut
    need: SaidOut
    shared: bool
    shared_at: datetime | None
    updated_at: datetime
    version: int | None = Field(description="On my own side only.")


class EpisodeOut(Schema):
    id: UUID
    happened_at: datetime
    created_at: datetime
    break_id: UUID | None
    started_by: str
    started_by_me: bool
    mine: SideOut | None = Field(description="My side, shared or not; null until I write it.")
    partner: SideOut | None = Field(description="My partner's side, only while they share it.")
    partner_name: str
    both_shared: bool
    repair_step: str | None = Field(description="Where the repair conversation is; null if none was begun.")


class ChoiceOut(Schema):
    key: str
    name: str
    hint: str = ""


class SideWordsOut(Schema):
    moves: list[ChoiceOut]
    triggers: list[ChoiceOut]
    feelings: list[ChoiceOut]
    fears: list[ChoiceOut]
    needs: list[ChoiceOut]


class InTheCycleOut(Schema):
    name: str
    move: str | None = Field(description="The move key this partner makes most often in the episodes counted.")
    deeper_feeling: str | None
    fear: str | None
    need: str | None


class CycleOut(Schema):
    pattern: str | None = Field(
        description="`pursue_withdraw`, `attack_attack` or `withdraw_withdraw`; null until there is enough to name one."
    )
    episodes: int = Field(description="How many episodes, with both sides shared now, the map is drawn from.")
    partners: list[InTheCycleOut] = Field(description="Me first, then my partner.")
    name: str = Field(description="The pattern's name, in words; empty when none is named.")
    summary: list[str] = Field(description="The loop in sentences, or what is missing before it can be drawn.")
