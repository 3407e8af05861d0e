"""Failed sign-ins are throttled per account (from any address) and per address (across accounts)."""

from __future__ import annotations

import re
import time

import pytest
from allauth.core.internal import ratelimit
from django.conf import settings
from django.core import mail

from breathingroom.conftest import make_person
from breathingroom.notify.tests.conftest import run_tasks
from breathingroom.security.models import Kind
from breathingroom.security.tests.conftest import app_log_in, browser, kinds, log_in

TOO_MANY = "signing in is paused for a few minutes"


class Clock:
    """allauth's rate limits read the time through this; tests move it on instead of waiting."""

    def __init__(self) -> None:
        self.offset = 0.0

    def time(self) -> float:
        return time.time() + self.offset

    def monotonic(self) -> float:
        return time.monotonic()


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(ratelimit, "time", clock)
    return clock


def refused(response) -> bool:
    return response.status_code == 200 and TOO_MANY in response.content.decode()


def signed_in(response) -> bool:
    return response.status_code == 302


def test_the_limits_are_the_ones_settings_name():
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"] == "10/m/ip,5/5m/key"


def test_many_wrong_passwords_for_one_account_from_many_addresses_are_refused(alex, clock):
    for n in range(5):
        response = log_in(browser(address=f"192.0.2.{n + 1}"), "alex@example.com", "wrong-password")
        assert "not correct" in response.content.decode()
    # A sixth address gets no further, even with the right password: the account is paused.
    assert refused(log_in(browser(address="192.0.2.99"), "alex@example.com"))
    assert kinds(alex) == [Kind.SIGN_IN_FAILED] * 5
    # Someone else's account from the same addresses is not affected.
    make_person("Kim")
    assert signed_in(log_in(browser(address="192.0.2.1"), "kim@example.com"))

    clock.offset = 5 * 60 + 1
    assert signed_in(log_in(browser(address="192.0.2.99"), "alex@example.com"))


def test_a_password_reset_lets_the_owner_back_in_at_once(alex, clock):
    for n in range(5):
        log_in(browser(address=f"192.0.2.{n + 1}"), "alex@example.com", "wrong-password")
    home = browser(address="203.0.113.5")
    assert refused(log_in(home, "alex@example.com"))

    home.post("/accounts/password/reset/", {"email": "alex@example.com"})
    run_tasks()
    link = re.search(r"http://\S+(/accounts/password/reset/key/\S+/)", mail.outbox[-1].body).group(1)
    form = home.get(link, follow=True)
    new_password = "quiet-harbour-77z"
    done = home.post(form.redirect_chain[-1][0], {"password1": new_password, "password2": new_password})
    assert done.status_code == 302
    assert signed_in(log_in(home, "alex@example.com", new_password))
    assert Kind.PASSWORD_RESET in kinds(alex)


def test_many_wrong_passwords_from_one_address_across_accounts_are_refused(db, clock):
    people = [make_person(f"Person{n}") for n in range(11)]
    shared = "198.51.100.20"
    for person in people[:10]:
        log_in(browser(address=shared), person.email, "wrong-password")
    # The eleventh account gets no try from that address within the minute, even with its password.
    eleventh = people[10]
    assert refused(log_in(browser(address=shared), eleventh.email))
    # From its own address its owner signs in as always.
    assert signed_in(log_in(browser(address="198.51.100.21"), eleventh.email))

    clock.offset = 61
    assert signed_in(log_in(browser(address=shared), people[0].email))


def test_a_successful_sign_in_does_not_use_up_a_try(alex, clock):
    for _ in range(8):
        client = browser()
        assert signed_in(log_in(client, "alex@example.com"))
    for _ in range(4):
        log_in(browser(), "alex@example.com", "wrong-password")
    assert signed_in(log_in(browser(), "alex@example.com"))


def test_the_app_api_is_throttled_the_same_way(alex, clock):
    for _ in range(5):
        assert app_log_in("alex@example.com", "wrong-password").status_code == 400
    refused_app = app_log_in("alex@example.com")
    assert refused_app.status_code == 400
    assert TOO_MANY in refused_app.content.decode()
    clock.offset = 5 * 60 + 1
    assert app_log_in("alex@example.com").status_code == 200
