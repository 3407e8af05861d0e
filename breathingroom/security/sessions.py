from __future__ import annotations

from collections.abc import Iterable

from allauth.core import context
from allauth.usersessions.adapter import DefaultUserSessionsAdapter
from allauth.usersessions.models import UserSession

from breathingroom.events import authority
from breathingroom.security import log
from breathingroom.security.models import Kind


class UserSessionsAdapter(DefaultUserSessionsAdapter):
    """Ending sessions on other devices ("sign out everywhere else") goes into the person's log, and
    closes their sockets.

    allauth sends no signal for it, and this is the one place both the page and the app API pass.
    """

    def end_sessions(self, sessions: Iterable[UserSession]) -> None:
        sessions = list(sessions)
        others = [session for session in sessions if not session.is_current()]
        super().end_sessions(sessions)
        for session in sessions:
            authority.close_session(session.session_key)
        if others:
            request = context.request
            log.record(others[0].user, Kind.SIGNED_OUT_ELSEWHERE, request)
