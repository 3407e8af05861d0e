"""The security log: what goes in, the page and the API that show it, and only ever to its owner."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from breathingroom import housekeeping
from breathingroom.conftest import PASSWORD, assert_json, client_for
from breathingroom.security import log
from breathingroom.security.models import KEEP_FOR, Kind, KnownDevice, SecurityEvent
from breathingroom.security.tests.conftest import CHROME_ON_ANDROID, app_log_in, browser, kinds, log_in

NEW_PASSWORD = "quiet-harbour-77z"


def test_a_sign_in_is_logged_with_the_kind_of_device_and_no_address(alex):
    log_in(browser(CHROME_ON_ANDROID, "203.0.113.9"), "alex@example.com")
    event = SecurityEvent.objects.get(person=alex)
    assert (event.kind, event.device) == (Kind.SIGNED_IN, "Chrome on Android")
    assert "203.0.113" not in str([getattr(event, f.attname) for f in SecurityEvent._meta.fields])


def test_a_wrong_password_is_logged_for_the_account_only_if_it_exists(alex):
    log_in(browser(), "alex@example.com", "wrong-password")
    log_in(browser(), "nobody@example.com", "wrong-password")
    assert SecurityEvent.objects.count() == 1
    assert kinds(alex) == [Kind.SIGN_IN_FAILED]


def test_password_change_and_email_changes_are_logged(alex):
    client = browser()
    log_in(client, "alex@example.com")
    changed = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert changed.status_code == 302
    assert client.post("/accounts/email/", {"email": "lex@example.com", "action_add": ""}).status_code == 302
    EmailAddress.objects.filter(email="lex@example.com").update(verified=True)
    assert client.post("/accounts/email/", {"email": "lex@example.com", "action_primary": ""}).status_code == 302
    assert client.post("/accounts/email/", {"email": "alex@example.com", "action_remove": ""}).status_code == 302
    assert kinds(alex) == [
        Kind.SIGNED_IN,
        Kind.PASSWORD_CHANGED,
        Kind.EMAIL_ADDED,
        Kind.EMAIL_CHANGED,
        Kind.EMAIL_REMOVED,
    ]


# --- The page --------------------------------------------------------------------------------------


def test_the_page_is_linked_from_settings(alex):
    page = client_for(alex).get("/settings/").content.decode()
    assert 'href="/settings/security/"' in page


def test_the_page_shows_my_log_newest_first_in_my_time_zone(alex):
    at = timezone.now().replace(month=7, day=1, hour=12, minute=30, second=0, microsecond=0)
    SecurityEvent.objects.create(person=alex, kind=Kind.PASSWORD_CHANGED, at=at, device="Firefox on Windows")
    SecurityEvent.objects.create(person=alex, kind=Kind.PASSKEY_ADDED, at=at + timedelta(days=1), device="")
    page = client_for(alex).get("/settings/security/")
    assert page.status_code == 200
    html = page.content.decode()
    # Alex is in London: 12:30 UTC in July is 13:30 there.
    assert f"1 Jul {at.year}, 13:30" in html
    assert "Europe/London" in html
    entries = html[html.index("data-security-log") :]
    # The forced sign-in of the client is from now, the newest.
    assert entries.index("Signed in") < entries.index("Passkey added") < entries.index("Password changed")
    assert "Firefox on Windows" in html


def test_the_page_shows_no_one_elses_log(alex, sam, couple):
    SecurityEvent.objects.create(person=sam, kind=Kind.PASSWORD_RESET, at=timezone.now(), device="Sam's phone")
    html = client_for(alex).get("/settings/security/").content.decode()
    assert "Password reset" not in html
    assert "Sam's phone" not in html


def test_the_page_comes_in_pages(alex):
    now = timezone.now()
    SecurityEvent.objects.bulk_create(
        SecurityEvent(person=alex, kind=Kind.SIGN_IN_FAILED, at=now - timedelta(minutes=n)) for n in range(30)
    )
    client = client_for(alex)
    first = client.get("/settings/security/")
    assert len(first.context["page"].object_list) == 25
    assert 'href="?page=2"' in first.content.decode()
    second = client.get("/settings/security/?page=2")
    assert len(second.context["page"].object_list) == 6  # 30 and the forced sign-in
    assert client.get("/settings/security/?page=99").status_code == 200


def test_the_page_needs_signing_in_and_only_answers_get(alex):
    anonymous = browser().get("/settings/security/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    assert client_for(alex).post("/settings/security/").status_code == 405


# --- The API ---------------------------------------------------------------------------------------


def test_the_api_answers_my_log(alex, sam, couple):
    SecurityEvent.objects.create(person=sam, kind=Kind.PASSWORD_RESET, at=timezone.now())
    token = app_log_in("alex@example.com").json()["meta"]["session_token"]
    body = assert_json(browser().get("/api/v1/me/security-log", headers={"X-Session-Token": token}), 200)
    assert body["count"] == 1
    [event] = body["items"]
    assert event["kind"] == "signed_in"
    assert event["summary"] == "Signed in"
    assert event["device"] == "The app"
    assert event["at"].endswith("Z") or event["at"].endswith("+00:00")


def test_the_api_pages_and_needs_signing_in(alex):
    SecurityEvent.objects.bulk_create(
        SecurityEvent(person=alex, kind=Kind.SIGN_IN_FAILED, at=timezone.now()) for _ in range(30)
    )
    client = client_for(alex)
    body = assert_json(client.get("/api/v1/me/security-log?page=2"), 200)
    assert body["count"] == 31
    assert len(body["items"]) == 6
    assert_json(browser().get("/api/v1/me/security-log"), 401)
    assert_json(client.post("/api/v1/me/security-log"), 405)


# --- Forgetting ------------------------------------------------------------------------------------


def test_the_worker_forgets_what_is_older_than_a_year(alex):
    now = timezone.now()
    old = log.record(alex, Kind.SIGNED_IN)
    SecurityEvent.objects.filter(pk=old.pk).update(at=now - KEEP_FOR - timedelta(minutes=1))
    recent = log.record(alex, Kind.PASSWORD_CHANGED)
    KnownDevice.objects.create(
        person=alex, fingerprint="a" * 64, first_signed_in_at=now, last_signed_in_at=now - KEEP_FOR * 2
    )
    housekeeping.forget_old()
    assert list(SecurityEvent.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not KnownDevice.objects.filter(fingerprint="a" * 64).exists()


def test_deleting_an_account_deletes_its_log(alex):
    log.record(alex, Kind.SIGNED_IN)
    alex.delete()
    assert not SecurityEvent.objects.exists()
    assert not KnownDevice.objects.exists()


def test_a_wrong_password_for_a_second_address_is_logged_too(alex):
    EmailAddress.objects.create(user=alex, email="lex@example.com", verified=True, primary=False)
    log_in(browser(), "LEX@example.com", "wrong-password")
    assert kinds(alex) == [Kind.SIGN_IN_FAILED]
