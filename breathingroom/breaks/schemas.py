"""What the breaks part of the JSON API reads and answers.

Request bodies only check the shape of the data; lengths, reassurances and answers are checked by
the domain, so the pages and the API refuse the same things with the same words.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated
from uuid import UUID

from ninja import Field, Schema
from pydantic import AfterValidator, StrictBool, StrictStr

from breathingroom.agreements.models import LONGEST_BREAK, SHORTEST_BREAK
from breathingroom.api.schemas import Input, Moment, WholeNumber
from breathingroom.breaks.models import REASSURANCE_LENGTH, SHORTEST_EXTENSION, TRY_LENGTH, Phase, Repair, Step, Timing
from breathingroom.breaks.reconnecting import FLOODED, MORE_MINUTES, MOST_MORE_TIMES, STRONGEST

# Every time the API answers with is in UTC, whatever offset it was given in.
Utc = Annotated[datetime, AfterValidator(lambda moment: moment.astimezone(UTC))]


Reassurance = Annotated[StrictStr, Field(max_length=REASSURANCE_LENGTH)]


class TakeSpaceIn(Input):
    """Either ``minutes`` or ``until_morning: true``; with both or neither, the answer is 400."""

    minutes: WholeNumber | None = Field(
        None,
        ge=SHORTEST_BREAK,
        le=LONGEST_BREAK,
        description="One of the agreement's lengths, or any length within it.",
    )
    until_morning: StrictBool = Field(False, description="Instead of minutes: until eight tomorrow morning, my time.")
    reassurance: Reassurance | None = Field(
        None,
        description="A few words for my partner. Left out: the words my partner asked to hear, or a gentle default.",
    )


class ExtendIn(Input):
    minutes: WholeNumber = Field(ge=SHORTEST_EXTENSION, le=LONGEST_BREAK, description="Minutes to add.")
    reassurance: Reassurance


class RitualCheckInIn(Input):
    strength: WholeNumber = Field(ge=0, le=STRONGEST, description=f"0 (calm) to {STRONGEST} (overwhelmed).")
    shared: StrictBool = Field(
        False, description="Show the number to my partner; otherwise they see only that I checked in."
    )


class OutcomeIn(Input):
    timing: Timing
    repair: Repair
    next_talk_at: Moment | None = Field(None, description="Needed when either answer is “not yet”.")


class HeardIn(Input):
    turn: Step = Field(description="The turn I spoke in; if it has already moved on, nothing changes.")
    yes: StrictBool = Field(description="“Yes, I was heard” ends the turn; “not quite” asks my partner to try again.")


class ReconnectionIn(Input):
    """Any of the ritual's steps, applied in this order; all of them happen, or none."""

    check_in: RitualCheckInIn | None = None
    back: StrictBool = Field(False, description="I was on the break and I am here now.")
    move_on_from: Step | None = Field(
        None, description="Go on from this step; if it has already moved on, nothing changes."
    )
    breathe: StrictBool = Field(
        False, description="While settling: start one slow breath together, timed by the server's clock."
    )
    more_minutes: WholeNumber | None = Field(
        None,
        ge=min(MORE_MINUTES),
        le=max(MORE_MINUTES),
        description=(
            f"While settling, or while late coming back: wait this many more minutes, one of {list(MORE_MINUTES)}, "
            f"at most {MOST_MORE_TIMES} times a reconnection. Both are told."
        ),
    )
    go_on: StrictBool = Field(False, description="While settling: I choose to talk now, even if I am still stirred up.")
    said_back: Step | None = Field(
        None, description="As the listener of this turn: I said back what I heard. If it has moved on, nothing changes."
    )
    heard: HeardIn | None = Field(None, description="As the speaker of this turn: whether I was heard.")
    next_try: StrictStr | None = Field(
        None, max_length=TRY_LENGTH, description="The one small thing I will try next time."
    )
    outcome: OutcomeIn | None = Field(
        None,
        description=(
            "How it went, as I see it. The break closes once both of us have said, or an hour after the first "
            "if the other does not."
        ),
    )


class TakerOut(Schema):
    name: str
    is_me: bool
    reassurance: str
    minutes: int = Field(description="The length this partner chose when they stepped away.")
    joined_at: Utc
    ready: bool = Field(description="Said “I'm ready to talk” before the time.")


class ThinkingOfYouOut(Schema):
    allowed: bool = Field(description="Whether I may send one now.")
    reason: str | None = Field(description="Why not, in plain words.")
    received: int = Field(description="How many my partner sent me while I was on this break.")


