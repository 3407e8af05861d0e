"""With the mail server down, as production runs (verification required, a real SMTP server), signing
up and resetting a password answer as usual at once, nothing is left half-made, and the email
arrives, working, once the server is back and the worker's next attempt comes."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test import Client

from breathingroom.accounts.models import Person
from breathingroom.accounts.tests.test_accounts import sign_up
from breathingroom.accounts.tests.test_headless import HEADLESS, assert_json, phone, signup, with_token
from breathingroom.conftest import client_for
from breathingroom.notify.models import OutgoingEmail
from breathingroom.notify.outbox import send_queued
from breathingroom.notify.tests.conftest import come_due, part, queued, run_tasks


@pytest.fixture
def mail_server_down(settings, smtp_inbox):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    smtp_inbox.stop()
    return smtp_inbox


def back_up(inbox) -> list:
    """The server answers again; the worker's next attempt comes due and runs. The messages it delivered."""
    inbox.start()
    [waiting] = queued(send_queued)
    come_due(waiting)
    assert run_tasks() == ["sent"]
    assert OutgoingEmail.objects.count() == 0, "a sent email is not kept"
    return inbox.messages


def link_in(message, path: str) -> str:
    return re.search(rf"https?://[^/\s]+({path}\S+/)", part(message, "text/plain")).group(1)


@pytest.mark.django_db
def test_the_app_signs_up_while_mail_is_down_and_the_key_works_once_it_arrives(mail_server_down):
    answer = assert_json(signup(), 401)

    # allauth's own answer for an account that waits for its address to be confirmed.
    assert {"id": "verify_email", "is_pending": True} in answer["data"]["flows"]
    assert EmailAddress.objects.get(email="nina@example.com", verified=False)
    assert mail_server_down.messages == []
    # The worker's first attempt meets the server still down and leaves the email for later.
    assert run_tasks() == ["later"]
    assert Person.objects.filter(email="nina@example.com").exists()

    [message] = back_up(mail_server_down)
    assert message["To"] == "nina@example.com"
    key = link_in(message, "/accounts/confirm-email/").rstrip("/").rsplit("/", 1)[1]
    token = answer["meta"]["session_token"]
    verified = phone().post(
        f"{HEADLESS}/auth/email/verify", {"key": key}, content_type="application/json", headers=with_token(token)
    )
    assert assert_json(verified, 200)["meta"]["is_authenticated"] is True
    assert EmailAddress.objects.get(email="nina@example.com").verified


@pytest.mark.django_db
def test_the_sign_up_page_works_while_mail_is_down_and_the_link_works_once_it_arrives(mail_server_down):
    browser = Client()
    response = sign_up(browser, email="nina@example.com")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert mail_server_down.messages == []
    assert run_tasks() == ["later"]

    [message] = back_up(mail_server_down)
    confirmed = browser.post(link_in(message, "/accounts/confirm-email/"))
    assert confirmed.status_code == 302
    assert Person.objects.get(email="nina@example.com").emailaddress_set.get().verified


@pytest.mark.django_db
def test_a_password_reset_while_mail_is_down_answers_as_usual_and_its_link_works_later(alex, mail_server_down):
    browser = Client()
    asked = browser.post("/accounts/password/reset/", {"email": "alex@example.com"})
    assert asked.status_code == 302
    assert asked["Location"] == "/accounts/password/reset/done/"
    from_the_app = phone().post(
        f"{HEADLESS}/auth/password/request", {"email": "alex@example.com"}, content_type="application/json"
    )
    assert_json(from_the_app, 200)
    assert run_tasks() == ["later", "later"]

    mail_server_down.start()
    for waiting in queued(send_queued):
        come_due(waiting)
    assert run_tasks() == ["sent", "sent"]
    assert [m["To"] for m in mail_server_down.messages] == ["alex@example.com"] * 2
    form = browser.get(link_in(mail_server_down.messages[0], "/accounts/password/reset/key/"), follow=True)
    assert form.status_code == 200
    assert 'name="password1"' in form.content.decode()


@pytest.mark.django_db
def test_a_sign_up_that_fails_halfway_leaves_no_account_and_answers_json(mail_server_down):
    # The database refuses the confirmation email: the account it would confirm must not stay behind.
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {OutgoingEmail._meta.db_table}")

    failed = Client(enforce_csrf_checks=True, raise_request_exception=False).post(
        f"{HEADLESS}/auth/signup",
        {"email": "nina@example.com", "password": "quiet-harbour-7731", "display_name": "Nina", "time_zone": "UTC"},
        content_type="application/json",
    )

    body = assert_json(failed, 500)
    assert body["status"] == 500
    assert body["errors"][0]["code"] == "internal_server_error"
    assert "try again" in body["errors"][0]["message"]
    assert not Person.objects.filter(email="nina@example.com").exists()
    assert not EmailAddress.objects.filter(email="nina@example.com").exists()


@pytest.mark.django_db
def test_adding_an_address_while_mail_is_down_confirms_it_once_the_email_arrives(jo, mail_server_down):
    browser = client_for(jo)
    added = browser.post("/accounts/email/", {"email": "jo.at.home@example.org", "action_add": ""})
    assert added.status_code == 302
    assert run_tasks() == ["later"]

    [message] = back_up(mail_server_down)
    assert message["To"] == "jo.at.home@example.org"
    assert browser.post(link_in(message, "/accounts/confirm-email/")).status_code == 302
    assert EmailAddress.objects.get(email="jo.at.home@example.org").verified
