"""Notifications in the JSON API: my settings, my devices, the server's key. Nobody else's devices."""

from __future__ import annotations

import json

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
    stored = PushSubscription.objects.get(pk=answer["id"])
    assert (stored.person, stored.endpoint, stored.auth) == (alex, phone.endpoint, phone.auth)
    assert [d["id"] for d in assert_json(alex_client.get(DEVICES), 200)] == [answer["id"]]


def test_adding_the_same_device_twice_updates_it(alex_client, phone):
    first = assert_json(send(alex_client, "post", DEVICES, subscription(phone)), 201)
    second = assert_json(send(alex_client, "post", DEVICES, subscription(phone)), 201)
    assert first["id"] == second["id"]
    assert PushSubscription.objects.count() == 1


def test_a_browser_that_changes_hands_notifies_only_its_new_person(alex_client, robin_client, alex, robin, phone):
    send(alex_client, "post", DEVICES, subscription(phone))
    send(robin_client, "post", DEVICES, subscription(phone))
    assert not PushSubscription.objects.filter(person=alex).exists()
    assert PushSubscription.objects.get().person == robin


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
        "https://push.example.com/" + "a" * 1000,
        "not a url",
    ],
)
def test_addresses_that_are_no_push_service_are_refused(alex_client, phone, endpoint):
    body = {**subscription(phone), "endpoint": endpoint}
    response = send(alex_client, "post", DEVICES, body)
    assert response.status_code in {400, 422}
    assert_json(response, response.status_code)
    assert not PushSubscription.objects.exists()


def test_in_production_only_https_on_a_public_name_is_taken(settings, alex_client, phone):
    settings.PRODUCTION = True
    assert send(alex_client, "post", DEVICES, subscription(phone)).status_code == 400
    real = {**subscription(phone), "endpoint": "https://fcm.googleapis.com/fcm/send/abc:def"}
    assert send(alex_client, "post", DEVICES, real).status_code == 201


@pytest.mark.parametrize(
    "keys",
    [
        {"p256dh": "BAAA", "auth": "c2VjcmV0c2VjcmV0c2VjcmV0"},
        {"p256dh": "not base64!", "auth": "AAAAAAAAAAAAAAAAAAAAAA"},
        {"p256dh": None, "auth": "AAAAAAAAAAAAAAAAAAAAAA"},
        {"p256dh": "x" * 200, "auth": "AAAAAAAAAAAAAAAAAAAAAA"},
        {"auth": "AAAAAAAAAAAAAAAAAAAAAA"},
    ],
)
def test_broken_keys_are_refused(alex_client, phone, keys):
    response = send(alex_client, "post", DEVICES, {"endpoint": phone.endpoint, "keys": keys})
    assert response.status_code in {400, 422}
    assert_json(response, response.status_code)
    assert not PushSubscription.objects.exists()


def test_an_auth_secret_of_the_wrong_length_is_refused(alex_client, phone):
    body = {"endpoint": phone.endpoint, "keys": {"p256dh": phone.p256dh, "auth": "AAAA"}}
    assert_json(send(alex_client, "post", DEVICES, body), 400)


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
        client.delete(f"{DEVICES}/1"),
        client.get("/api/v1/notifications/vapid-key"),
    ):
        assert_json(response, 401)


def test_the_browser_needs_its_csrf_token(alex, phone):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alex)
    assert send(client, "post", DEVICES, subscription(phone)).status_code == 403
    assert not PushSubscription.objects.exists()
