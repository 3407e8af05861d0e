"""The repair conversation in the JSON API, under /api/v1/episodes/{id}/repair."""

from ninja import Router

router = Router(tags=["repair"])
