"""Short-lived tickets that let an app, which has a session token but no cookie, open the event stream.

Many WebSocket clients (the browser's API among them) cannot send an ``X-Session-Token`` header,
and a session token in a URL would sit in proxy and server logs for as long as it stays valid. So
the app trades its token for a ticket over the API and puts that in the URL instead: it is good for
one connection, within 30 seconds. A ticket remembers the session it was bought with, so the socket
it opens closes when that session is signed out.

Tickets live in the cache: Redis, shared by every web process, whenever there is more than one;
the in-memory cache is enough for the embedded setup's single web process.
"""

from __future__ import annotations

import hashlib
import secrets
import time

from django.core.cache import cache

from breathingroom.events.authority import Authority, of_session

TICKET_SECONDS = 30
# Tickets are 43 characters; anything much longer is not one, and is not worth hashing.
LONGEST_TICKET = 64


def _key(ticket: str) -> str:
    # Hashed, so anything a client sends makes a valid cache key, and the cache never holds a
    # ticket that could be used as it stands.
    return "events.ticket." + hashlib.sha256(ticket.encode()).hexdigest()


def issue(authority: Authority) -> str:
    ticket = secrets.token_urlsafe(32)
    # The deadline is stored as well as given to the cache: the cache's expiry only tidies up, and
    # backends differ in how exactly they honour it, while the rule must be the same everywhere.
    entry = {"person": authority.person_id, "session": authority.session_key, "until": time.time() + TICKET_SECONDS}
    cache.set(_key(ticket), entry, TICKET_SECONDS)
    return ticket


def redeem(ticket: str) -> Authority | None:
    """The session the ticket was issued under, while it still signs in the same active person, at most
    once; None if the ticket is unknown, used or expired, or its session is over.
    """
    if len(ticket) > LONGEST_TICKET:
        return None
    key = _key(ticket)
    entry = cache.get(key)
    if entry is None:
        return None
    # Single use must hold when two connections race with the same ticket, possibly in two
    # processes: both may read the entry, but only one delete can remove it, and Redis's DEL (like
    # the in-memory cache's lock) reports the removal to that one caller alone.
    if not cache.delete(key):
        return None
    if time.time() >= entry["until"]:
        return None
    authority = of_session(entry.get("session"))
    if authority is None or authority.person_id != entry["person"]:
        return None
    return authority
