"""The notifications page, removing a device, and the service worker at the site's root."""

from __future__ import annotations

import uuid
from datetime import time

import pytest
from django.test import Client

from breathingroom.notify.models import NotificationSettings, PushMode, PushSubscription
from breathingroom.notify.tests.conftest import device_for

URL = "/notifications/"


def test_the_page_shows_the_choices_and_the_devices(alex_client, alex, push_service):
    device_for(alex, push_service)
    response = alex_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Firefox on Android" in page
    assert "Get notifications on this device" in page
    assert 'name="push" value="away"' in page
    assert "Europe/London" in page  # quiet hours are on the person's own clock
    assert "breathingroom/notify.js" in page


def test_settings_link_to_it(alex_client):
    assert URL in alex_client.get("/settings/").content.decode()


def test_saving_quiet_hours_over_midnight(alex_client, alex):
    response = alex_client.post(
        URL, {"push": "always", "email_reminders": "on", "quiet_from": "22:30", "quiet_until": "07:00"}
    )
    assert response.status_code == 302
    wishes = NotificationSettings.objects.get(person=alex)
    assert (wishes.push, wishes.email_reminders) == (PushMode.ALWAYS, True)
    assert (wishes.quiet_from, wishes.quiet_until) == (time(22, 30), time(7))
    assert 'value="22:30"' in alex_client.get(URL).content.decode()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"push": "away", "quiet_from": "22:00"}, "both a start and an end"),
        ({"push": "away", "quiet_from": "22:00", "quiet_until": "22:00"}, "differ"),
        ({"push": "loud"}, "valid choice"),
        ({"push": "away", "quiet_from": "25:00", "quiet_until": "07:00"}, "valid time"),
    ],
)
def test_bad_settings_are_refused_and_nothing_changes(alex_client, alex, data, error):
    response = alex_client.post(URL, data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not NotificationSettings.objects.filter(person=alex).exists()


def test_removing_ones_own_device(alex_client, alex, push_service):
    device_for(alex, push_service)
    subscription = PushSubscription.objects.get(person=alex)
    response = alex_client.post(f"/notifications/devices/{subscription.public_id}/remove/")
    assert response.status_code == 302
    assert not PushSubscription.objects.filter(person=alex).exists()


def test_no_one_can_remove_someone_elses_device(alex, sam_client, robin_client, push_service):
    device_for(alex, push_service)
    subscription = PushSubscription.objects.get(person=alex)
    for client in (sam_client, robin_client):
        assert client.post(f"/notifications/devices/{subscription.public_id}/remove/").status_code == 404
        assert "Firefox" not in client.get(URL).content.decode()
    assert PushSubscription.objects.filter(person=alex).exists()


def test_removing_needs_a_post(alex_client, alex, push_service):
    device_for(alex, push_service)
    subscription = PushSubscription.objects.get(person=alex)
    assert alex_client.get(f"/notifications/devices/{subscription.public_id}/remove/").status_code == 405
    assert alex_client.delete(URL).status_code == 405


def test_anonymous_people_are_sent_to_sign_in(db):
    client = Client()
    for response in (client.get(URL), client.post(f"/notifications/devices/{uuid.uuid4()}/remove/")):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_the_page_the_script_returns_to_says_the_device_was_added(alex_client):
    assert "This device will get notifications now." in alex_client.get(URL + "?device=added").content.decode()


def test_the_service_worker_is_served_from_the_root_uncached(db):
    response = Client().get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert 'addEventListener("push"' in body
    assert 'addEventListener("notificationclick"' in body


def test_the_policy_lets_the_worker_run(db):
    policy = Client().get("/sw.js")["Content-Security-Policy"]
    assert "worker-src 'self'" in policy
