"""Sessions in the database, as Django keeps them, read without compiling a query on every request.

Every signed-in request and every app's token reads its session; ``rows.Row`` makes that read the
same query the ORM would make, written once. Nothing is cached: a session ended anywhere (signing
out, "sign out everywhere else", a deleted account, rows removed by hand) is over on the next request.
"""

from __future__ import annotations

from allauth.headless.internal import sessionkit
from allauth.headless.tokens.strategies.sessions import SessionTokenStrategy
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from breathingroom.rows import Row

_LIVE = Row(Session, "session_key", "expire_date__gt", fields=["session_key", "session_data", "expire_date"])
_ANY = Row(Session, "session_key", fields=["session_key"])


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Session | None:
        found = _LIVE.get(self.session_key, timezone.now()) if self.session_key else None
        if found is None:
            # As Django's own store does: a key that finds nothing is not kept.
            self._session_key = None
        return found

    def exists(self, session_key: str | None) -> bool:
        return bool(session_key) and _ANY.get(session_key) is not None


class SessionTokens(SessionTokenStrategy):
    """allauth's app session tokens (the token is the session's key), each found with one read.

    allauth's strategy asks whether the session exists, then reads it: two queries on every API
    request. allauth's own ``lookup_session`` reads it at once (through ``SESSION_ENGINE``), which
    answers both: a missing or expired key is no session, as before.
    """

    def lookup_session(self, session_token: str) -> SessionBase | None:
        return sessionkit.lookup_session(session_token)
