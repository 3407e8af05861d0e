"""Insights in the JSON API at /api/v1/insights: the figures the page draws, from the same describer."""

from __future__ import annotations

from ninja import Query, Router

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.api.schemas import Detail
from breathingroom.insights.figures import insights_of
from breathingroom.insights.schemas import InsightsQuery, OurInsightsOut

router = Router(tags=["insights"])


@router.get(
    "",
    response={200: OurInsightsOut, frozenset({401, 409}): Detail},
    summary="How it has been going",
    description=(
        "Counts over the chosen period: breaks per week (or month), lengths asked for and taken, coming back on "
        "time, how it went afterwards, how strong it felt in the body, when breaks begin, and the most frequent "
        "moves and triggers. Only counts, rates and trends, never a score. What my partner keeps private never "
        "counts: their check-ins and sides only while shared with me. Without a partner, 409."
    ),
)
def get_insights(request: AuthenticatedRequest, query: Query[InsightsQuery]):
    found = insights_of(request.user, query.period)
    return {
        **{name: getattr(found, name) for name in ("period", "first", "today", "breaks", "lengths", "repairs", "body")},
        "on_time": {"grace": found.on_time.grace, "people": found.on_time.people},
        "heat": [list(row) for row in found.heat.rows],
        "dance": found.dance,
        "said": found.said,
    }
