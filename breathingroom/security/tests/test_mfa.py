"""Turning two-step sign-in on and off, recovery codes and passkeys, each in the person's log."""

from __future__ import annotations

import time
from types import SimpleNamespace

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, TOTP, format_hotp_value, hotp_value
from allauth.mfa.webauthn.internal import auth as webauthn

from breathingroom.conftest import PASSWORD
from breathingroom.security.models import Kind
from breathingroom.security.tests.conftest import browser, kinds, log_in


def signed_in_just_now(email: str):
    """Signed in, and the password given again: allauth asks for it before any change to sign-in."""
    client = browser()
    log_in(client, email)
    assert client.post("/accounts/reauthenticate/", {"password": PASSWORD}).status_code == 302
    return client


def code_for(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_turning_two_step_sign_in_on_and_off_is_logged(alex, django_capture_on_commit_callbacks):
    client = signed_in_just_now("alex@example.com")
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    # allauth says so after the commit, as it would in a request.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/accounts/2fa/totp/activate/", {"code": code_for(secret)}).status_code == 302
    assert kinds(alex)[-2:] == [Kind.TWO_STEP_ON, Kind.RECOVERY_CODES_MADE]

    assert client.post("/accounts/2fa/recovery-codes/generate/").status_code == 302
    assert kinds(alex)[-1] == Kind.RECOVERY_CODES_MADE

    assert client.post("/accounts/2fa/totp/deactivate/").status_code == 302
    assert not Authenticator.objects.filter(user=alex).exists()
    # The recovery codes go with it; turning two-step off is the one line that says so.
    assert kinds(alex)[-1] == Kind.TWO_STEP_OFF
    assert kinds(alex).count(Kind.TWO_STEP_OFF) == 1


def test_a_wrong_second_step_is_a_failed_sign_in(alex):
    TOTP.activate(alex, "JBSWY3DPEHPK3PXP")
    client = browser()
    assert log_in(client, "alex@example.com")["Location"] == "/accounts/2fa/authenticate/"
    assert client.post("/accounts/2fa/authenticate/", {"code": "000000"}).status_code == 200
    assert kinds(alex) == [Kind.SIGN_IN_FAILED]
    assert client.post("/accounts/2fa/authenticate/", {"code": code_for("JBSWY3DPEHPK3PXP")}).status_code == 302
    assert kinds(alex) == [Kind.SIGN_IN_FAILED, Kind.SIGNED_IN]


def test_adding_and_removing_a_passkey_is_logged(alex, monkeypatch, django_capture_on_commit_callbacks):
    # The WebAuthn ceremony itself needs a browser (see tests/browser/test_passkeys.py); here the
    # credential check says yes, and everything after it is allauth's own page and flow.
    monkeypatch.setattr(webauthn, "parse_registration_response", lambda credential: None)
    monkeypatch.setattr(webauthn, "complete_registration", lambda credential: SimpleNamespace())
    client = signed_in_just_now("alex@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        added = client.post("/accounts/2fa/webauthn/add/", {"name": "My phone", "credential": '{"id": "x"}'})
    assert added.status_code == 302
    assert kinds(alex)[-2:] == [Kind.PASSKEY_ADDED, Kind.RECOVERY_CODES_MADE]

    passkey = Authenticator.objects.get(user=alex, type=Authenticator.Type.WEBAUTHN)
    assert client.post(f"/accounts/2fa/webauthn/keys/{passkey.pk}/remove/").status_code == 302
    assert kinds(alex)[-1] == Kind.PASSKEY_REMOVED
