"""POST /api/v1/events/ticket: an app trades its session token for a ticket to the event stream."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync
from django.test import Client

from breathingroom.conftest import PASSWORD, assert_json, client_for
from breathingroom.events.tests.communicator import Socket

TICKET = "/api/v1/events/ticket"


def phone() -> Client:
    # Like an app: no cookies that matter, and no CSRF exemption.
    return Client(enforce_csrf_checks=True)


def token_for(email: str) -> str:
    login = phone().post(
        "/_allauth/app/v1/auth/login", {"email": email, "password": PASSWORD}, content_type="application/json"
    )
    return assert_json(login, 200)["meta"]["session_token"]


@pytest.mark.django_db(transaction=True)
def test_a_session_token_gets_a_ticket_that_opens_the_stream(alex):
    body = assert_json(phone().post(TICKET, headers={"X-Session-Token": token_for("alex@example.com")}), 201)
    assert set(body) == {"ticket", "expires_in"}
    assert body["expires_in"] == 30
    assert len(body["ticket"]) >= 40

    ws = Socket([], f"/ws/events?ticket={body['ticket']}")

    async def scenario():
        assert await ws.connect() == (True, None)
        assert (await ws.receive_json())["type"] == "hello"
        await ws.disconnect()

    async_to_sync(scenario)()


def test_a_signed_in_browser_gets_a_ticket_too(alex):
    assert assert_json(client_for(alex).post(TICKET), 201)["expires_in"] == 30


def test_every_ticket_is_new(alex):
    token = token_for("alex@example.com")
    first, second = (phone().post(TICKET, headers={"X-Session-Token": token}) for _ in range(2))
    assert assert_json(first, 201)["ticket"] != assert_json(second, 201)["ticket"]


def test_no_ticket_without_signing_in(db):
    assert_json(phone().post(TICKET), 401)
    assert_json(phone().post(TICKET, headers={"X-Session-Token": "bogus"}), 401)


def test_a_ticket_is_only_ever_made_by_post(alex):
    assert client_for(alex).get(TICKET).status_code == 405
