"""Numbered pages of a list, with bounds the document states and the database can hold."""

from __future__ import annotations

from typing import Any

from ninja import Field
from ninja.pagination import PageNumberPagination

from breathingroom.api.schemas import InURL, WholeNumber

# Far beyond any couple's history, and small enough that the offset it makes fits in every database's
# integer: a page past the end is simply empty.
LAST_PAGE = 100_000
LARGEST_PAGE_SIZE = 100


class Pages(PageNumberPagination):
    class Input(InURL):
        page: WholeNumber = Field(1, ge=1, le=LAST_PAGE)
        page_size: WholeNumber | None = Field(
            None, ge=1, le=LARGEST_PAGE_SIZE, description="Left out: the list's own size."
        )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_page_size=LARGEST_PAGE_SIZE, **kwargs)
