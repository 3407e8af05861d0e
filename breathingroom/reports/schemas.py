"""What the reports part of the JSON API reads and answers.

Bodies check only the shape; what a period may be and what a report may hold is decided by
``making``, so the page and the API refuse the same things with the same words.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from ninja import Field, Schema

from breathingroom.api.schemas import Day, Input
from breathingroom.reports.models import ReportKind


class ReportIn(Input):
    start: Day = Field(description="The first day covered, on my own calendar.")
    end: Day = Field(description="The last day covered (included), today at the latest; at most a year after `start`.")
    kinds: list[ReportKind] = Field(
        min_length=1,
        max_length=len(ReportKind.values),
        description=(
            "What it holds: `agreement` (the version in force at the end), `breaks` (each break and how it went), "
            "`insights` (the period's figures), `cycle` (our cycle map), `episodes` (the sides each of us let in)."
        ),
    )


class ReportOut(Schema):
    id: UUID
    start: date
    end: date
    time_zone: str = Field(description="The calendar the period's days are on: its maker's, when made.")
    kinds: list[str]
    made_by: str
    made_at: datetime
    page_url: str = Field(description="The printable page, for a browser signed in as either of us.")
    pdf_url: str = Field(description="The same report as a PDF.")


class ReportSideIn(Input):
    included: list[UUID] = Field(
        max_length=10_000,
        description="The episodes whose side of mine goes into reports; my other shared sides are taken out.",
    )


class ReportSideOut(Schema):
    episode_id: UUID
    happened_at: datetime
    move: str
    included: bool
