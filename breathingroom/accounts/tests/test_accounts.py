"""Signing up, logging in, and keeping an account safe, through allauth's real pages."""

from __future__ import annotations

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.core import mail
from django.test import Client

from breathingroom.accounts.models import Person
from breathingroom.conftest import PASSWORD
from breathingroom.notify.tests.conftest import run_tasks


def sign_up(client: Client, **overrides: str):
    data = {
        "display_name": "Alex",
        "email": "alex@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "time_zone": "Europe/Lisbon",
        **overrides,
    }
    return client.post("/accounts/signup/", data)


def log_in(client: Client, email: str, password: str = PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


@pytest.mark.django_db
def test_sign_up_keeps_name_and_time_zone(client):
    response = sign_up(client)
    assert response.status_code == 302
    person = Person.objects.get(email="alex@example.com")
    assert person.display_name == "Alex"
    assert person.time_zone == "Europe/Lisbon"
    home = client.get("/")
    assert "Pair with your partner" in home.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("display_name", "   ", "Please enter a name your partner will recognise."),
        ("display_name", "x" * 61, "at most 60 characters"),
        ("time_zone", "Mars/Olympus", "Select a valid choice"),
        ("email", "not-an-email", "Enter a valid email address."),
        ("password1", "short", "at least 10 characters"),
    ],
)
def test_sign_up_explains_bad_input_beside_the_field(client, field, value, message):
    overrides = {field: value}
    if field == "password1":
        overrides["password2"] = value
    response = sign_up(client, **overrides)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'id="id_{field}_error"' in page
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_passwords_are_stored_with_argon2(settings, client):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    sign_up(client)
    assert Person.objects.get().password.startswith("argon2")


def test_log_in_and_out(alex):
    client = Client()
    assert log_in(client, "alex@example.com").status_code == 302
    assert "Pair with your partner" in client.get("/").content.decode()
    client.post("/accounts/logout/")
    assert "Create an account" in client.get("/").content.decode()


def test_failed_logins_are_throttled_per_account(alex):
    client = Client()
    for _ in range(5):
        response = log_in(client, "alex@example.com", "wrong-password")
        assert "not correct" in response.content.decode()
    # Even the right password is refused for a while after many wrong ones.
    response = log_in(client, "alex@example.com")
    assert response.status_code == 200
    assert "signing in is paused for a few minutes" in response.content.decode()


def test_email_verification_can_be_required(settings, client, db):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    run_tasks()
    assert "confirm your email" in mail.outbox[0].subject
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    confirmed = client.post("/" + path)
    assert confirmed.status_code == 302
    assert Person.objects.get().emailaddress_set.get().verified


def test_profile_settings(alex):
    client = Client()
    client.force_login(alex)
    page = client.get("/settings/")
    assert page.status_code == 200
    assert 'value="Alex"' in page.content.decode()
    response = client.post("/settings/", {"display_name": "Lex", "time_zone": "Asia/Tokyo"})
    assert response.status_code == 302
    alex.refresh_from_db()
    assert (alex.display_name, alex.time_zone) == ("Lex", "Asia/Tokyo")


def test_a_resting_heart_rate_is_kept_and_can_be_left_empty_again(alex):
    client = Client()
    client.force_login(alex)
    profile = {"display_name": "Alex", "time_zone": "Europe/London"}
    assert "Your resting heart rate (optional)" in client.get("/settings/").content.decode()
    assert client.post("/settings/", {**profile, "resting_heart_rate": "58"}).status_code == 302
    alex.refresh_from_db()
    assert alex.resting_heart_rate == 58
    for wrong in ("29", "121", "fast", "60.5"):
        response = client.post("/settings/", {**profile, "resting_heart_rate": wrong})
        assert response.status_code == 400
        assert 'id="id_resting_heart_rate_error"' in response.content.decode()
    alex.refresh_from_db()
    assert alex.resting_heart_rate == 58
    assert client.post("/settings/", {**profile, "resting_heart_rate": ""}).status_code == 302
    alex.refresh_from_db()
    assert alex.resting_heart_rate is None


def test_profile_settings_refuse_bad_input_and_keep_the_old_values(alex):
    client = Client()
    client.force_login(alex)
    response = client.post("/settings/", {"display_name": "", "time_zone": "Nowhere/Land"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_display_name_error"' in page
    assert 'id="id_time_zone_error"' in page
    alex.refresh_from_db()
    assert (alex.display_name, alex.time_zone) == ("Alex", "Europe/London")


def test_totp_two_step_sign_in(alex):
    client = Client()
    log_in(client, "alex@example.com")
    activate = client.get("/accounts/2fa/totp/activate/", follow=True)
    # Turning on a second step asks for the password again first.
    assert "/accounts/reauthenticate/" in activate.redirect_chain[-1][0]
    activate = client.post(activate.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert activate.status_code == 200
    assert "Authenticator code" in activate.content.decode()
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/accounts/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=alex, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=alex, type=Authenticator.Type.RECOVERY_CODES).exists()

    # From now on a password alone does not get in.
    fresh = Client()
    response = log_in(fresh, "alex@example.com")
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "Pair with your partner" not in fresh.get("/").content.decode()
    wrong = fresh.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    ok = fresh.post("/accounts/2fa/authenticate/", {"code": code})
    assert ok.status_code == 302
    assert "Pair with your partner" in fresh.get("/").content.decode()


def test_security_pages_are_reachable_from_settings(alex):
    client = Client()
    log_in(client, "alex@example.com")
    for url in ["/accounts/2fa/", "/accounts/2fa/webauthn/", "/accounts/sessions/", "/accounts/email/"]:
        assert client.get(url).status_code == 200, url


def test_a_recovery_code_gets_in_once_when_the_phone_is_lost(alex):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(alex, "JBSWY3DPEHPK3PXP")
    codes = RecoveryCodes.activate(alex).get_unused_codes()
    assert len(codes) >= 8

    first = Client()
    log_in(first, "alex@example.com")
    assert first.post("/accounts/2fa/authenticate/", {"code": codes[0]}).status_code == 302
    assert "Pair with your partner" in first.get("/").content.decode()

    again = Client()
    log_in(again, "alex@example.com")
    assert again.post("/accounts/2fa/authenticate/", {"code": codes[0]}).status_code == 200
    assert "Pair with your partner" not in again.get("/").content.decode()
