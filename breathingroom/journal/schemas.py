"""What the journal part of the JSON API reads and answers.

Bodies check only the shape; whether words may be kept, and which prompt keys exist, is decided by
``entries``, so the pages and the API refuse the same things with the same words.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated
from uuid import UUID

from ninja import Field, Schema
from pydantic import StrictStr

from breathingroom.api.schemas import Input, InURL, WholeNumber
from breathingroom.journal.models import ENTRY_LENGTH, LAST_VERSION
from breathingroom.journal.prompts import PROMPT_KEY_LENGTH, Lens, Prompt
from breathingroom.journal.search import QUERY_LENGTH

Words = Annotated[StrictStr, Field(max_length=ENTRY_LENGTH, description=f"Up to {ENTRY_LENGTH} characters.")]


class Whose(StrEnum):
    MINE = "mine"
    PARTNER = "partner"


class ListQuery(InURL):
    q: str = Field(
        "",
        max_length=QUERY_LENGTH,
        description=(
            "Only with `whose=mine`: the entries in which every word appears, in any order, as a word or part "
            "of one; capitals and accents make no difference. Empty: every entry."
        ),
    )
    whose: Whose = Field(
        Whose.MINE,
        description=(
            "`mine`: my own entries, newest first. `partner`: those my partner shares with me now, newest share first."
        ),
    )


class EntryIn(Input):
    text: Words
    prompt: StrictStr = Field(
        "",
        max_length=PROMPT_KEY_LENGTH,
        description="The key of the prompt it begins from (see `GET /journal/prompts`); empty for none.",
    )


class EntryEdit(Input):
    text: Words
    version: WholeNumber | None = Field(
        None,
        ge=1,
        le=LAST_VERSION,
        description=(
            "The version these words change. If the entry changed since, nothing is saved and the answer is 409."
        ),
    )


class QuestionOut(Schema):
    key: str
    text: str

    @staticmethod
    def resolve_text(prompt: Prompt) -> str:
        return str(prompt.text)


class PromptOut(QuestionOut):
    lens: str = Field(description="The key of its lens.")

    @staticmethod
    def resolve_lens(prompt: Prompt) -> str:
        return prompt.lens.key


class LensOut(Schema):
    key: str
    name: str
    why: str
    prompts: list[QuestionOut]

    @staticmethod
    def resolve_name(lens: Lens) -> str:
        return str(lens.name)

    @staticmethod
    def resolve_why(lens: Lens) -> str:
        return str(lens.why)


class EntryOut(Schema):
    id: UUID
    text: str
    prompt: PromptOut | None
    written_at: datetime
    mine: bool = Field(description="False for an entry my partner shares with me: I may read it, nothing more.")
    author: str
    shared: bool = Field(description="Shared with the partner now.")
    shared_at: datetime | None
    edited_at: datetime | None = Field(description="When its words last changed; only on my own entries.")
    version: int | None = Field(description="Counts each change of its words; only on my own entries.")
    shared_with: str | None = Field(description="On my own shared entry: my partner's name.")
