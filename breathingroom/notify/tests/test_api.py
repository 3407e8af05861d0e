"""Notifications in the JSON API: my settings, my devices, the server's key. Nobody else's devices."""

from __future__ import annotations

import json
import uuid

import pytest
from django.test import Client

from breathingroom.conftest import assert_json
from breathingroom.notify import vapid
from breathingroom.notify.models import NotificationSettings, PushMode, PushSubscription
from breathingroom.notify.tests.conftest import FIREFOX_ON_ANDROID
from breathingroom.notify.tests.push_service import Device, PushService

SETTINGS = "/api/v1/notifications/settings"
DEVICES = "/api/v1/notifications/subscriptions"


def send(client: Client, method: str, url: str, body: object, **headers: str):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def phone(push_service: PushService) -> Device:
    return push_service.new_device()


def subscription(device: Device) -> dict[str, object]:
    return {"endpoint": device.endpoint, "keys": {"p256dh": device.p256dh, "auth": device.auth}}


def test_my_settings_start_at_the_defaults(alex_client):
    body = assert_json(alex_client.get(SETTINGS), 200)
    assert body == {
        "push": "away",
        "email_reminders": False,
        "quiet_from": None,
        "quiet_until": None,
        "time_zone": "Europe/London",
    }


def test_changing_my_settings(alex_client, alex):
    body = {"push": "always", "email_reminders": True, "quiet_from": "22:00", "quiet_until": "07:30"}
    answer = assert_json(send(alex_client, "put", SETTINGS, body), 200)
    assert answer["quiet_from"] == "22:00:00"
    assert answer["quiet_until"] == "07:30:00"
    wishes = NotificationSettings.objects.get(person=alex)
    assert (wishes.push, wishes.email_reminders) == (PushMode.ALWAYS, True)


@pytest.mark.parametrize(
    "body",
    [
        {"push": "loud", "email_reminders": False, "quiet_from": None, "quiet_until": None},
        {"push": "away", "email_reminders": "yes", "quiet_from": None, "quiet_until": None},
        {"push": "away", "email_reminders": False, "quiet_from": 79200, "quiet_until": "07:00"},
        {"push": "away", "email_reminders": False, "quiet_from": "22:00", "quiet_until": None},
        {"push": "away", "email_reminders": False, "quiet_from": "22:00", "quiet_until": "22:00"},
        {"push": "away", "email_reminders": False, "quiet_from": None, "quiet_until": None, "sound": "on"},
        {"push": "away"},
        "away",
    ],
)
def test_bad_settings_are_refused(alex_client, alex, body):
    response = send(alex_client, "put", SETTINGS, body)
    assert response.status_code in {400, 422}
    assert assert_json(response, response.status_code)["detail"]
    assert not NotificationSettings.objects.filter(person=alex).exists()


def test_adding_a_device(alex_client, alex, phone):
    answer = assert_json(
        send(alex_client, "post", DEVICES, subscription(phone), HTTP_USER_AGENT=FIREFOX_ON_ANDROID), 201
    )
    assert answer["device"] == "Firefox on Android"
    assert set(answer) == {"id", "device", "created_at", "last_used_at"}  # the endpoint and keys stay in
    stored = PushSubscription.objects.get(public_id=uuid.UUID(answer["id"]))
    assert (stored.person, stored.endpoint, stored.auth) == (alex, phone.endpoint, phone.auth)
    assert [d["id"] for d in assert_json(alex_client.get(DEVICES), 200)] == [answer["id"]]


def test_adding_the_same_device_twice_updates_it(alex_client, phone):
    first = assert_json(send(alex_client, "post", DEVICES, subscription(phone)), 201)
    second = assert_json(send(alex_client, "post", DEVICES, subscription(phone)), 201)
    assert first["id"] == second["id"]
    assert PushSubscription.objects.count() == 1


