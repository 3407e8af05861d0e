"""Short-lived tickets that let an app, which has a session token but no cookie, open the event stream.

Many WebSocket clients (the browser's API among them) cannot send an ``X-Session-Token`` header,
and a session token in a URL would sit in proxy and server logs for as long as it stays valid. So
the app trades its token for a ticket over the API and puts that in the URL instead: it is good for
one connection, within 30 seconds.

Tickets live in the cache: Redis, shared by every web process, whenever there is more than one;
the in-memory cache is enough for the embedded setup's single web process.
"""

from __future__ import annotations

import hashlib
import secrets
import time

from django.core.cache import cache

from breathingroom.accounts.models import Person

TICKET_SECONDS = 30


def _key(ticket: str) -> str:
    # Hashed, so anything a client sends makes a valid cache key, and the cache never holds a
    # ticket that could be used as it stands.
    return "events.ticket." + hashlib.sha256(ticket.encode()).hexdigest()


def issue(person: Person) -> str:
    ticket = secrets.token_urlsafe(32)
    # The deadline is stored as well as given to the cache: the cache's expiry only tidies up, and
    # backends differ in how exactly they honour it, while the rule must be the same everywhere.
    cache.set(_key(ticket), {"person": person.pk, "until": time.time() + TICKET_SECONDS}, TICKET_SECONDS)
    return ticket


def redeem(ticket: str) -> Person | None:
    """The active person the ticket was issued to, at most once; None if unknown, used or expired."""
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
    return Person.objects.filter(pk=entry["person"], is_active=True).first()
