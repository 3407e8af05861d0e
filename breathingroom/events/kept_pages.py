"""The pages and API answers a couple asks for most, made once and served again until news.

Home, the live panel and the history are asked for again and again (every event, every poll, every
return to the app) while nothing they show has changed. A view marked ``@kept_until_news`` answers
a signed-in person from what it made for them last, for as long as all of these stay the same:

- the number of the person's newest event: every change their couple makes reaches them as one
  (``publish``), in the change's own transaction;
- the person's own stamp, kept with the answer: new after anything they send that may change
  something (any request that is not a GET or HEAD), and after any row that names them is saved
  or deleted, once its transaction commits, by a page, the worker or the admin alike (``changed``);
- the address with its query, the htmx headers, the language and the time zone;
- the moments the answer says it changes at: a page's ``data-refresh-at`` (the same moments its
  script asks for it again at, such as a break's agreed time), and any time still to come that an
  API answer names;
- the ten seconds of the clock the answer was made in: what depends on the time alone (how many
  minutes are left) is never older than that, and neither is anything a change could show without
  an event or a row of the person's.

The stamp is read before the view runs (with the kept answer, in one trip to the cache), so a
change that lands while it runs is kept with the stamp from before and never served after the
change's stamp replaces it. A stamp that is missing (evicted, or the cache emptied) is made new,
so a page made before can never be served again.

What is kept is sealed with the same keys as people's words in the database (``vault``), so a copy
of the cache, like a copy of the database, shows nothing readable. An answer that shows a one-time
message, sets a cookie or changes the session is not kept. The CSRF tokens in a kept page are put
back fresh for every request, exactly as rendering would.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import threading
import time
import zlib
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import (  # type: ignore[attr-defined]
    _unmask_cipher_token,  # the one way to tell a masked token's secret, as Django's own check does
    get_token,
)
from django.utils import timezone, translation

from breathingroom.accounts.models import Person
from breathingroom.events.until_news import newest_seq
from breathingroom.reading import SAFE_METHODS
from breathingroom.vault import keys

# How far behind the clock a kept answer may be.
CLOCK_SECONDS = 10
# Long enough to outlive every answer kept under the stamp.
STAMP_FOR = 60 * 60
# Not 204 ("nothing new since the page you have"): that answer names no moment of its own, and the
# page it speaks of may change at one.
KEPT_STATUSES = frozenset({200})
# A masked CSRF token: 64 letters and digits standing alone.
MASKED_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
# The moments a page says it changes at, and the times an API answer names.
REFRESH_AT = re.compile(rb'data-refresh-at="([^"]+)"')
JSON_TIME = re.compile(rb'"(\d{4}-\d\d-\d\dT\d\d:\d\d[^"]*)"')
# Where a token stood in a kept page; forms refuse the NUL character, so people's words cannot hold it.
TOKEN_MARK = b"\x00csrf\x00"

View = Callable[..., HttpResponseBase]


def _stamp_key(person_id: int) -> str:
    return f"kept:stamp:{person_id}"


def changed(*person_ids: int) -> None:
    """Nothing kept for these people is served again."""
    if person_ids:
        cache.set_many({_stamp_key(pk): time.time_ns() for pk in person_ids}, STAMP_FOR)


# Whose kept pages the open transaction on this thread has changed, told once it commits.
_pending = threading.local()


def changed_once_committed(*person_ids: int) -> None:
    """``changed``, once the transaction on now commits: until then every other request still reads
    what was there before, and a page made in between must not be kept under a stamp from before it.

    Every row a transaction saves names its people here, and they are told in one go at the commit,
    not one by one. Were that never to run (the process ends in between), the pages are at most ten
    seconds old. Outside a transaction the row is already committed: they are told now.
    """
    if not transaction.get_connection().in_atomic_block:
        changed(*person_ids)
        return
    waiting: set[int] | None = getattr(_pending, "people", None)
    if waiting is None:
        waiting = _pending.people = set()
    waiting.update(person_ids)
    # One hook per row, each cheap to queue: the first to run tells everyone gathered so far, and a
    # hook dropped with a savepoint rolled back leaves the others to do it.
    transaction.on_commit(_tell_pending)


def _tell_pending() -> None:
    people: set[int] | None = getattr(_pending, "people", None)
    if people:
        _pending.people = set()
        changed(*people)


def _new_stamp(person_id: int) -> int:
    key, stamp = _stamp_key(person_id), time.time_ns()
    # Another request may have made one first: theirs stands, and is the one used.
    if not cache.add(key, stamp, STAMP_FOR):
        stamp = cache.get(key, stamp)
    return int(stamp)


def _now() -> float:
    return time.time()


def _clock_slice() -> int:
    return int(_now()) // CLOCK_SECONDS


def _key(request: HttpRequest, person: Person) -> str:
    htmx = sorted((name, value) for name, value in request.headers.items() if name.lower().startswith("hx-"))
    parts = (
        request.get_full_path(),
        person.pk,
        # The same number can name someone else after a database is emptied (a test's, say).
        person.date_joined.timestamp(),
        newest_seq(person.pk),
        _clock_slice(),
        translation.get_language(),
        timezone.get_current_timezone_name(),
        htmx,
    )
    return "kept:page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _person(request: HttpRequest) -> Person | None:
    """Who a page's login cookie signs in."""
    user = getattr(request, "user", None)
    if isinstance(user, Person) and user.is_active:
        return user
    return None


