"""Passkeys, with Chromium's virtual authenticator standing in for the phone's own."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import Page, expect

from breathingroom.conftest import PASSWORD, make_person

# Pages and scripts only: the database and channel layer behind them add nothing in a second pass.
pytestmark = [pytest.mark.browser, pytest.mark.once]


def add_virtual_authenticator(page: Page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def test_add_a_passkey_then_sign_in_with_it_alone(phone, server, problems, shoot):
    alex = make_person("Alex", "Europe/London")
    # WebAuthn needs a domain, not an IP address; localhost is also a secure context over http.
    site = server.url.replace("127.0.0.1", "localhost")
    page = phone("Alex", "Europe/London")
    add_virtual_authenticator(page)

    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Email").fill("alex@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", name="Pair with your partner")).to_be_visible()

    page.goto(f"{site}/accounts/2fa/webauthn/add/?passwordless")
    if "reauthenticate" in page.url:
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
    page.get_by_label("Name").fill("My phone")
    passwordless = page.get_by_label("Passwordless")
    if passwordless.count():
        passwordless.check()
    shoot(page, "passkey-01-add")
    page.get_by_role("button", name="Add").click()
    # The first second step comes with recovery codes, shown once, for a lost phone.
    expect(page).to_have_url(f"{site}/accounts/2fa/recovery-codes/")
    shoot(page, "passkey-02-recovery-codes")
    assert Authenticator.objects.filter(user=alex, type=Authenticator.Type.WEBAUTHN).count() == 1

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Create an account")).to_be_visible()

    # Signing in again needs nothing but the passkey: no email, no password.
    page.goto(f"{site}/accounts/login/")
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect(page.get_by_role("heading", name="Pair with your partner")).to_be_visible()
    shoot(page, "passkey-03-signed-in")

    # Every step of it is in the person's own security log, reached from Settings.
    page.goto(f"{site}/settings/")
    page.get_by_role("link", name="Security log").click()
    expect(page.get_by_role("heading", name="Security log", level=1)).to_be_visible()
    entries = page.locator("[data-security-log] li")
    expect(entries.first).to_contain_text("Signed in")
    expect(entries.first).to_contain_text("Chrome on Linux")
    expect(page.locator("[data-security-log]")).to_contain_text("Passkey added")
    expect(page.locator("[data-security-log]")).to_contain_text("New recovery codes made")
    shoot(page, "security-log")
    assert problems.unexpected() == [], problems.unexpected()
