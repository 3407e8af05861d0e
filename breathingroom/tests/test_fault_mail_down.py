"""The mail server is down while someone signs up from the app, against the real processes.

uvicorn and ``manage.py worker`` run on the test database with email going over SMTP to a real
server on this machine, and with email verification required, as production has it (the rest of
production mode needs https, which these processes do not serve). The server is stopped: signing
up must answer allauth's usual JSON at once, not an error page, and leave the account with its
email queued. Once the server is back, the worker's next attempt delivers the email, and its key
confirms the address.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request

from allauth.account.models import EmailAddress
from django_tasks_db.models import DBTaskResult

from breathingroom.accounts.models import Person
from breathingroom.notify.outbox import send_queued
from breathingroom.notify.tests.conftest import come_due, part
from breathingroom.tests.servers import wait_for

APP = "/_allauth/app/v1"


def post(url: str, body: dict[str, str], token: str = "") -> tuple[int, dict]:
    """POST JSON as an app does; the status and the JSON answer (an answer that is not JSON fails here)."""
    headers = {"Content-Type": "application/json", **({"X-Session-Token": token} if token else {})}
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (our own server)
            status, content_type, content = response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        status, content_type, content = error.code, error.headers["Content-Type"], error.read()
    assert content_type.startswith("application/json"), (status, content[:300])
    return status, json.loads(content)


def test_signing_up_from_the_app_while_mail_is_down(app_processes, smtp_inbox, monkeypatch):
    smtp_inbox.stop()
    for name, value in {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_inbox.port),
        "EMAIL_USE_TLS": "0",
        "ACCOUNT_EMAIL_VERIFICATION": "mandatory",
    }.items():
        monkeypatch.setenv(name, value)
    web = app_processes.web()
    worker = app_processes.worker()

    started = time.monotonic()
    status, answer = post(
        f"{web.url}{APP}/auth/signup",
        {"email": "nina@example.com", "password": "quiet-harbour-7731", "display_name": "Nina", "time_zone": "UTC"},
    )
    assert time.monotonic() - started < 5
    assert status == 401, answer
    assert {"id": "verify_email", "is_pending": True} in answer["data"]["flows"]
    assert Person.objects.filter(email="nina@example.com").exists()

    # The worker tried, found the server down, and queued its next attempt.
    retry = wait_for(
        lambda: DBTaskResult.objects.filter(task_path=send_queued.module_path, args_kwargs__args__1=2).first(),
        timeout=15,
        what="the worker's second attempt is queued",
    )
    assert smtp_inbox.messages == []
    smtp_inbox.start()
    come_due(retry)
    wait_for(lambda: smtp_inbox.messages, timeout=15, what="the confirmation email arrives")

    [message] = smtp_inbox.messages
    assert message["To"] == "nina@example.com"
    key = re.search(r"/accounts/confirm-email/([^/\s]+)/", part(message, "text/plain")).group(1)
    status, verified = post(f"{web.url}{APP}/auth/email/verify", {"key": key}, token=answer["meta"]["session_token"])
    assert status == 200, verified
    assert verified["meta"]["is_authenticated"] is True
    assert EmailAddress.objects.get(email="nina@example.com").verified
    assert "Gave up" not in worker.logged()