def _kept(content: bytes, request: HttpRequest) -> list[bytes]:
    """The page in pieces around its CSRF tokens (each one of this browser's, masked anew)."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return [content]

    def mark(found: re.Match[bytes]) -> bytes:
        token = found.group().decode()
        return TOKEN_MARK if _unmask_cipher_token(token) == secret else found.group()

    return MASKED_TOKEN.sub(mark, content).split(TOKEN_MARK)


def _changes_at(response: HttpResponse) -> float | None:
    """The first moment still to come at which the answer would be made differently, as a timestamp."""
    json = response.get("Content-Type", "").startswith("application/json")
    found = (JSON_TIME if json else REFRESH_AT).findall(response.content)
    now = _now()
    moments = []
    for text in found:
        try:
            moment = datetime.fromisoformat(text.decode()).timestamp()
        except ValueError:
            continue
        if moment > now:
            moments.append(moment)
    return min(moments, default=None)


def _served(kept: dict[str, Any], request: HttpRequest) -> HttpResponse:
    pieces = zlib.decompress(keys.unseal(kept["content"])).split(TOKEN_MARK)
    # One masking for all of the page's tokens, as rendering it gives every form the same one.
    token = get_token(request).encode() if len(pieces) > 1 else b""
    content = token.join(pieces)
    response = HttpResponse(content, status=kept["status"])
    for name, value in kept["headers"]:
        response[name] = value
    return response


def _keepable(response: HttpResponseBase, request: HttpRequest, session_was_modified: bool) -> bool:
    session = getattr(request, "session", None)
    return (
        isinstance(response, HttpResponse)
        and response.status_code in KEPT_STATUSES
        and not response.cookies
        and not (session is not None and session.modified and not session_was_modified)
    )


def kept_until_news(view: View | None = None, *, signed_in: Callable[[HttpRequest], Person | None] = _person) -> Any:
    """Mark a view whose answer to a signed-in person may be served again until news (see above).

    ``signed_in`` says who asks, for a view that signs people in its own way (the API's token).
    """
    if view is None:
        return lambda view: kept_until_news(view, signed_in=signed_in)

    @wraps(view)
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not settings.KEEP_PAGES or request.method not in SAFE_METHODS:
            return view(request, *args, **kwargs)
        person = signed_in(request)
        # A one-time message is shown once, by the page that takes it.
        if person is None or len(get_messages(request)) > 0:
            return view(request, *args, **kwargs)
        key, stamp_key = _key(request, person), _stamp_key(person.pk)
        # The person's stamp and what was kept, in one trip to the cache.
        found = cache.get_many([stamp_key, key])
        stamp = found.get(stamp_key)
        if stamp is None:
            stamp = _new_stamp(person.pk)
        kept = found.get(key)
        if kept is not None and kept.get("stamp") == stamp and (kept["until"] is None or _now() < kept["until"]):
            # Sealed with a key since removed: made again.
            with contextlib.suppress(keys.UnreadableText):
                return _served(kept, request)
        session = getattr(request, "session", None)
        session_was_modified = bool(session is not None and session.modified)
        response = view(request, *args, **kwargs)
        if _keepable(response, request, session_was_modified):
            assert isinstance(response, HttpResponse)
            pieces = _kept(response.content, request)
            kept = {
                "stamp": stamp,
                "content": keys.seal(zlib.compress(TOKEN_MARK.join(pieces), 1)),
                "status": response.status_code,
                "until": _changes_at(response),
                "headers": [(name, value) for name, value in response.items() if name.lower() != "content-length"],
            }
            cache.set(key, kept, 2 * CLOCK_SECONDS)
        return response

    return answer


class ChangesForgetKeptPages:
    """Middleware: whatever a signed-in person sends that is not a GET or HEAD may change what their
    pages show, so nothing kept for them is served after it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            # Read after the answer: an app's token signs it in only inside the API.
            person = _person(request)
            if person is not None:
                changed(person.pk)
        return response


# Rows that change on their own rhythm and that a kept answer already follows: events by their number,
# open sockets, and each browser's last sight of the site.
NOT_WATCHED = frozenset({"events.Event", "events.Cursor", "events.Connection", "usersessions.UserSession"})


def _people_named(instance: object, fields: list[str]) -> list[int]:
    return [pk for pk in (getattr(instance, name) for name in fields) if isinstance(pk, int)]


def watch_rows() -> None:
    """Every saved or deleted row that names a person (or is one) makes that person's kept answers old,
    whoever changed it: a page, the worker, the admin."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    for model in apps.get_models():
        if model._meta.label in NOT_WATCHED:
            continue
        if issubclass(model, Person):
            fields = ["pk"]
        else:
            fields = [
                field.attname
                for field in model._meta.concrete_fields
                if field.is_relation and field.related_model is Person
            ]
        if not fields:
            continue

        def forget(sender: type, instance: object, *, named: list[str] = fields, **kwargs: object) -> None:
            people = _people_named(instance, named)
            if people:
                changed_once_committed(*people)

        post_save.connect(forget, sender=model, weak=False, dispatch_uid=f"kept-pages:{model._meta.label}")
        post_delete.connect(forget, sender=model, weak=False, dispatch_uid=f"kept-pages-gone:{model._meta.label}")


def forgets_kept_pages(callback: Callable[..., object]) -> bool:
    """Whether a hook run after a commit is the one that forgets kept pages: it loses nothing if it never runs."""
    return callback.__module__ == __name__
