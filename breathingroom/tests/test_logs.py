"""Nothing private or secret ever reaches a log, whatever is logged and however loudly.

A whole day of the app runs with every logger at DEBUG: signing up and in (pages and app), taking
space with a reassurance, extending, writing private notes, fetching a socket ticket, a device that
is pushed to and one whose push service is down, the worker's tasks. Then everything logged, with
its arguments and tracebacks, is searched for each secret.
"""

from __future__ import annotations

import logging
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from breathingroom.accounts.models import Person
from breathingroom.accounts.tests.test_headless import login, with_token
from breathingroom.breaks.models import Break
from breathingroom.conftest import PASSWORD, make_couple
from breathingroom.notify import devices
from breathingroom.notify.models import NotificationSettings, PushMode
from breathingroom.notify.tests.conftest import (  # noqa: F401 (fixtures)
    _own_vapid_keys,
    push_service,
    run_tasks,
    vapid_private_key,
)

NEW_PASSWORD = "lantern-orchard-5521"
SECRETS = {
    "reassurance": "Sunflower-reassurance-1187, I am coming back.",
    "more time": "Kestrel-extension-2291, a little longer please.",
    "unsent": "Marigold-unsent-3342 words I will not send",
    "check-in note": "Quartz-checkin-4453 tight chest",
    "felt": "Willow-felt-5564",
    "need": "Juniper-need-6675",
    "my part": "Cobalt-part-7786",
}


class Everything(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.text: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        # The formatted message, the raw arguments and any traceback: each could carry a secret.
        self.text.append(logging.Formatter().format(record))
        self.text.append(repr(record.args))
        self.text.append(repr(getattr(record, "request", "")))


@pytest.fixture
def everything() -> Everything:
    handler = Everything()
    root = logging.getLogger()
    old_level = root.level
    loggers = [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    levels = [(logger, logger.level) for logger in loggers]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(old_level)
    for logger, level in levels:
        logger.setLevel(level)


@pytest.mark.django_db(transaction=True)
def test_a_whole_day_logs_no_secret(everything, push_service, django_capture_on_commit_callbacks):  # noqa: F811
    browser = Client()
    signed_up = browser.post(
        "/accounts/signup/",
        {
            "email": "nina@example.com",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "display_name": "Nina",
            "time_zone": "Europe/Paris",
        },
    )
    assert signed_up.status_code == 302
    nina = Person.objects.get(email="nina@example.com")
    omar = Person.objects.create_user(email="omar@example.com", password=PASSWORD, display_name="Omar")
    make_couple(omar, nina)
    # A wrong password, and the right one, on the page and from the app.
    assert Client().post("/accounts/login/", {"login": "nina@example.com", "password": "wrong-" + NEW_PASSWORD})
    token = login("nina@example.com", NEW_PASSWORD).json()["meta"]["session_token"]
    api = with_token(token)
    omar_token = login("omar@example.com").json()["meta"]["session_token"]

    # Omar's phone gets pushes; a second device's push service is down.
    working = push_service.new_device()
    devices.subscribe(omar, working.endpoint, working.p256dh, working.auth, "Firefox on Android")
    broken = push_service.new_device()
    push_service.answer(broken, 503, 503)
    devices.subscribe(omar, broken.endpoint, broken.p256dh, broken.auth, "Chrome on Android")
    NotificationSettings.objects.filter(person=omar).update(push=PushMode.ALWAYS)

    phone = Client()
    with django_capture_on_commit_callbacks(execute=True):
        taken = phone.post(
            "/api/v1/breaks",
            {"minutes": 30, "reassurance": SECRETS["reassurance"]},
            content_type="application/json",
            headers=api,
        )
    assert taken.status_code in (200, 201), taken.content
    brk = Break.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        phone.post(
            f"/api/v1/breaks/{brk.id}/extend",
            {"minutes": 10, "reassurance": SECRETS["more time"]},
            content_type="application/json",
            headers=api,
        )
    ticket = phone.post("/api/v1/events/ticket", headers=api).json()["ticket"]

    browser.post("/calm/unsent/", {"text": SECRETS["unsent"]})
    browser.post(
        "/body/",
        {"places": "chest", "sensation_chest": "tight", "intensity_chest": "6", "note": SECRETS["check-in note"]},
    )
    browser.post(
        f"/space/{brk.id}/prepare/", {"felt": SECRETS["felt"], "need": SECRETS["need"], "my_part": SECRETS["my part"]}
    )
    run_tasks()
    Break.objects.filter(pk=brk.pk).update(returns_at=timezone.now())
    run_tasks()

    assert push_service.received, "the working device was pushed to"
    [confirmation_key] = [k for m in mail.outbox for k in re.findall(r"/accounts/confirm-email/([^/\s]+)/", m.body)]
    logged = "\n".join(everything.text)
    assert logged, "something was logged"
    found = {
        name: secret
        for name, secret in {
            **SECRETS,
            "password": NEW_PASSWORD,
            "wrong password": "wrong-" + NEW_PASSWORD,
            "email confirmation key": confirmation_key,
            "session token": token,
            "other session token": omar_token,
            "ticket": ticket,
            "push endpoint": working.endpoint,
            "broken push endpoint": broken.endpoint,
            "push key": working.p256dh,
            "push auth": working.auth,
        }.items()
        if secret in logged
    }
    assert found == {}, f"logged: {sorted(found)}"
