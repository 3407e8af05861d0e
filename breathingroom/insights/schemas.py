"""What ``GET /api/v1/insights`` reads and answers: the page's figures, as numbers and lines."""

from __future__ import annotations

from datetime import date

from ninja import Field, Schema

from breathingroom.api.schemas import InURL
from breathingroom.insights.window import DEFAULT_PERIOD, Period, Stride

STEP = "`week` (each point a week, starting on its Monday) or `month` (starting on its first day)."


class InsightsQuery(InURL):
    period: Period = Field(
        DEFAULT_PERIOD,
        description=(
            "How far back: `3m` (13 weeks), `6m` (26 weeks), `1y` (52 weeks) or `all` (since our first break). "
            "It starts on a Monday, on my own calendar."
        ),
    )


class InsightSaidOut(Schema):
    summary: str = Field(description="The figure in one plain line, as the page says it.")
    meaning: str = Field(description="What is counted, when it needs saying; else empty.")


class InsightCountedOut(Schema):
    start: date
    breaks: int


class InsightBreaksOut(Schema):
    by: Stride = Field(description=STEP)
    points: list[InsightCountedOut] = Field(description="Every week or month of the period, empty ones too.")
    total: int


class InsightLengthPointOut(Schema):
    start: date
    breaks: int
    asked: float | None = Field(description="What was asked for, on average, in minutes; null with no break.")
    took: float | None = Field(description="The time apart, on average, in minutes; null with none measured.")


class InsightLengthsOut(Schema):
    by: Stride = Field(description=STEP)
    points: list[InsightLengthPointOut]
    breaks: int
    asked: float | None = Field(description="Minutes asked for, on average over the period (the first to step away).")
    took: float | None = Field(
        description="Minutes apart, on average: from stepping away until both were back (or both ready early)."
    )
    measured: int = Field(description="Breaks whose time apart is known: everyone on them came back.")
    longer_than_asked: int = Field(description="Measured breaks that lasted longer than asked, by more than the grace.")
    extended: int = Field(description="Breaks with more time asked for.")
    asked_shortest: int = Field(description="Asks for the shortest the agreement allowed at the time (or shorter).")
    asked_longest: int = Field(description="Asks for the longest the agreement allowed at the time (or longer).")
    beyond_longest: int = Field(description="Breaks whose time apart went past the longest the agreement allowed.")


class InsightTimingOut(Schema):
    name: str
    on_time: int
    late: int
    not_noted: int = Field(description="Breaks that ended without this partner marked as back.")


class InsightOnTimeOut(Schema):
    grace: int = Field(description="Minutes after the agreed time that still count as on time.")
    people: list[InsightTimingOut] = Field(description="Me first, then my partner: each one's own comings back.")


class InsightRepairPointOut(Schema):
    start: date
    repaired: int
    partly: int
    not_yet: int


class InsightRepairsOut(Schema):
    by: Stride = Field(description=STEP)
    points: list[InsightRepairPointOut] = Field(
        description="Each partner's own view of how it went, by when the break began; my partner's once it ended."
    )
    repaired: int
    partly: int
    not_yet: int


class InsightStrengthOut(Schema):
    start: date
    check_ins: int
    average: float | None = Field(description="The strongest place of each check-in, on average, 0 to 10.")


class InsightBodyLineOut(Schema):
    name: str
    mine: bool
    check_ins: int
    average: float | None
    points: list[InsightStrengthOut]


class InsightBodyOut(Schema):
    by: Stride = Field(description=STEP)
    lines: list[InsightBodyLineOut] = Field(
        description="Mine from all my check-ins; my partner's only from those shared with me now."
    )


class InsightOftenOut(Schema):
    value: str = Field(description="A listed key, or the person's own words.")
    words: str
    times: int


class InsightDanceLineOut(Schema):
    name: str
    mine: bool
    sides: int = Field(description="Sides counted: all of mine; only those my partner shares with me now.")
    moves: list[InsightOftenOut] = Field(description="The most frequent moves, most often first (up to 5).")
    triggers: list[InsightOftenOut] = Field(description="What set it off most often, most often first (up to 5).")


class OurInsightsOut(Schema):
    period: Period
    first: date = Field(description="The first day counted, on my calendar.")
    today: date
    breaks: InsightBreaksOut
    lengths: InsightLengthsOut
    on_time: InsightOnTimeOut
    repairs: InsightRepairsOut
    body: InsightBodyOut
    heat: list[list[int]] = Field(
        description="Breaks begun at each weekday (Monday first) and hour (0 to 23), on my own clock."
    )
    dance: list[InsightDanceLineOut] = Field(description="Me first, then my partner.")
    said: dict[str, InsightSaidOut] = Field(
        description="Each figure in a line: `breaks`, `lengths`, `on_time`, `repairs`, `body`, `heat`, `dance`."
    )