@pytest.mark.parametrize("same_keys", [True, False], ids=["same keys", "other keys"])
def test_an_address_someone_else_gave_stays_theirs_and_is_never_revealed(
    alex_client, robin_client, alex, robin, phone, same_keys
):
    mine = assert_json(send(alex_client, "post", DEVICES, subscription(phone)), 201)
    keys = subscription(phone)["keys"] if same_keys else {"p256dh": phone.p256dh, "auth": "B" * 22}
    theirs = send(robin_client, "post", DEVICES, {"endpoint": phone.endpoint, "keys": keys})
    # Robin is answered as for any new device of his own: nothing says the address is known here.
    answer = assert_json(theirs, 201)
    assert set(answer) == {"id", "device", "created_at", "last_used_at"}
    assert answer["id"] != mine["id"]
    assert answer["last_used_at"] is None
    # Alex's device is still hers, unchanged, and only she sees it; Robin sees only his own.
    assert assert_json(alex_client.get(DEVICES), 200) == [mine]
    assert [d["id"] for d in assert_json(robin_client.get(DEVICES), 200)] == [answer["id"]]
    kept = PushSubscription.objects.get(person=alex)
    assert (kept.endpoint, kept.p256dh, kept.auth) == (phone.endpoint, phone.p256dh, phone.auth)
    # Robin can remove his row, never hers.
    assert_json(robin_client.delete(f"{DEVICES}/{mine['id']}"), 404)
    assert robin_client.delete(f"{DEVICES}/{answer['id']}").status_code == 204
    assert assert_json(alex_client.get(DEVICES), 200) == [mine]


def test_adding_a_device_turns_notifications_on_if_they_were_off(alex_client, alex, phone):
    NotificationSettings.objects.create(person=alex, push=PushMode.OFF)
    send(alex_client, "post", DEVICES, subscription(phone))
    assert NotificationSettings.objects.get(person=alex).push == PushMode.AWAY


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://push.example.com/abc",  # not encrypted in transit
        "https://10.0.0.7/push/abc",  # an address inside someone's network
        "https://169.254.169.254/latest",
        "https://intranet/push",
        "https://user:pw@push.example.com/abc",
        "ftp://push.example.com/abc",
        "http://127.0.0.1:8123/any/path",
        "https://[::ffff:127.0.0.1]/push",
        "http://2130706433/",
        "https://localhost/push",
        "https://push.example.com/" + "a" * 1000,
        "https://push.example.com/" + "a" * 2100,
        "not a url",
        "",
        123,
        None,
        ["https://push.example.com/abc"],
        {"url": "https://push.example.com/abc"},
    ],
)
def test_addresses_that_are_no_push_service_are_refused(alex_client, phone, endpoint):
    body = {**subscription(phone), "endpoint": endpoint}
    response = send(alex_client, "post", DEVICES, body)
    assert response.status_code in {400, 422}
    assert_json(response, response.status_code)
    assert not PushSubscription.objects.exists()


def test_a_push_service_on_a_private_address_is_refused_outside_tests(settings, alex_client, phone, names):
    for allowed, production in ((False, False), (True, True)):
        settings.PUSH_ALLOWED_PRIVATE_ENDPOINTS, settings.PRODUCTION = allowed, production
        refused = assert_json(send(alex_client, "post", DEVICES, subscription(phone)), 400)
        assert "not on the public internet" in refused["detail"]
    names.give("fcm.googleapis.com", ["142.250.180.10"])
    real = {**subscription(phone), "endpoint": "https://fcm.googleapis.com/fcm/send/abc:def"}
    assert_json(send(alex_client, "post", DEVICES, real), 201)


