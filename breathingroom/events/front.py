"""What stands between the server and the events socket: the session cookie's value, and nothing else.

Channels' cookie and session middleware parse every cookie, build a session store and copy the scope
once for each layer, and a socket keeps all of it for as long as it is open: with thousands of idle
phones, that is most of what an open socket costs beyond the server's own. The socket needs one thing
from the handshake's headers, the session key, which ``authority`` checks exactly as a request's.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http.cookie import parse_cookie


def session_key(headers: list[tuple[bytes, bytes]]) -> str | None:
    """The session cookie's value in a handshake's headers, or None."""
    for name, value in headers:
        if name == b"cookie":
            return parse_cookie(value.decode("latin-1")).get(settings.SESSION_COOKIE_NAME) or None
    return None


class SessionKey:
    """Puts the handshake's session key in the scope as ``session_key`` (None without one), in place of
    the handshake's headers.

    Nothing after this reads the headers (the origin was checked before it), yet the server, and every
    copy of the scope, would keep them for as long as the socket is open: a few hundred bytes a header.
    So the scope is changed where it is rather than copied, and its headers emptied.
    """

    def __init__(self, application: Any) -> None:
        self.application = application

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        scope["session_key"] = session_key(scope.get("headers", []))
        scope["headers"] = []
        return await self.application(scope, receive, send)
