"""What the agreement part of the JSON API reads and answers.

Request bodies only check the shape of the data; what a couple may agree is for ``Proposal.check``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import StrictBool, StrictStr

from breathingroom.agreements.models import (
    LAST_VERSION,
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
from breathingroom.agreements.rhythm import MOST_RHYTHM_TIMES, WHAT_LENGTH, ZONE_LENGTH, RhythmKind
from breathingroom.api.schemas import ClockIn, ClockOut, Input, InURL, WholeNumber


class RhythmTimeOut(Schema):
    id: str = Field(description="Names this time within its version, for skipping one of its moments.")
    days: list[int] = Field(description="Days of the week, 0 (Monday) to 6 (Sunday).")
    at: ClockOut = Field(description="The time of day on the rhythm's clock (`rhythm_zone`).")
    what: str = Field(description="What this time is, in the couple's words.")
    kind: RhythmKind | None = Field(description="Together, each on our own, or both; null if left open.")


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
    rhythm: list[RhythmTimeOut] = Field(description="The everyday rhythm: times set aside, at most six.")
    rhythm_zone: str = Field(
        description="The time zone every rhythm time is read in (each partner is reminded at that same "
        "moment, shown on their own clock); empty while there is no agreement."
    )


class RhythmMomentOut(Schema):
    id: str = Field(description="The rhythm time this moment belongs to.")
    what: str
    at: datetime = Field(description="The moment itself: happening now (for up to an hour) or next.")
    now: bool = Field(description="The moment has come and is still within its hour.")
    skipped: bool = Field(description="One of the two is letting this moment pass: no reminder goes.")
    skipped_by_me: bool


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
    rhythm_next: list[RhythmMomentOut] = Field(
        description="Each rhythm time of the version in force at its current or next moment, soonest first."
    )


Minutes = Annotated[WholeNumber, Field(ge=SHORTEST_BREAK, le=LONGEST_BREAK)]
MyWords = Field(None, max_length=WORDS_LENGTH, description="What I would like to hear when my partner steps away.")


class RhythmTimeIn(Input):
    days: list[Annotated[WholeNumber, Field(ge=0, le=6)]] = Field(
        min_length=1, max_length=7, description="Days of the week, 0 (Monday) to 6 (Sunday)."
    )
    at: ClockIn = Field(description="The time of day on the rhythm's clock.")
    what: StrictStr = Field(max_length=WHAT_LENGTH, description="What this time is, in a few words of your own.")
    kind: RhythmKind | None = None


class ProposalIn(Input):
    """A new version. Anything left out, or null, stays as it is in the terms that apply now."""

    shortest: Minutes | None = None
    longest: Minutes | None = None
    presets: list[Minutes] | None = Field(None, max_length=MAX_PRESETS)
    until_morning: StrictBool | None = None
    extensions: WholeNumber | None = Field(None, ge=0, le=MAX_EXTENSIONS)
    contact: Contact | None = None
    contact_every: WholeNumber | None = Field(
        None,
        ge=SHORTEST_CONTACT_EVERY,
        le=LONGEST_BREAK,
        description="The minutes between two “thinking of you”s, used while contact is “every”.",
    )
    reconnect: Reconnect | None = None
    own_way: StrictStr | None = Field(None, max_length=OWN_WAY_LENGTH)
    words: StrictStr | None = MyWords
    rhythm: list[RhythmTimeIn] | None = Field(
        None, max_length=MOST_RHYTHM_TIMES, description="The whole rhythm; an empty list has none."
    )
    rhythm_zone: StrictStr | None = Field(
        None,
        max_length=ZONE_LENGTH,
        description="An IANA time zone name the rhythm keeps, like “Europe/Berlin”. Left out, it stays as it "
        "is, or is the proposer's own zone for a first rhythm.",
    )


class ProposalAt(InURL):
    version: WholeNumber = Field(ge=1, le=LAST_VERSION)


class AcceptIn(Input):
    words: StrictStr | None = MyWords
