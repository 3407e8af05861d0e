"""Where a push may go: only to a push service on the public internet, and only to the address checked.

The server sends a request to whatever address a browser hands it, so an unchecked address is a way
into this server's own network. An address is taken only as https on a public name, every address
that name resolves to must be public, and the name is resolved and checked again at each send. The
connection then goes to the very address just checked (the name is still what TLS verifies, and
what SNI and the Host header say), so a name that answers differently a moment later (DNS
rebinding) cannot turn the request inwards.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool

from breathingroom.notify.models import ENDPOINT_LENGTH
from breathingroom.refusals import Refused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Not public, whatever the standard library's tables say in a given Python version: "this"
# network, shared address space (carrier-grade NAT), link-local (the cloud metadata service at
# 169.254.169.254 among them), IETF protocol assignments, benchmarking, unique-local and site-local.
_NEVER_PUBLIC = tuple(
    ipaddress.ip_network(network)
    for network in (
        "0.0.0.0/8",
        "100.64.0.0/10",
        "169.254.0.0/16",
        "192.0.0.0/24",
        "198.18.0.0/15",
        "fc00::/7",
        "fe80::/10",
        "fec0::/10",
        "64:ff9b:1::/48",
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# The last label of a host that a URL parser or resolver reads as an IPv4 address, however it is
# written: 2130706433, 0177.0.0.1, 0x7f.1 all mean 127.0.0.1.
_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)


class BadEndpoint(Refused):
    status = 400
    message = _("That is not the address of a push service this app can use.")


class NotPublic(BadEndpoint):
    # One answer for a name that is not found and one that points inwards, so that nobody can use
    # this server to learn which names its own network knows.
    message = _(
        "That push service is not on the public internet, or could not be found. Notifications cannot go there."
    )


class NotFound(NotPublic):
    """The name did not resolve: at a send, perhaps only for now."""


def is_public(address: IPAddress) -> bool:
    """On the public internet, with nothing of this server's own network behind it."""
    if isinstance(address, ipaddress.IPv6Address):
        # Some IPv6 forms carry an IPv4 address, and that is the one really reached.
        inner = address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)
        if inner is None and address in _NAT64:
            inner = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if inner is not None:
            return is_public(inner)
    if any(address in network for network in _NEVER_PUBLIC if network.version == address.version):
        return False
    return address.is_global and not (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )


@dataclass(frozen=True)
class Destination:
    """A push service's address, checked: its name and port, and the one IP address to connect to."""

    url: str
    host: str
    port: int
    address: str


def check(url: str) -> Destination:
    """``url`` as a push service address this server may send to now, or :class:`BadEndpoint`."""
    host, port = _parse(url)
    addresses = _resolve(host, port)
    # Tests run a push service of their own on this machine; production refuses to start with this.
    private_allowed = settings.PUSH_ALLOWED_PRIVATE_ENDPOINTS and not settings.PRODUCTION
    if not private_allowed and not all(is_public(address) for address in addresses):
        raise NotPublic
    return Destination(url, host, port, str(addresses[0]))


def _parse(url: str) -> tuple[str, int]:
    if len(url) > ENDPOINT_LENGTH:
        raise BadEndpoint(_("A push address can be at most %(n)s characters.") % {"n": ENDPOINT_LENGTH})
    if not url.startswith("https://"):
        raise BadEndpoint(_("A push address starts with https://, so that what is sent stays private."))
    try:
        URLValidator(schemes=["https"])(url)
        parts = urlsplit(url)
        host, port = (parts.hostname or "").rstrip("."), parts.port or 443
    except (ValidationError, ValueError):
        raise BadEndpoint from None
    if "@" in parts.netloc:
        raise BadEndpoint
    # Push services are always reached by name; a bare name or an IP address, in any of its
    # spellings, is somebody's own network more often than not.
    if "." not in host or _is_ip(host) or _NUMERIC_LABEL.match(host.rsplit(".", 1)[-1]):
        raise BadEndpoint(_("A push address names its service, like https://push.example.com/…"))
    if host == "localhost" or host.endswith(".localhost"):
        raise NotPublic
    return host, port


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _resolve(host: str, port: int) -> list[IPAddress]:
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise NotFound from None
    # A link-local IPv6 address may come with its interface (fe80::1%eth0).
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in found]
    if not addresses:
        raise NotFound
    return addresses


class PinnedSession(requests.Session):
    """A session that reaches only ``destination``, at its checked address, and follows no redirect.

    Nothing is taken from the environment (no proxy, which would resolve the name again itself; no
    .netrc credentials), and what the push service says beyond its status is never read: a hostile
    one could answer with gigabytes, or a byte a minute.
    """

    def __init__(self, destination: Destination, certificates: str | None = None) -> None:
        super().__init__()
        self.trust_env = False
        adapter = _PinnedAdapter(destination, certificates)
        self.mount("https://", adapter)
        self.mount("http://", adapter)

    def request(self, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs["allow_redirects"] = False
        kwargs["stream"] = True
        response = super().request(*args, **kwargs)
        response._content = b""
        response.close()
        return response


class _PinnedAdapter(HTTPAdapter):
    def __init__(self, destination: Destination, certificates: str | None) -> None:
        self.destination = destination
        # The usual public authorities, unless a test names its own.
        self.certificates = certificates or requests.certs.where()
        super().__init__(max_retries=0)

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        parts = urlsplit(request.url or "")
        wanted = ("https", self.destination.host, self.destination.port)
        if (parts.scheme, (parts.hostname or "").rstrip("."), parts.port or 443) != wanted:
            raise requests.ConnectionError("Only the address that was checked is reached.", request=request)
        # The connection is made to an IP address; the push service must still see its own name.
        request.headers["Host"] = parts.netloc
        # Certificates are always verified, for the name, whatever a caller asks.
        kwargs.update(verify=self.certificates, cert=None, proxies={})
        return super().send(request, *args, **kwargs)

    def get_connection_with_tls_context(
        self, request: requests.PreparedRequest, verify: Any, proxies: Any = None, cert: Any = None
    ) -> HTTPConnectionPool:
        return self.poolmanager.connection_from_host(
            self.destination.address,
            port=self.destination.port,
            scheme="https",
            pool_kwargs={
                "cert_reqs": "CERT_REQUIRED",
                "ca_certs": self.certificates,
                "server_hostname": self.destination.host,
            },
        )
