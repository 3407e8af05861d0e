from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from breathingroom.events.until_news import newest_seq


def live(request: HttpRequest) -> dict[str, object]:
    """The id of the newest event a signed-in page was rendered after: where its socket picks up."""

    def after() -> int:
        return newest_seq(request.user.pk) if request.user.is_authenticated else 0

    return {"events_after": SimpleLazyObject(after)}
