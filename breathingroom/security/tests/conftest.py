"""What the security tests share: signing in the way a browser or an app does, and the real inbox."""

from __future__ import annotations

from typing import Any

from django.test import Client

from breathingroom.conftest import PASSWORD
from breathingroom.security.models import SecurityEvent

CHROME_ON_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
APP_LOGIN = "/_allauth/app/v1/auth/login"


def browser(user_agent: str = CHROME_ON_ANDROID, address: str = "198.51.100.7") -> Client:
    return Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address)


def log_in(client: Client, email: str, password: str = PASSWORD, **extra: Any):
    return client.post("/accounts/login/", {"login": email, "password": password}, **extra)


def app_log_in(email: str, password: str = PASSWORD, device_id: str | None = None):
    headers = {"X-Device-Id": device_id} if device_id else {}
    return Client(enforce_csrf_checks=True).post(
        APP_LOGIN, {"email": email, "password": password}, content_type="application/json", headers=headers
    )


def kinds(person) -> list[str]:
    """The person's log, oldest first."""
    return list(SecurityEvent.objects.of(person.pk).order_by("at", "pk").values_list("kind", flat=True))
