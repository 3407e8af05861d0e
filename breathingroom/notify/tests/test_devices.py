"""Telling one's devices apart by name; adding one twice at once, or two people adding the same one."""

from __future__ import annotations

import pytest

from breathingroom.conftest import at_once, make_person
from breathingroom.notify import devices
from breathingroom.notify.devices import device_label
from breathingroom.notify.models import PushSubscription
from breathingroom.notify.tests.push_service import Device, PushService


@pytest.mark.parametrize(
    ("user_agent", "label"),
    [
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0 Mobile Safari/537.36",
            "Chrome on Android",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/17.5 Mobile/15E148 Safari/604.1",
            "Safari on iPhone",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 "
            "Safari/537.36 Edg/126.0",
            "Edge on Windows",
        ),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0", "Firefox on Mac"),
        ("curl/8.5", "A browser"),
        ("", "A browser"),
    ],
)
def test_a_device_is_named_by_its_browser_and_system(user_agent, label):
    assert device_label(user_agent) == label


@pytest.fixture
def browser(names) -> Device:
    names.give("fcm.googleapis.com", ["142.250.180.10"])
    return PushService(vapid_public_key="", origin="https://fcm.googleapis.com").new_device()


def add(person, device: Device):
    return lambda: devices.subscribe(person, device.endpoint, device.p256dh, device.auth)


@pytest.mark.django_db(transaction=True)
def test_the_same_device_added_twice_at_once_is_one_device(browser):
    alex = make_person("Alex")
    outcomes = at_once(add(alex, browser), add(alex, browser))
    assert all(isinstance(o, PushSubscription) for o in outcomes), outcomes
    assert outcomes[0].public_id == outcomes[1].public_id
    assert PushSubscription.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_people_adding_one_address_at_once_each_get_their_own_and_nothing_more(browser):
    alex, robin = make_person("Alex"), make_person("Robin")
    outcomes = at_once(add(alex, browser), add(robin, browser))
    assert all(isinstance(o, PushSubscription) for o in outcomes), outcomes
    assert [o.person for o in outcomes] == [alex, robin]
    assert PushSubscription.objects.filter(person=alex).count() == 1
    assert PushSubscription.objects.filter(person=robin).count() == 1
