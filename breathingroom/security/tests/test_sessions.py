"""Where you are signed in, and signing out everywhere else, through allauth's page and app API."""

from __future__ import annotations

from allauth.usersessions.models import UserSession

from breathingroom.security.models import Kind
from breathingroom.security.tests.conftest import FIREFOX_ON_WINDOWS, app_log_in, browser, kinds, log_in


def signed_in(client) -> bool:
    return client.get("/settings/").status_code == 200


def test_the_list_shows_only_this_persons_sessions(alex, robin):
    laptop, phone = browser(FIREFOX_ON_WINDOWS), browser()
    log_in(laptop, "alex@example.com")
    log_in(phone, "alex@example.com")
    robins = browser(address="192.0.2.44")
    log_in(robins, "robin@example.com")

    page = laptop.get("/accounts/sessions/")
    assert page.status_code == 200
    assert [s.user_id for s in page.context["sessions"]] == [alex.pk, alex.pk]
    assert "192.0.2.44" not in page.content.decode()


def test_signing_out_everywhere_else_ends_the_other_sessions_and_is_logged(alex):
    laptop, phone, tablet = browser(FIREFOX_ON_WINDOWS), browser(), browser()
    for client in (laptop, phone, tablet):
        log_in(client, "alex@example.com")

    response = laptop.post("/accounts/sessions/")
    assert response.status_code == 302

    assert signed_in(laptop)
    assert not signed_in(phone)
    assert not signed_in(tablet)
    assert UserSession.objects.filter(user=alex).count() == 1
    assert kinds(alex)[-1] == Kind.SIGNED_OUT_ELSEWHERE
    assert alex.security_events.get(kind=Kind.SIGNED_OUT_ELSEWHERE).device == "Firefox on Windows"


def test_signing_out_everywhere_else_ends_app_tokens_too(alex):
    token = app_log_in("alex@example.com").json()["meta"]["session_token"]
    laptop = browser()
    log_in(laptop, "alex@example.com")
    laptop.post("/accounts/sessions/")
    assert browser().get("/api/v1/me", headers={"X-Session-Token": token}).status_code == 401


def test_with_no_other_session_nothing_is_logged(alex):
    laptop = browser()
    log_in(laptop, "alex@example.com")
    laptop.post("/accounts/sessions/")
    assert Kind.SIGNED_OUT_ELSEWHERE not in kinds(alex)


def test_signing_out_of_an_other_session_through_the_app_api_is_logged(alex):
    laptop = browser()
    log_in(laptop, "alex@example.com")
    token = app_log_in("alex@example.com").json()["meta"]["session_token"]
    headers = {"X-Session-Token": token}
    sessions = browser().get("/_allauth/app/v1/auth/sessions", headers=headers).json()["data"]
    others = [s["id"] for s in sessions if not s["is_current"]]
    assert len(others) == 1
    ended = browser().delete(
        "/_allauth/app/v1/auth/sessions", {"sessions": others}, content_type="application/json", headers=headers
    )
    assert ended.status_code == 200
    assert not signed_in(laptop)
    assert kinds(alex)[-1] == Kind.SIGNED_OUT_ELSEWHERE