class BreakOut(Schema):
    id: UUID
    phase: Phase
    started_at: Utc
    returns_at: Utc = Field(description="The agreed time to come back.")
    reconnect_at: Utc = Field(description="When the reconnection starts: the agreed time, or earlier if all are ready.")
    overdue: bool
    extensions_used: int
    extensions_left: int
    takers: list[TakerOut]
    i_am_on_break: bool
    thinking_of_you: ThinkingOfYouOut


class OutcomeSummary(Schema):
    timing: Timing
    repair: Repair
    recorded_at: Utc


class OutcomeView(OutcomeSummary):
    name: str
    is_me: bool
    next_talk_at: Utc | None = Field(description="After a “not yet”: when we talk again.")


class CheckInInHistory(Schema):
    name: str
    is_me: bool
    strength: int | None = Field(description="My own number; my partner's only if they chose to share it.")


class TryInHistory(Schema):
    name: str
    is_me: bool
    text: str


class BreakInHistory(BreakOut):
    outcome: OutcomeSummary | None = Field(description="How the reconnection went, as first recorded.")
    asked_minutes: int = Field(description="The length asked for on stepping away.")
    actual_minutes: int | None = Field(description="From stepping away until everyone was back; null until then.")
    came_back: Timing = Field(description="Back on time, late, or not (yet) back, from who came back when.")
    check_ins: list[CheckInInHistory]
    tries: list[TryInHistory] = Field(description="The one thing each of us said we would try next time.")
    outcomes: list[OutcomeView] = Field(description="How it went, from each of us who said so.")
    next_talk_at: Utc | None = Field(description="After a “not yet”: when we talk again.")


class SentOut(Schema):
    sent_at: Utc


class MyCheckIn(Schema):
    strength: int
    shared: bool


class PartnerCheckIn(Schema):
    checked_in: bool
    strength: int | None = Field(description="Only when my partner chose to share it.")


class CheckInsOut(Schema):
    mine: MyCheckIn | None
    partner: PartnerCheckIn


class NextTryOut(Schema):
    name: str
    is_me: bool
    text: str


class SettlingOut(Schema):
    flooded: bool = Field(
        description=f"A check-in is {FLOODED} or more, so the ritual settles before talking. Whose is not said."
    )
    i_am_flooded: bool
    partner_flooded: bool = Field(description="Only when my partner shared their number.")
    i_am_ready: bool = Field(description="While settling: I checked in lower again, or chose to go on.")
    partner_ready: bool
    breath_at: Utc | None = Field(description="When the breath taken together starts, by the server's clock.")
    breath_ends_at: Utc | None
    more_until: Utc | None = Field(description="A few more minutes were asked for: the ritual waits until then.")
    may_ask_more: bool
    more_minutes: list[int]
    more_times_left: int


class TurnOut(Schema):
    i_speak: bool
    said_back: bool = Field(description="The listener said back what they heard.")
    not_quite: bool = Field(description="The speaker said “not quite”: the listener tries again.")


class OutcomeViewOut(Schema):
    name: str
    is_me: bool
    timing: Timing
    repair: Repair
    next_talk_at: Utc | None
    recorded_at: Utc


class ReconnectionOut(Schema):
    break_id: UUID
    step: Step
    first_speaker: str | None
    first_speaker_is_me: bool
    check_ins: CheckInsOut
    next_tries: list[NextTryOut]
    settling: SettlingOut
    turn: TurnOut | None = Field(description="During the turns.")
    outcomes: list[OutcomeViewOut] = Field(
        description="How each of us said it went: mine, and my partner's once both are in or the break closed."
    )
    outcomes_shown: bool
    partner_recorded: bool
    closed: bool
    timing: Timing | None = Field(description="From the first view recorded that I may see, as in `outcomes`.")
    repair: Repair | None
    next_talk_at: Utc | None
    recorded_by: str | None
    recorded_at: Utc | None
    suggested_timing: Timing = Field(
        description="What the app would answer for “back on time?”, from who came back when."
    )


class TalkAgainIn(Input):
    """Another time, or that we talked; with neither, nothing changes."""

    at: Moment | None = Field(None, description="Another time, within two weeks: both are called then instead.")
    talked: StrictBool = Field(False, description="We talked about it: nobody is called to it any more.")


class TalkAgainOut(Schema):
    break_id: UUID
    at: Utc = Field(description="The time we chose to talk again after a “not yet”.")
    sequence: int = Field(description="Raised each time the time moves, as in its calendar file.")
    called: bool = Field(description="The time came and we were both called.")
    talked_at: Utc | None = Field(description="When one of us said we talked.")
