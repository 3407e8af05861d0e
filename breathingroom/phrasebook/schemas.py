"""What the phrasebook part of the JSON API reads and answers.

Request bodies only check the shape of the data; what may be kept is for ``words``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import StrictStr

from breathingroom.api.schemas import Input
from breathingroom.phrasebook.models import NAME_LENGTH, SIGNAL_LENGTH, WHY_LENGTH, WordKind


class BuiltInWordOut(Schema):
    key: str = Field(description="Stable: names this word whatever language it is shown in.")
    name: str
    why: str = Field(description="One line on what it means.")


class NeedOut(BuiltInWordOut):
    hear: str = Field(description="Words that meet this need, said by the one stepping away; may be empty.")


class OwnWordOut(Schema):
    id: UUID
    kind: WordKind
    name: str
    why: str = Field(description="What it means to the couple; may be empty.")
    added_by: str | None = Field(description="The name of the partner who added it.")
    added_by_me: bool = Field(description="Only the one who added a word may change or remove it.")
    added_at: datetime
    changed_at: datetime | None


class SignalPhraseOut(Schema):
    words: str
    set_by: str | None = Field(description="The name of the partner who set these words.")
    set_by_me: bool
    set_at: datetime


class PhrasebookOut(Schema):
    paired: bool = Field(description="False for someone without a partner, who sees the built-in words alone.")
    signal_phrase: SignalPhraseOut | None = Field(
        description="The couple's words for “I need space, and I'm coming back”; null until one of them sets it."
    )
    needs: list[NeedOut] = Field(description="The built-in needs.")
    boundaries: list[BuiltInWordOut] = Field(description="The built-in boundaries.")
    own: list[OwnWordOut] = Field(description="Needs and boundaries in the couple's own words, oldest first.")


class PhrasebookChange(PhrasebookOut):
    added: OwnWordOut | None = Field(
        description="The word this request added, or the same word already there; null for the signal phrase."
    )


class PhrasebookIn(Input):
    """A need or a boundary in our own words, or our signal phrase."""

    kind: Literal["need", "boundary", "signal_phrase"]
    name: StrictStr = Field(
        max_length=max(NAME_LENGTH, SIGNAL_LENGTH),
        description=f"The word, in a few words (up to {NAME_LENGTH} characters); for kind signal_phrase, "
        f"the phrase itself (up to {SIGNAL_LENGTH}).",
    )
    why: StrictStr | None = Field(
        None,
        max_length=WHY_LENGTH,
        description="What the word means to us. A signal phrase is its words alone: with kind signal_phrase, "
        "a why is refused (400).",
    )


class OwnWordChange(Input):
    """New words for a word I added; a part left out stays as it is."""

    name: StrictStr | None = Field(None, max_length=NAME_LENGTH)
    why: StrictStr | None = Field(None, max_length=WHY_LENGTH, description="An empty text takes it away.")
