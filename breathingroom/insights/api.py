"""Insights in the JSON API at /api/v1/insights."""

from ninja import Router

router = Router(tags=["insights"])
