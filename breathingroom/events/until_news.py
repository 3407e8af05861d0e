"""What is worked out from a couple's history, kept until the person's next event.

Every change a person's pages can show reaches them as an event, numbered in order, in the change's
own transaction (``publish``). A figure worked out from the couple's history, such as whether their
figures say they are stuck, is kept in the cache under the number of the person's newest event, and
worked out again only once a newer one exists: asked of the database once per change rather than on
every page, and never older than the page's own live updates.

The number is read before the figure is worked out, so a change that lands in between is at worst
kept under the older number, and worked out again once the page hears of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from breathingroom.events.publish import latest_seq
from breathingroom.reading import once

T = TypeVar("T")

# Past this, a figure is worked out again even with no news (an upgrade that changes how it is worked out).
KEEP_FOR = 60 * 60


def newest_seq(person_id: int) -> int:
    """``latest_seq``, read once per page: the page's live updates start from the same number."""
    return once(("latest_seq", person_id), lambda: latest_seq(person_id))


def kept_until_news(person_id: int, name: str, work_out: Callable[[], T]) -> T:
    """``work_out()``, or what it gave since ``person_id``'s newest event."""
    key = f"until-news:{name}:{person_id}:{newest_seq(person_id)}"
    kept = cache.get(key)
    if kept is not None:
        return kept[0]
    value = work_out()
    cache.set(key, (value,), KEEP_FOR)
    return value
