"""Body in the JSON API at /api/v1/body."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["body"])
