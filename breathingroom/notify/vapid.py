"""This server's VAPID key pair: how push services know that notifications really come from us.

Browsers subscribe with the public key, and a push service accepts a message for a subscription
only when it is signed with the matching private key. The keys come from ``VAPID_PRIVATE_KEY`` and
``VAPID_PUBLIC_KEY``, or are made once and kept in ``VAR_DIR`` (like the secret key), so that every
subscription keeps working across restarts. Changing the keys silently ends every subscription.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from email.utils import parseaddr
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from py_vapid import Vapid

KEY_FILE = "vapid_private_key"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class Keys:
    vapid: Vapid
    # What a browser needs as applicationServerKey: the uncompressed P-256 point, base64url.
    public: str


def keys() -> Keys:
    return _keys(settings.VAPID_PRIVATE_KEY, settings.VAPID_PUBLIC_KEY, str(settings.VAR_DIR))


def public_key() -> str:
    return keys().public


def subject() -> str:
    """Who runs this server, for a push service that needs to reach someone: an https URL or mailto."""
    if settings.VAPID_SUBJECT:
        return settings.VAPID_SUBJECT
    site = urlsplit(settings.SITE_URL)
    if site.scheme == "https":
        return f"https://{site.netloc}"
    return f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}"


@cache
def _keys(private: str, public: str, var_dir: str) -> Keys:
    if public and not private:
        raise ImproperlyConfigured("VAPID_PUBLIC_KEY is set but VAPID_PRIVATE_KEY is not; set both, or neither.")
    try:
        vapid = Vapid.from_string(private_key=private or _embedded_private_key(Path(var_dir)))
    except Exception as error:  # py_vapid raises several kinds for a malformed key
        raise ImproperlyConfigured(
            "VAPID_PRIVATE_KEY must be a P-256 private key, base64url-encoded (raw 32 bytes or DER)."
        ) from error
    derived = b64url(
        vapid.public_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )
    if public and public.rstrip("=") != derived:
        raise ImproperlyConfigured("VAPID_PUBLIC_KEY does not belong to VAPID_PRIVATE_KEY.")
    return Keys(vapid=vapid, public=derived)


def _embedded_private_key(var_dir: Path) -> str:
    # Made once and kept beside the data, readable by this user only, like the secret key. Written
    # aside and linked into place, so a second process starting at the same moment reads a whole key.
    path = var_dir / KEY_FILE
    if not path.exists():
        key = ec.generate_private_key(ec.SECP256R1())
        draft = var_dir / f".{KEY_FILE}.{os.getpid()}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(b64url(key.private_numbers().private_value.to_bytes(32, "big")))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process was first: use its key
        finally:
            draft.unlink()
    return path.read_text().strip()
