"""Journal in the JSON API at /api/v1/journal."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["journal"])
