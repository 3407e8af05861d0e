"""The devices a person gets notifications on: adding one as its browser describes it, and removing one.

A browser hands out one endpoint per subscription. If a second account signs in on the same browser
and turns notifications on, the endpoint moves to that account: a phone shows the notices of the
person using it now, never those of whoever used it before.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.notify.models import DEVICE_LENGTH, ENDPOINT_LENGTH, NotificationSettings, PushMode, PushSubscription
from breathingroom.notify.vapid import b64url_decode
from breathingroom.refusals import Refused

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
_BASE64URL = re.compile(r"^[A-Za-z0-9_-]+={0,2}$")


class DeviceRefused(Refused):
    status = 400


class BadEndpoint(DeviceRefused):
    message = _("That is not the address of a push service this app can use.")


class BadKeys(DeviceRefused):
    message = _("The browser's keys for this device are not valid. Try turning notifications on again.")


class NoSuchDevice(Refused):
    status = 404
    message = _("There is no such device.")


def check_endpoint(url: str) -> str:
    """A push service's address: https on a public host name.

    The server sends requests to whatever address is stored here, so an address inside this
    server's own network (an IP literal, a bare host name) is refused. Outside production the
    test push services on this machine (http or https on localhost) are allowed too.
    """
    if len(url) > ENDPOINT_LENGTH:
        raise BadEndpoint(_("A push address can be at most %(n)s characters.") % {"n": ENDPOINT_LENGTH})
    try:
        URLValidator(schemes=["http", "https"])(url)
        parts = urlsplit(url)
        host = parts.hostname or ""
    except (ValidationError, ValueError):
        raise BadEndpoint from None
    if parts.username is not None or parts.password is not None:
        raise BadEndpoint
    if host in LOOPBACK_HOSTS and not settings.PRODUCTION:
        return url
    if parts.scheme != "https" or "." not in host or _is_ip(host):
        raise BadEndpoint
    return url


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def check_keys(p256dh: str, auth: str) -> None:
    """The browser's public key (a P-256 point) and its 16-byte secret, both base64url."""
    if not (_BASE64URL.match(p256dh) and _BASE64URL.match(auth)) or len(p256dh) > 100 or len(auth) > 50:
        raise BadKeys
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(p256dh))
        secret = b64url_decode(auth)
    except ValueError:
        raise BadKeys from None
    if len(secret) != 16:
        raise BadKeys


_BROWSERS = (
    ("Edg", "Edge"),
    ("OPR", "Opera"),
    ("SamsungBrowser", "Samsung Internet"),
    ("Firefox", "Firefox"),
    ("FxiOS", "Firefox"),
    ("CriOS", "Chrome"),
    ("Chrome", "Chrome"),
    ("Chromium", "Chromium"),
    ("Safari", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Macintosh", "Mac"),
    ("Linux", "Linux"),
)


def device_label(user_agent: str) -> str:
    """ "Firefox on Android": enough to tell one's own devices apart, and nothing more."""
    browser = next((name for marker, name in _BROWSERS if marker in user_agent), None)
    system = next((name for marker, name in _SYSTEMS if marker in user_agent), None)
    if browser and system:
        return str(_("%(browser)s on %(system)s") % {"browser": browser, "system": system})[:DEVICE_LENGTH]
    return browser or system or str(_("A browser"))


@transaction.atomic
def subscribe(person: Person, endpoint: str, p256dh: str, auth: str, user_agent: str = "") -> PushSubscription:
    """Add (or, for an endpoint already known, update) a device of ``person``.

    Adding a device is asking for its notifications, so if they were off they come on, for the
    times no page of the person's is open.
    """
    check_endpoint(endpoint)
    check_keys(p256dh, auth)
    subscription, _created = PushSubscription.objects.update_or_create(
        endpoint=endpoint,
        defaults={"person": person, "p256dh": p256dh, "auth": auth, "device": device_label(user_agent)},
    )
    wishes = NotificationSettings.objects.for_person(person)
    if wishes.push == PushMode.OFF:
        wishes.push = PushMode.AWAY
        wishes.save()
    return subscription


def remove(person: Person, subscription_id: int) -> None:
    """Remove one of ``person``'s own devices. Anyone else's is unknown to them."""
    deleted, _by_model = PushSubscription.objects.filter(person=person, pk=subscription_id).delete()
    if not deleted:
        raise NoSuchDevice
