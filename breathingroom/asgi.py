"""The ASGI entry point: HTTP through Django, WebSockets through Channels."""

import os
from urllib.parse import ParseResult, urlsplit

from breathingroom.pacing import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "breathingroom.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import OriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from breathingroom.events.front import SessionKey  # noqa: E402
from breathingroom.events.routing import websocket_urlpatterns  # noqa: E402

LOOPBACK = ("localhost", "127.0.0.1", "[::1]")
DEFAULT_PORTS = {"http": 80, "https": 443}


def site_origins(site_url: str) -> frozenset[str]:
    """The origins of this site's own pages: SITE_URL's, exactly as a browser writes it in ``Origin``.

    When SITE_URL is on this machine (the embedded default, ``make run``), the same scheme and port
    under its other loopback names too, so a page opened at http://localhost:8000 works when
    SITE_URL says http://127.0.0.1:8000. Another port on the same machine is another site.
    """
    site = urlsplit(site_url)
    scheme = site.scheme.lower()
    host = (site.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = "" if site.port in (None, DEFAULT_PORTS.get(scheme)) else f":{site.port}"
    hosts = LOOPBACK if host in LOOPBACK else (host,)
    return frozenset(f"{scheme}://{name}{port}" for name in hosts)


class SiteOriginValidator(OriginValidator):
    """Channels' OriginValidator for exactly this site's origins (scheme, host and port), and for none.

    The check stops another site's page, or another program on this machine, from opening a socket
    that rides on this site's login cookie. Browsers always send an Origin with a WebSocket handshake,
    so a handshake without one comes from an app or a script, which could as easily send any Origin it
    liked: refusing it (as channels does) protects nothing and locks out every app. Such clients sign
    in with a ticket. SITE_URL is read at each handshake, not copied at import, so a change always counts.
    """

    def __init__(self, application):
        super().__init__(application, allowed_origins=[])

    def valid_origin(self, parsed_origin: ParseResult | None) -> bool:
        if parsed_origin is None:
            return True
        # Compared as written: a browser writes an origin one way only (lower case, no default port).
        return parsed_origin.geturl() in site_origins(settings.SITE_URL)


application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": SiteOriginValidator(SessionKey(URLRouter(websocket_urlpatterns))),
    }
)
