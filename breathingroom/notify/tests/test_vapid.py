"""The server's VAPID keys: from the environment, or made once and kept privately in VAR_DIR."""

from __future__ import annotations

import stat

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.exceptions import ImproperlyConfigured

from breathingroom.notify import vapid
from breathingroom.notify.tests.push_service import b64url


@pytest.fixture
def no_keys(settings, tmp_path):
    settings.VAPID_PRIVATE_KEY = ""
    settings.VAPID_PUBLIC_KEY = ""
    settings.VAR_DIR = tmp_path
    return tmp_path


def test_keys_are_made_once_readable_only_by_this_user_and_kept(no_keys):
    first = vapid.public_key()
    path = no_keys / vapid.KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(vapid.b64url_decode(first)) == 65
    vapid._keys.cache_clear()
    assert vapid.public_key() == first
    assert [p.name for p in no_keys.iterdir()] == [vapid.KEY_FILE]


def test_keys_from_the_environment(settings, no_keys):
    key = ec.generate_private_key(ec.SECP256R1())
    settings.VAPID_PRIVATE_KEY = b64url(key.private_numbers().private_value.to_bytes(32, "big"))
    public = vapid.public_key()
    assert vapid.b64url_decode(public) == key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    settings.VAPID_PUBLIC_KEY = public
    assert vapid.public_key() == public
    assert not (no_keys / vapid.KEY_FILE).exists()

    settings.VAPID_PUBLIC_KEY = b64url(b"\x04" + bytes(64))
    with pytest.raises(ImproperlyConfigured, match="does not belong"):
        vapid.keys()


def test_a_public_key_alone_or_a_broken_key_is_refused(settings, no_keys):
    settings.VAPID_PUBLIC_KEY = "BAAA"
    with pytest.raises(ImproperlyConfigured, match="VAPID_PRIVATE_KEY is not"):
        vapid.keys()
    settings.VAPID_PRIVATE_KEY = "not a key"
    with pytest.raises(ImproperlyConfigured, match="P-256"):
        vapid.keys()


def test_the_subject_names_the_site_or_its_sender(settings):
    settings.SITE_URL = "https://breathing.example.org"
    assert vapid.subject() == "https://breathing.example.org"
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.DEFAULT_FROM_EMAIL = "Breathing Room <care@example.org>"
    assert vapid.subject() == "mailto:care@example.org"
    settings.VAPID_SUBJECT = "mailto:ops@example.org"
    assert vapid.subject() == "mailto:ops@example.org"


def test_broken_keys_in_the_environment_stop_the_app_from_starting(settings, no_keys):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.VAPID_PRIVATE_KEY = "not a key"
    with pytest.raises(SystemCheckError, match=r"notify\.E001"):
        call_command("check")
