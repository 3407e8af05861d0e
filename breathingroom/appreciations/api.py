"""Appreciations in the JSON API at /api/v1/appreciations."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["appreciations"])
