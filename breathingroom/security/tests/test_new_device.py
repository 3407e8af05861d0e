"""A notice by email when someone signs in from a device the account has not seen, through a real SMTP server."""

from __future__ import annotations

import pytest
from django.test import Client

from breathingroom.accounts.models import Person
from breathingroom.conftest import PASSWORD
from breathingroom.notify.tests.conftest import part, run_tasks
from breathingroom.security import devices
from breathingroom.security.models import Kind, KnownDevice
from breathingroom.security.tests.conftest import (
    FIREFOX_ON_WINDOWS,
    app_log_in,
    browser,
    kinds,
    log_in,
)

SUBJECT = "A new sign-in to your Breathing Room account"


@pytest.fixture
def signing_in(django_capture_on_commit_callbacks):
    """Sign in as a request does, with what it leaves for after the commit, then let the worker run."""

    def run(step, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            response = step(*args, **kwargs)
        run_tasks()
        return response

    return run


def notices(inbox) -> list:
    return [m for m in inbox.messages if m["Subject"] == SUBJECT]


def test_the_same_browser_again_sends_nothing_and_a_fresh_one_sends_one_notice(alex, smtp_inbox, signing_in, settings):
    laptop = browser()
    assert signing_in(log_in, laptop, "alex@example.com").status_code == 302
    laptop.post("/accounts/logout/")
    assert signing_in(log_in, laptop, "alex@example.com").status_code == 302
    assert notices(smtp_inbox) == []

    assert signing_in(log_in, browser(FIREFOX_ON_WINDOWS), "alex@example.com").status_code == 302

    [notice] = notices(smtp_inbox)
    assert notice["To"] == "alex@example.com"
    text, html = part(notice, "text/plain"), part(notice, "text/html")
    for body in (text, html):
        assert "Firefox on Windows" in body
        assert "(Europe/London)" in body
        assert "change your password and sign out everywhere else" in body
        assert settings.SITE_URL + "/accounts/password/change/" in body
        assert settings.SITE_URL + "/accounts/sessions/" in body
        assert settings.SITE_URL + "/settings/security/" in body
    assert kinds(alex) == [Kind.SIGNED_IN] * 3 + [Kind.NEW_DEVICE_NOTICE_SENT]


def test_the_first_sign_in_right_after_signing_up_is_not_new(db, smtp_inbox, signing_in):
    new = browser()
    data = {
        "display_name": "Nina",
        "email": "nina@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "time_zone": "Europe/Paris",
    }
    assert signing_in(new.post, "/accounts/signup/", data).status_code == 302
    assert notices(smtp_inbox) == []
    nina = Person.objects.get(email="nina@example.com")
    assert kinds(nina) == [Kind.SIGNED_IN]

    signing_in(log_in, browser(FIREFOX_ON_WINDOWS), "nina@example.com")
    assert len(notices(smtp_inbox)) == 1


def test_the_device_cookie_is_signed_long_lived_and_out_of_reach_of_scripts(alex):
    laptop = browser()
    log_in(laptop, "alex@example.com")
    cookie = laptop.cookies[devices.COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 365 * 24 * 3600
    assert not cookie["secure"]  # only in production, with SESSION_COOKIE_SECURE
    device_id = laptop.get("/").wsgi_request.get_signed_cookie(devices.COOKIE, salt=devices.COOKIE_SALT)
    # Only a hash of the id is kept.
    assert KnownDevice.objects.get(person=alex).fingerprint == devices.fingerprint(device_id)


def test_a_forged_device_cookie_counts_as_a_new_device(alex, smtp_inbox, signing_in):
    signing_in(log_in, browser(), "alex@example.com")
    forged = browser()
    forged.cookies[devices.COOKIE] = "made-up-id"
    signing_in(log_in, forged, "alex@example.com")
    assert len(notices(smtp_inbox)) == 1


def test_one_browser_is_new_to_each_account_that_signs_in_on_it(alex, jo, smtp_inbox, signing_in):
    signing_in(log_in, browser(), "jo@example.com")
    shared = browser(FIREFOX_ON_WINDOWS)
    signing_in(log_in, shared, "alex@example.com")
    shared.post("/accounts/logout/")
    # Jo knows another device, and this browser is new to her, though not to Alex.
    signing_in(log_in, shared, "jo@example.com")
    assert [m["To"] for m in notices(smtp_inbox)] == ["jo@example.com"]


def test_a_wrong_password_sends_no_notice(alex, smtp_inbox, signing_in):
    signing_in(log_in, browser(), "alex@example.com")
    signing_in(log_in, browser(FIREFOX_ON_WINDOWS), "alex@example.com", "not-the-password")
    assert notices(smtp_inbox) == []
    assert kinds(alex) == [Kind.SIGNED_IN, Kind.SIGN_IN_FAILED]


# --- The app, through allauth's headless API -----------------------------------------------------


def test_an_app_login_without_a_device_id_is_always_a_new_device(alex, smtp_inbox, signing_in):
    signing_in(log_in, browser(), "alex@example.com")
    assert signing_in(app_log_in, "alex@example.com").status_code == 200
    assert signing_in(app_log_in, "alex@example.com").status_code == 200
    assert len(notices(smtp_inbox)) == 2
    assert "The app" in part(notices(smtp_inbox)[0], "text/plain")


def test_an_app_that_sends_its_device_id_is_new_only_the_first_time(alex, smtp_inbox, signing_in):
    signing_in(log_in, browser(), "alex@example.com")
    phone_id = "b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
    signing_in(app_log_in, "alex@example.com", device_id=phone_id)
    signing_in(app_log_in, "alex@example.com", device_id=phone_id)
    assert len(notices(smtp_inbox)) == 1
    signing_in(app_log_in, "alex@example.com", device_id="another-phone-0123456789")
    assert len(notices(smtp_inbox)) == 2


def test_an_app_device_id_that_is_too_short_is_ignored(alex, smtp_inbox, signing_in):
    signing_in(log_in, browser(), "alex@example.com")
    signing_in(app_log_in, "alex@example.com", device_id="short")
    signing_in(app_log_in, "alex@example.com", device_id="short")
    assert len(notices(smtp_inbox)) == 2


def test_a_mail_server_that_is_down_is_tried_again(alex, smtp_inbox, signing_in, settings):
    from breathingroom.notify.tests.conftest import come_due, queued
    from breathingroom.security.notices import tell_of_new_device

    signing_in(log_in, browser(), "alex@example.com")
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 9  # nothing listens there
    signing_in(log_in, Client(HTTP_USER_AGENT=FIREFOX_ON_WINDOWS), "alex@example.com")
    [again] = queued(tell_of_new_device)
    assert Kind.NEW_DEVICE_NOTICE_SENT not in kinds(alex)

    settings.EMAIL_PORT = port
    come_due(again)
    assert run_tasks() == ["sent"]
    assert len(notices(smtp_inbox)) == 1
    assert kinds(alex)[-1] == Kind.NEW_DEVICE_NOTICE_SENT
