"""What a socket stands on, and closing every socket whose ground is gone, in every process at once.

A socket is opened under one session of one person: a browser's login cookie, or the app session
whose token bought its ticket (an app's session token is its session's key). It may go on only while
that session still signs that active person in. Signing out, signing out everywhere else, a new
password and deleting the account end that at once; leaving the couple changes what the person's
pages show, so their sockets start again. The word goes through the channel layer, which reaches
every process with Redis, and every delivery checks again in case the word was lost.

Events are sent by ``publish`` alone; this module sends none, it only tells sockets to close.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Collection
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from allauth.core.internal.sessionkit import get_session_user
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from breathingroom.accounts.models import Person
from breathingroom.events.publish import group_for

log = logging.getLogger(__name__)

# Like HTTP's 401: this socket's sign-in is over; a page loads again, an app signs in or takes a ticket.
UNAUTHORIZED = 4401
# What the socket was opened for has changed (the couple ended): open a new one.
START_AGAIN = 4000
# As long as a change's live delivery may wait on the channel layer, for the same reason.
CLOSE_WITHIN = 1.0


@dataclass(frozen=True)
class Authority:
    person_id: int
    session_key: str
    # The person's session hash when the socket opened: a new password gives a new one.
    fingerprint: str

    @property
    def group(self) -> str:
        return group_for_session(self.session_key)


def group_for_session(session_key: str) -> str:
    # Hashed, so the channel layer (Redis) never holds a key that could sign anyone in.
    return "session." + hashlib.sha256(session_key.encode()).hexdigest()


def of_session(session_key: str | None) -> Authority | None:
    """Who ``session_key`` signs in now, checked exactly as Django checks each request; None if nobody."""
    if not session_key:
        return None
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    person = get_session_user(store)
    if not isinstance(person, Person):
        return None
    return Authority(person.pk, session_key, person.get_session_auth_hash())


def of_request(request: HttpRequest) -> Authority | None:
    """The session a request was signed in by: its app session token first, as the API reads them, or its cookie."""
    for session_key in (request.headers.get("X-Session-Token"), request.session.session_key):
        found = of_session(session_key)
        if found is not None and found.person_id == request.user.pk:
            return found
    return None


def holds(authority: Authority) -> bool:
    """Whether the session still signs its person in: two indexed lookups, cheap enough for every delivery.

    A session's key never passes to someone else (signing in always makes a new one), so a session
    that still exists, unexpired, for an active person whose password is unchanged, still holds.
    """
    return authority in holding([authority])


def holding(authorities: Collection[Authority]) -> set[Authority]:
    """Those of ``authorities`` that still hold (see ``holds``), in two queries however many there are."""
    live = set(
        Session.objects.filter(
            session_key__in={held.session_key for held in authorities}, expire_date__gt=timezone.now()
        ).values_list("session_key", flat=True)
    )
    passwords = dict(
        Person.objects.filter(
            pk__in={held.person_id for held in authorities if held.session_key in live}, is_active=True
        ).values_list("pk", "password")
    )
    return {
        held
        for held in authorities
        if held.session_key in live and held.person_id in passwords and _same_password(passwords[held.person_id], held)
    }


def _same_password(password: str, authority: Authority) -> bool:
    # A new password gives a new session hash: what was opened under the old one no longer holds.
    return constant_time_compare(Person(password=password).get_session_auth_hash(), authority.fingerprint)


def close_session(session_key: str | None) -> None:
    """Close, once the change commits, every socket opened under this session."""
    if session_key:
        _close(group_for_session(session_key), UNAUTHORIZED)


def close_person(person_id: int, *, code: int = UNAUTHORIZED, keeping: str | None = None) -> None:
    """Close, once the change commits, every socket of this person, but those of the session ``keeping``."""
    _close(group_for(person_id), code, keeping=group_for_session(keeping) if keeping else "")


def _close(group: str, code: int, keeping: str = "") -> None:
    message = {"type": "socket.close", "code": code, "keeping": keeping}
    transaction.on_commit(lambda: _send(group, message), robust=True)


def _send(group: str, message: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return

    async def send() -> None:
        await asyncio.wait_for(layer.group_send(group, message), CLOSE_WITHIN)

    try:
        async_to_sync(send)()
    except Exception as error:
        # Never a reason to undo signing out: each socket checks its session again before it sends.
        log.warning("Could not close sockets at once (%s); they close at their next delivery", type(error).__name__)
