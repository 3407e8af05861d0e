"""The keys that keep private words unreadable in the database, and the only code that uses them.

``ENCRYPTION_KEYS`` holds comma-separated Fernet keys: the first encrypts, every one decrypts. So a
key is changed without a moment where anything is unreadable: put a new key first, run
``manage.py rotate_encryption_keys``, then remove the old one. Without the variable a key is made
once and kept in ``VAR_DIR`` (like the secret key); the file takes the same list, one key a line.
Losing the keys loses every note, check-in and reassurance: back them up apart from the database,
since a copy of the database alone must show nothing readable.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from functools import cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KEY_FILE = "encryption_keys"


class UnreadableText(Exception):
    """A stored value that none of the keys opens: a key was removed too early, or the data is not ours.

    Its message names neither the value nor a key, so logs and error reports stay free of both.
    """


def new_key() -> str:
    return Fernet.generate_key().decode()


def keyring() -> MultiFernet:
    return _keyring(tuple(settings.ENCRYPTION_KEYS), str(settings.VAR_DIR))


def encrypt(text: str) -> str:
    return seal(text.encode()).decode()


def decrypt(token: str) -> str:
    return unseal(token.encode()).decode()


def seal(data: bytes) -> bytes:
    """``encrypt`` for bytes: what is kept outside the database (a page in the cache) is kept sealed too."""
    return keyring().encrypt(data)


def unseal(token: bytes) -> bytes:
    try:
        return keyring().decrypt(token)
    except InvalidToken:
        raise UnreadableText(_UNREADABLE) from None


def tally_key() -> bytes:
    """The key tallies are made with (``vault.tallies``): derived from the first key, never the key itself."""
    return _tally_key(tuple(settings.ENCRYPTION_KEYS), str(settings.VAR_DIR))


@cache
def _tally_key(given: tuple[str, ...], var_dir: str) -> bytes:
    _keyring(given, var_dir)  # a broken key is told as it is everywhere else
    first = (given or _embedded_keys(Path(var_dir)))[0]
    return hmac.new(first.encode(), b"breathingroom tallies", hashlib.sha256).digest()


def rotate(token: str) -> str:
    """The same text, encrypted again with the first key."""
    try:
        return keyring().rotate(token.encode()).decode()
    except InvalidToken:
        raise UnreadableText(_UNREADABLE) from None


_UNREADABLE = (
    "A private value in the database cannot be opened with any of the ENCRYPTION_KEYS. Was a key "
    "removed before `manage.py rotate_encryption_keys` had encrypted everything again with the new "
    "one? Put the old key back, after the new one, and run the command again."
)


@cache
def _keyring(given: tuple[str, ...], var_dir: str) -> MultiFernet:
    source = "ENCRYPTION_KEYS" if given else str(Path(var_dir) / KEY_FILE)
    keys = given or _embedded_keys(Path(var_dir))
    if not keys:
        raise ImproperlyConfigured(f"{source} holds no key.")
    fernets = []
    for number, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except ValueError:
            # The key itself stays out of the message: it is a secret, even a broken one.
            raise ImproperlyConfigured(
                f"Key number {number} in {source} is not a Fernet key: each must be 32 random bytes, "
                "url-safe base64 (44 characters ending in '='). Make one with "
                "`manage.py rotate_encryption_keys --new-key`."
            ) from None
    return MultiFernet(fernets)


def _embedded_keys(var_dir: Path) -> tuple[str, ...]:
    # Made once, readable by this user only; written aside and linked into place, so a second
    # process starting at the same moment reads the same whole key rather than making its own.
    path = var_dir / KEY_FILE
    if not path.exists():
        draft = var_dir / f".{KEY_FILE}.{os.getpid()}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(new_key() + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process was first: use its key
        finally:
            draft.unlink()
    return tuple(key for key in re.split(r"[\s,]+", path.read_text()) if key)
