"""Phrasebook in the JSON API at /api/v1/phrasebook."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["phrasebook"])
