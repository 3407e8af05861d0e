"""What notification tests share: a push service and an inbox of their own, devices, and the worker's step."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from breathingroom.accounts.models import Person
from breathingroom.notify import devices, sending
from breathingroom.notify.models import NotificationSettings, PushMode
from breathingroom.notify.tests.push_service import NAME, Device, Names, PushService, b64url, certificate, serve
from breathingroom.notify.vapid import public_key

REASSURANCE = "I'm not leaving us."
FIREFOX_ON_ANDROID = "Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0"


@pytest.fixture(scope="session")
def vapid_private_key() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    return b64url(key.private_numbers().private_value.to_bytes(32, "big"))


@pytest.fixture(autouse=True)
def _own_vapid_keys(settings, vapid_private_key) -> None:
    # Never make or read keys in the real var/ from a test.
    settings.VAPID_PRIVATE_KEY = vapid_private_key
    settings.VAPID_PUBLIC_KEY = ""
    settings.VAPID_SUBJECT = ""


def resolving(monkeypatch) -> Names:
    """Made-up names resolve as a test says, for the rest of the test (resolution only: connections are real)."""
    names = Names(socket.getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", names.getaddrinfo)
    return names


@pytest.fixture
def names(monkeypatch) -> Names:
    return resolving(monkeypatch)


@pytest.fixture
def push_service(_own_vapid_keys, settings, monkeypatch, tmp_path) -> Iterator[PushService]:
    """A push service on this machine, at https://push.breathingroom.test:<port>, that this server may reach.

    Only for tests: the setting that allows a push service on a private address, and trust in its
    own certificate.
    """
    cert_file, key_file = certificate(tmp_path)
    settings.PUSH_ALLOWED_PRIVATE_ENDPOINTS = True
    monkeypatch.setattr(sending, "PUSH_CERTIFICATES", str(cert_file))
    resolving(monkeypatch).give(NAME, ["127.0.0.1"])
    service = PushService(vapid_public_key=public_key())
    server = serve(service, cert_file, key_file)
    yield service
    service.released.set()
    server.shutdown()
    server.server_close()
    assert service.problems == []


def device_for(person: Person, service: PushService, push: str = PushMode.ALWAYS, **wishes: Any) -> Device:
    """A browser of ``person``'s that turned notifications on, with ``push`` and other wishes saved."""
    device = service.new_device()
    devices.subscribe(person, device.endpoint, device.p256dh, device.auth, FIREFOX_ON_ANDROID)
    NotificationSettings.objects.update_or_create(person=person, defaults={"push": push, **wishes})
    return device


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a domain step and what it leaves for after the commit, as a request would."""

    def run(step, *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return step(*args, **kwargs)

    return run


def queued(task=None) -> list[DBTaskResult]:
    rows = DBTaskResult.objects.ready() if task is None else DBTaskResult.objects.filter(task_path=task.module_path)
    return list(rows.filter(status="READY").order_by("run_after", "enqueued_at"))


def run_tasks() -> list[Any]:
    """Run every task whose time has come, as the worker does, until none is left. Their return values."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    values = []
    while (row := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
        row.claim(worker.worker_id)
        worker.run_task(row)
        row.refresh_from_db()
        assert row.status == "SUCCESSFUL", row.traceback
        values.append(row.return_value)
    return values


def come_due(row: DBTaskResult) -> None:
    """Let the time a task waits for arrive now."""
    DBTaskResult.objects.filter(pk=row.pk).update(run_after=timezone.now())


def part(message: email.message.Message, content_type: str) -> str:
    for piece in message.walk():
        if piece.get_content_type() == content_type:
            return piece.get_payload(decode=True).decode()
    raise AssertionError(f"no {content_type} part")
