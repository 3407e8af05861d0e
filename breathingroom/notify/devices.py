"""The devices a person gets notifications on: adding one as its browser describes it, and removing one.

A browser hands out one endpoint per subscription, and an endpoint is only ever one person's row:
sending an endpoint someone else already gave adds a row of the sender's own and changes nothing of
theirs (see ``subscribe``).
"""

from __future__ import annotations

import re
import uuid

from cryptography.hazmat.primitives.asymmetric import ec
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.notify import addresses
from breathingroom.notify.models import DEVICE_LENGTH, NotificationSettings, PushMode, PushSubscription
from breathingroom.notify.vapid import b64url_decode
from breathingroom.refusals import Refused

_BASE64URL = re.compile(r"^[A-Za-z0-9_-]+={0,2}$")
POINT_BYTES = 65
SECRET_BYTES = 16


class BadKeys(Refused):
    status = 400
    message = _("The browser's keys for this device are not valid. Try turning notifications on again.")


class NoSuchDevice(Refused):
    status = 404
    message = _("There is no such device.")


def check_keys(p256dh: str, auth: str) -> None:
    """The browser's public key (an uncompressed P-256 point) and its 16-byte secret, both base64url."""
    if not (_BASE64URL.match(p256dh) and _BASE64URL.match(auth)) or len(p256dh) > 100 or len(auth) > 50:
        raise BadKeys
    try:
        point = b64url_decode(p256dh)
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
        secret = b64url_decode(auth)
    except ValueError:
        raise BadKeys from None
    # Message encryption (RFC 8291) takes the point uncompressed: 65 bytes, the first 0x04.
    if len(point) != POINT_BYTES or len(secret) != SECRET_BYTES:
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
    """Add (or, for an endpoint of theirs already known, update) a device of ``person``.

    Adding a device is asking for its notifications, so if they were off they come on, for the
    times no page of the person's is open.
    """
    addresses.check(endpoint)
    check_keys(p256dh, auth)
    # An endpoint that someone else already gave stays theirs, and the sender gets a row of their
    # own. Moving it would let anyone who learned a device's address take that person's notices
    # away (and have their own shown there instead); refusing would tell the sender that the
    # address is known here, and whose device it may be. The answer is the same as for any new
    # device. A browser that changes hands makes a fresh endpoint when the next person turns
    # notifications on (notify.js), so the old one stops working and its push service's 410
    # removes the previous person's row at their next notice.
    subscription, _created = PushSubscription.objects.update_or_create(
        person=person,
        endpoint=endpoint,
        defaults={"p256dh": p256dh, "auth": auth, "device": device_label(user_agent)},
    )
    wishes = NotificationSettings.objects.for_person(person)
    if wishes.push == PushMode.OFF:
        wishes.push = PushMode.AWAY
        wishes.save()
    return subscription


def remove(person: Person, public_id: uuid.UUID) -> None:
    """Remove one of ``person``'s own devices. Anyone else's is unknown to them."""
    deleted, _by_model = PushSubscription.objects.filter(person=person, public_id=public_id).delete()
    if not deleted:
        raise NoSuchDevice
