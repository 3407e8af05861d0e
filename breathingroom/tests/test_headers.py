"""The headers every page is served with: what a browser may run, embed, reach and tell others."""

from __future__ import annotations

import json

import pytest

from breathingroom.tests.test_deploy import PRODUCTION, manage

# Headers are set by middleware and settings, alike on every database: the first CI pass proves them.
pytestmark = pytest.mark.once

PAGES = ["/", "/accounts/login/", "/calm/", "/settings/", "/api/v1/me", "/healthz"]


def directives(policy: str) -> dict[str, list[str]]:
    found = {}
    for part in policy.split(";"):
        name, *values = part.split()
        found[name] = values
    return found


@pytest.mark.parametrize("path", PAGES)
def test_every_answer_forbids_inline_script_framing_and_leaking_where_it_came_from(alex_client, path):
    response = alex_client.get(path)
    csp = directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert not any("unsafe" in value for values in csp.values() for value in values)
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_no_page_may_ask_for_the_location_camera_or_microphone(alex_client):
    policy = dict(
        item.strip().split("=", 1) for item in alex_client.get("/")["Permissions-Policy"].split(",") if item.strip()
    )
    for feature in ("geolocation", "camera", "microphone", "display-capture", "browsing-topics"):
        assert policy[feature] == "()", feature
    # Passkeys need these on our own origin.
    assert policy["publickey-credentials-get"] == "(self)"
    assert policy["publickey-credentials-create"] == "(self)"


SHOW_HEADERS = """
import json
from django.test import Client
response = Client().get("/accounts/login/", secure=True, headers={"host": "couple.example.org"})
headers = {k.lower(): v for k, v in response.headers.items()}
print(json.dumps({"status": response.status_code, "set-cookie": response.cookies.output(), **headers}))
"""


# Settings and headers only: the database behind them adds nothing in a second pass.
def test_production_sends_strict_transport_security_and_secure_cookies(collected):
    # Production serves only collected, hashed static files, as `make run` prepares them.
    result = manage("shell", "-c", SHOW_HEADERS, tmp_path=collected, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    headers = json.loads(result.stdout.strip().splitlines()[-1])
    assert headers["status"] == 200
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "geolocation=()" in headers["permissions-policy"]
    cookie = headers["set-cookie"]
    assert "Secure" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_production_sends_plain_http_to_https(tmp_path):
    script = SHOW_HEADERS.replace("secure=True", "secure=False")
    result = manage("shell", "-c", script, tmp_path=tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    headers = json.loads(result.stdout.strip().splitlines()[-1])
    assert headers["status"] == 301
    assert headers["location"] == "https://couple.example.org/accounts/login/"


@pytest.mark.parametrize("path", ["/", "/calm/", "/settings/security/", "/api/v1/me", "/api/v1/breaks/current"])
def test_nothing_made_for_a_signed_in_person_is_kept_by_a_browser_or_proxy(alex_client, path):
    response = alex_client.get(path)
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives


def test_a_page_for_nobody_in_particular_is_checked_again_and_static_files_are_not_touched(db, client):
    directives = {part.strip() for part in client.get("/safety/")["Cache-Control"].split(",")}
    assert "no-cache" in directives
    assert "no-store" not in directives
    static = client.get("/static/breathingroom/app.css")
    assert static.status_code == 200
    static.close()
    assert "no-store" not in static.get("Cache-Control", "")
