"""Softstart in the JSON API at /api/v1/soft-start."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["softstart"])
