"""A push goes to the address checked at that moment, as the push service's name, and nowhere else."""

from __future__ import annotations

import pytest
import requests

from breathingroom.breaks import space
from breathingroom.notify import addresses, devices, sending
from breathingroom.notify.models import PushSubscription
from breathingroom.notify.tests.conftest import REASSURANCE, device_for, run_tasks
from breathingroom.notify.tests.push_service import NAME, PushService, certificate, serve

pytestmark = pytest.mark.usefixtures("couple")


def test_the_push_reaches_the_checked_address_speaking_as_the_name(alex, sam, push_service, committed):
    phone = device_for(sam, push_service)
    committed(space.take_space, alex, 30, REASSURANCE)
    assert run_tasks() == [["push:sent"]]
    [delivered] = push_service.deliveries(phone)
    # The connection went to 127.0.0.1, the only place the push service listens; TLS asked for the
    # name (SNI), the certificate was verified for it, and the request named it too.
    assert push_service.server_names == [NAME]
    assert delivered.headers["host"] == push_service.origin.removeprefix("https://")


def test_an_address_that_is_private_at_the_time_of_sending_is_not_sent_to(alex, sam, push_service, committed, settings):
    phone = device_for(sam, push_service)  # added while the test setting let 127.0.0.1 through
    settings.PUSH_ALLOWED_PRIVATE_ENDPOINTS = False
    committed(space.take_space, alex, 30, REASSURANCE)
    # Refused for good, not tried again: the name points inwards.
    assert run_tasks() == [["push:failed"]]
    assert push_service.requests == []
    assert PushSubscription.objects.filter(endpoint=phone.endpoint).exists()


def test_rebinding_public_when_added_private_when_sent_is_refused(alex, sam, push_service, names, committed, settings):
    settings.PUSH_ALLOWED_PRIVATE_ENDPOINTS = False
    phone = push_service.new_device()
    # A name that answers a public address first (when the device is added) and this machine after.
    names.give(NAME, ["142.250.180.10"], ["127.0.0.1"])
    devices.subscribe(sam, phone.endpoint, phone.p256dh, phone.auth)
    committed(space.take_space, alex, 30, REASSURANCE)
    assert run_tasks() == [["push:failed"]]
    assert push_service.requests == []
    assert names.asked == [NAME, NAME]


def test_the_connection_stays_on_the_checked_address_whatever_the_name_says_later(push_service, names):
    phone = push_service.new_device()
    destination = addresses.check(phone.endpoint)
    assert destination.address == "127.0.0.1"
    # From now on the name answers somewhere else entirely; the pinned session never asks it again.
    names.give(NAME, ["192.0.2.1"])
    asked = len(names.asked)
    with addresses.PinnedSession(destination, sending.PUSH_CERTIFICATES) as session:
        response = session.post(phone.endpoint, data=b"", timeout=5)
    assert response.status_code == 400  # our push service answered (the body is no real notice)
    assert push_service.requests == [phone.path]
    assert len(names.asked) == asked
    push_service.problems.clear()


def test_only_the_checked_url_is_reached_and_no_redirect_is_followed(push_service):
    phone = push_service.new_device()
    destination = addresses.check(phone.endpoint)
    with addresses.PinnedSession(destination, sending.PUSH_CERTIFICATES) as session:
        for elsewhere in ("https://metadata.example/latest", f"http://{NAME}:{destination.port}/push/x"):
            with pytest.raises(requests.ConnectionError):
                session.post(elsewhere, timeout=5)
    assert push_service.requests == []


def test_a_certificate_for_another_name_is_refused(tmp_path, names, settings, monkeypatch):
    # A server on the checked address whose certificate is for some other name: never spoken to.
    settings.PUSH_ALLOWED_PRIVATE_ENDPOINTS = True
    other = PushService(vapid_public_key="")
    cert_file, key_file = certificate(tmp_path, "someone-else.test")
    server = serve(other, cert_file, key_file)
    port = server.server_address[1]
    names.give(NAME, ["127.0.0.1"])
    try:
        destination = addresses.check(f"https://{NAME}:{port}/push/x")
        with (
            addresses.PinnedSession(destination, str(cert_file)) as session,
            pytest.raises(requests.exceptions.SSLError),
        ):
            session.post(destination.url, data=b"", timeout=5)
    finally:
        server.shutdown()
        server.server_close()
    assert other.requests == []
