"""What the agreement part of the JSON API reads and answers.

Request bodies only check the shape of the data; what a couple may agree is for ``Proposal.check``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import StrictBool, StrictInt, StrictStr

from breathingroom.agreements.models import (
    LONGEST_BREAK,
    MAX_EXTENSIONS,
    MAX_PRESETS,
    OWN_WAY_LENGTH,
    SHORTEST_BREAK,
    SHORTEST_CONTACT_EVERY,
    WORDS_LENGTH,
    Contact,
    Reconnect,
)
from breathingroom.api.schemas import Input


class TermsOut(Schema):
    version: int | None = Field(description="The agreement version these terms come from; null for the defaults.")
    shortest: int = Field(description="Minutes.")
    longest: int = Field(description="Minutes.")
    presets: list[int] = Field(description="The lengths offered when taking space, in minutes.")
    until_morning: bool = Field(description="Whether “until tomorrow morning” is offered too.")
    extensions: int = Field(description="How many times a break may be extended.")
    contact: Contact = Field(description="What the waiting partner may send during a break.")
    contact_every: int = Field(description="With contact “every”: the minutes between two “thinking of you”s.")
    reconnect: Reconnect
    own_way: str = Field(description="With reconnect “own”: how the couple reconnects, in their words.")


class AgreementSummary(Schema):
    version: int
    proposed_by: str | None = Field(description="The proposer's name; null if their account is gone.")
    proposed_by_me: bool
    proposed_at: datetime
    accepted_by: str | None
    accepted_at: datetime | None
    withdrawn: bool = Field(description="A newer proposal replaced this one before it was accepted.")


class AgreementOut(AgreementSummary):
    terms: TermsOut
    my_words: str = Field(description="What I would like to hear when my partner steps away, in this version.")
    partner_words: str = Field(description="What my partner would like to hear from me, in this version.")


class AgreementState(Schema):
    agreed: bool = Field(description="False while no version is accepted and the defaults apply.")
    in_force: AgreementOut | None
    pending: AgreementOut | None = Field(description="The proposal waiting for an answer, if any.")
    terms: TermsOut = Field(description="The terms every break follows now: those in force, or the defaults.")
    my_words: str
    partner_words: str
    versions: list[AgreementSummary] = Field(description="Every version, newest first.")


Minutes = Annotated[StrictInt, Field(ge=SHORTEST_BREAK, le=LONGEST_BREAK)]
MyWords = Field(None, max_length=WORDS_LENGTH, description="What I would like to hear when my partner steps away.")


class ProposalIn(Input):
    """A new version. Anything left out, or null, stays as it is in the terms that apply now."""

    shortest: Minutes | None = None
    longest: Minutes | None = None
    presets: list[Minutes] | None = Field(None, max_length=MAX_PRESETS)
    until_morning: StrictBool | None = None
    extensions: StrictInt | None = Field(None, ge=0, le=MAX_EXTENSIONS)
    contact: Contact | None = None
    contact_every: StrictInt | None = Field(
        None,
        ge=SHORTEST_CONTACT_EVERY,
        le=LONGEST_BREAK,
        description="The minutes between two “thinking of you”s, used while contact is “every”.",
    )
    reconnect: Reconnect | None = None
    own_way: StrictStr | None = Field(None, max_length=OWN_WAY_LENGTH)
    words: StrictStr | None = MyWords


class AcceptIn(Input):
    words: StrictStr | None = MyWords
