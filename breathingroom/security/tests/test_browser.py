"""The security log in Chromium at phone size: a passkey added for real shows up, reached from Settings."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from breathingroom.conftest import PASSWORD, make_person
from breathingroom.tests.browser.conftest import (  # noqa: F401 (fixtures, for this module only)
    _allow_orm_beside_playwright,
    browser,
    phone,
    problems,
    server,
    shoot,
)
from breathingroom.tests.browser.test_passkeys import add_virtual_authenticator

pytestmark = pytest.mark.browser


def test_a_passkey_added_and_a_sign_in_with_it_are_in_the_log(phone, server, problems, shoot):  # noqa: F811
    make_person("Alex", "Europe/London")
    # WebAuthn needs a domain, not an IP address; localhost is also a secure context over http.
    site = server.url.replace("127.0.0.1", "localhost")
    page = phone("Alex", "Europe/London")
    add_virtual_authenticator(page)

    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Email").fill("alex@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page.get_by_role("heading", name="Pair with your partner")).to_be_visible()

    page.goto(f"{site}/accounts/2fa/webauthn/add/?passwordless")
    if "reauthenticate" in page.url:
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
    page.get_by_label("Name").fill("My phone")
    passwordless = page.get_by_label("Passwordless")
    if passwordless.count():
        passwordless.check()
    page.get_by_role("button", name="Add").click()
    expect(page).to_have_url(f"{site}/accounts/2fa/recovery-codes/")

    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{site}/accounts/login/")
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect(page.get_by_role("heading", name="Pair with your partner")).to_be_visible()

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