@pytest.mark.parametrize(
    "keys",
    [
        {"p256dh": "BAAA", "auth": "c2VjcmV0c2VjcmV0c2VjcmV0"},
        {"p256dh": "not base64!", "auth": "AAAAAAAAAAAAAAAAAAAAAA"},
        {"p256dh": None, "auth": "AAAAAAAAAAAAAAAAAAAAAA"},
        {"p256dh": "x" * 200, "auth": "AAAAAAAAAAAAAAAAAAAAAA"},
        {"p256dh": "x" * 5000, "auth": "AAAAAAAAAAAAAAAAAAAAAA"},
        {"auth": "AAAAAAAAAAAAAAAAAAAAAA"},
        {"p256dh": 42, "auth": "AAAAAAAAAAAAAAAAAAAAAA"},
        {"p256dh": ["B" * 87], "auth": "AAAAAAAAAAAAAAAAAAAAAA"},
        # The lengths of a real key, but not a point on the curve.
        {"p256dh": "B" + "A" * 86, "auth": "AAAAAAAAAAAAAAAAAAAAAA"},
        # A compressed point: a key, but not as message encryption takes it.
        {"p256dh": "Ax" + "A" * 42, "auth": "AAAAAAAAAAAAAAAAAAAAAA"},
        {"p256dh": "B" * 87, "auth": "AAAAAAAAAAAAAAAAAAAAA+"},
        {"p256dh": "B" * 87, "auth": "AAAAAAAAAAAAAAAAAAAAAA", "extra": "x"},
        [],
        "keys",
    ],
)
def test_broken_keys_are_refused(alex_client, phone, keys):
    if isinstance(keys, dict) and keys.get("p256dh") == "B" * 87:
        keys = {**keys, "p256dh": phone.p256dh}
    response = send(alex_client, "post", DEVICES, {"endpoint": phone.endpoint, "keys": keys})
    assert response.status_code in {400, 422}
    assert_json(response, response.status_code)
    assert not PushSubscription.objects.exists()


def test_an_auth_secret_of_the_wrong_length_is_refused(alex_client, phone):
    short = {"endpoint": phone.endpoint, "keys": {"p256dh": phone.p256dh, "auth": "AAAA"}}
    assert_json(send(alex_client, "post", DEVICES, short), 422)
    # Within the lengths the document gives, but 17 bytes, not 16.
    long = {"endpoint": phone.endpoint, "keys": {"p256dh": phone.p256dh, "auth": "A" * 23}}
    assert_json(send(alex_client, "post", DEVICES, long), 400)
    assert not PushSubscription.objects.exists()


def test_keys_padded_as_some_browsers_give_them_are_taken(alex_client, phone):
    keys = {"p256dh": phone.p256dh + "=", "auth": phone.auth + "=="}
    assert_json(send(alex_client, "post", DEVICES, {"endpoint": phone.endpoint, "keys": keys}), 201)


def test_unknown_fields_are_refused(alex_client, phone):
    body = {**subscription(phone), "expirationTime": None}
    assert send(alex_client, "post", DEVICES, body).status_code == 422


def test_removing_my_device_and_no_one_elses(alex_client, sam_client, robin_client, phone):
    device = assert_json(send(alex_client, "post", DEVICES, subscription(phone)), 201)
    for client in (sam_client, robin_client):
        assert_json(client.delete(f"{DEVICES}/{device['id']}"), 404)
        assert assert_json(client.get(DEVICES), 200) == []
    assert alex_client.delete(f"{DEVICES}/{device['id']}").status_code == 204
    assert_json(alex_client.delete(f"{DEVICES}/{device['id']}"), 404)
    assert not PushSubscription.objects.exists()


def test_the_servers_key(alex_client):
    assert assert_json(alex_client.get("/api/v1/notifications/vapid-key"), 200) == {"public_key": vapid.public_key()}


def test_everything_needs_signing_in(db, phone):
    client = Client()
    for response in (
        client.get(SETTINGS),
        send(client, "put", SETTINGS, {}),
        client.get(DEVICES),
        send(client, "post", DEVICES, subscription(phone)),
        client.delete(f"{DEVICES}/{uuid.uuid4()}"),
        client.get("/api/v1/notifications/vapid-key"),
    ):
        assert_json(response, 401)


def test_the_browser_needs_its_csrf_token(alex, phone):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alex)
    assert send(client, "post", DEVICES, subscription(phone)).status_code == 403
    assert not PushSubscription.objects.exists()
