"""Telling one's devices apart by name, and which addresses count as a push service's."""

from __future__ import annotations

import pytest

from breathingroom.notify.devices import BadEndpoint, check_endpoint, device_label


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


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://fcm.googleapis.com/fcm/send/abc",
        "https://updates.push.services.mozilla.com/wpush/v2/abc",
        "https://web.push.apple.com/QGx",
        "http://127.0.0.1:8123/push/abc",
        "http://localhost:8123/push/abc",
    ],
)
def test_push_service_addresses(endpoint):
    assert check_endpoint(endpoint) == endpoint


def test_loopback_is_for_tests_and_development_only(settings):
    settings.PRODUCTION = True
    with pytest.raises(BadEndpoint):
        check_endpoint("http://127.0.0.1:8123/push/abc")
    with pytest.raises(BadEndpoint):
        check_endpoint("https://localhost/push/abc")
