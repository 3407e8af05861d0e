"""What one page asks the database for more than once, read once per page.

A page and the parts around it (the header's break banner, the live part, the lesson and help
offers) each ask for this person's couple, the break on now and the agreement in force: Home during a
break made 44 queries, most of them the same few asked again. While a request that changes nothing
is answered (GET or HEAD), those answers are kept for the rest of that request, and only for it.
Anything that changes data runs in a request of another method, or outside any request, where every
read goes to the database: what a change decides on is always what is there now.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import TypeVar

from django.http import HttpRequest, HttpResponseBase

T = TypeVar("T")

_kept: ContextVar[dict[Hashable, object] | None] = ContextVar("kept_for_this_request", default=None)

SAFE_METHODS = frozenset({"GET", "HEAD"})


def once(key: Hashable, read: Callable[[], T]) -> T:
    """``read()``, or what it gave earlier in this request for ``key``."""
    kept = _kept.get()
    if kept is None:
        return read()
    if key not in kept:
        kept[key] = read()
    return kept[key]  # type: ignore[return-value]


class ReadOnce:
    """Middleware: keep answers for the length of one GET or HEAD request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method not in SAFE_METHODS:
            return self.get_response(request)
        token = _kept.set({})
        try:
            return self.get_response(request)
        finally:
            _kept.reset(token)
