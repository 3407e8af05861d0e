"""The ASGI entry point: HTTP through Django, WebSockets through Channels."""

import os
from urllib.parse import ParseResult

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "breathingroom.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import OriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from breathingroom.events.routing import websocket_urlpatterns  # noqa: E402


class AllowedHostsOriginValidator(OriginValidator):
    """Channels' validator of the same name, except that a handshake without an Origin is let through.

    The check stops another site's page from opening a socket that rides on this site's login
    cookie. Browsers always send an Origin with a WebSocket handshake, so a handshake without one
    comes from an app or a script, which could as easily send any Origin it liked: refusing it (as
    channels does) protects nothing and locks out every app. Such clients sign in with a ticket.
    ALLOWED_HOSTS is read at each handshake, not copied at import, so a change to it always counts.
    """

    def __init__(self, application):
        super().__init__(application, allowed_origins=[])

    def valid_origin(self, parsed_origin: ParseResult | None) -> bool:
        if parsed_origin is None:
            return True
        return any(
            pattern == "*" or self.match_allowed_origin(parsed_origin, pattern) for pattern in settings.ALLOWED_HOSTS
        )


application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)
