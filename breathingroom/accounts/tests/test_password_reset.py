"""Password reset, with the email going through a real SMTP server that the test runs."""

from __future__ import annotations

import email
import re

from django.test import Client

from breathingroom.conftest import PASSWORD
from breathingroom.notify.tests.conftest import run_tasks


def _text_body(message: email.message.Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode()
    raise AssertionError("no text part")


def test_password_reset_by_email(alex, smtp_inbox):
    client = Client()
    response = client.post("/accounts/password/reset/", {"email": "alex@example.com"})
    assert response.status_code == 302

    assert run_tasks() == ["sent"]
    assert len(smtp_inbox.messages) == 1
    message = smtp_inbox.messages[0]
    assert message["To"] == "alex@example.com"
    assert "new password" in message["Subject"]
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", _text_body(message)).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]

    form = client.get(path, follow=True)
    assert form.status_code == 200
    new_password = "quiet-harbour-77z"
    done = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else path,
        {"password1": new_password, "password2": new_password},
    )
    assert done.status_code == 302

    fresh = Client()
    old = fresh.post("/accounts/login/", {"login": "alex@example.com", "password": PASSWORD})
    assert old.status_code == 200
    new = fresh.post("/accounts/login/", {"login": "alex@example.com", "password": new_password})
    assert new.status_code == 302


def test_password_reset_for_an_unknown_address_reveals_nothing(db, smtp_inbox):
    client = Client()
    known_shape = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert known_shape.status_code == 302
    run_tasks()
    # allauth tells the address it has no account, without saying so on the page.
    assert all(m["To"] == "nobody@example.com" for m in smtp_inbox.messages)
