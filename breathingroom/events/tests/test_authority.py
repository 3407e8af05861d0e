"""A socket never outlives the sign-in it was opened under.

Signing out (a browser, or an app's token), signing out everywhere else, a new password, leaving the
couple and deleting the account each close the sockets concerned at once; after that nothing more
arrives on them, not even an event that was already on its way. And a socket whose session ended
without the word reaching it sends nothing either: every delivery checks again, and so does the
process's watch over its open sockets (``watch``), every heartbeat.
"""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from breathingroom.accounts.models import Person
from breathingroom.conftest import PASSWORD, assert_json
from breathingroom.events import watch
from breathingroom.events.authority import START_AGAIN, UNAUTHORIZED
from breathingroom.events.publish import group_for
from breathingroom.events.tests.communicator import Headers, Socket
from breathingroom.events.tests.test_stream import SITE, committed, opened, run
from breathingroom.security.tests.conftest import app_log_in, browser, log_in

pytestmark = pytest.mark.django_db(transaction=True)

APP_SESSION = "/_allauth/app/v1/auth/session"
WORDS = {"reassurance": "I love you; back at seven"}


def signed_in_browser(email: str) -> Client:
    client = browser()
    assert log_in(client, email).status_code == 302
    return client


def cookie_of(client: Client) -> Headers:
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return [SITE, (b"cookie", f"{cookie.key}={cookie.value}".encode())]


def app_token(email: str) -> str:
    return assert_json(app_log_in(email), 200)["meta"]["session_token"]


def app_socket(token: str) -> Socket:
    """The app's socket, opened as an app opens it: a ticket taken with its session token."""
    answer = Client(enforce_csrf_checks=True).post("/api/v1/events/ticket", headers={"X-Session-Token": token})
    return Socket([], f"/ws/events?ticket={assert_json(answer, 201)['ticket']}")


async def hears_nothing_more(ws: Socket, person: Person, code: int = UNAUTHORIZED) -> None:
    assert await ws.closed() == code
    await committed([person.pk], "break.thinking_of_you", WORDS)
    assert await ws.receive_nothing()
    await ws.disconnect()


async def still_hears(ws: Socket, person: Person) -> None:
    await committed([person.pk], "break.extended", WORDS)
    # What the closed sockets were sent in vain, this one heard.
    while (event := await ws.receive_json())["type"] != "break.extended":
        assert event["type"] in {"break.thinking_of_you", "couple.left"}
    await ws.disconnect()


def test_signing_out_of_a_browser_closes_its_sockets_and_no_others(alex):
    laptop, phone = signed_in_browser("alex@example.com"), signed_in_browser("alex@example.com")
    at_laptop, other_tab, at_phone = Socket(cookie_of(laptop)), Socket(cookie_of(laptop)), Socket(cookie_of(phone))

    async def scenario():
        for ws in (at_laptop, other_tab, at_phone):
            await opened(ws)
        assert (await sync_to_async(laptop.post)("/accounts/logout/")).status_code == 302
        assert await other_tab.closed() == UNAUTHORIZED
        await hears_nothing_more(at_laptop, alex)
        assert await other_tab.receive_nothing()
        await other_tab.disconnect()
        await still_hears(at_phone, alex)

    run(scenario)


def test_an_app_signing_out_closes_the_socket_its_ticket_opened(alex):
    token, other_token = app_token("alex@example.com"), app_token("alex@example.com")
    ws, other = app_socket(token), app_socket(other_token)

    async def scenario():
        await opened(ws)
        await opened(other)
        phone = Client(enforce_csrf_checks=True)
        answer = await sync_to_async(phone.delete)(APP_SESSION, headers={"X-Session-Token": token})
        assert answer.status_code == 401  # allauth's word for "signed out now"
        await hears_nothing_more(ws, alex)
        await still_hears(other, alex)

    run(scenario)


def test_signing_out_everywhere_else_closes_every_other_sessions_socket(alex):
    laptop, phone = signed_in_browser("alex@example.com"), signed_in_browser("alex@example.com")
    at_laptop, at_phone, in_app = (
        Socket(cookie_of(laptop)),
        Socket(cookie_of(phone)),
        app_socket(app_token("alex@example.com")),
    )

    async def scenario():
        for ws in (at_laptop, at_phone, in_app):
            await opened(ws)
        assert (await sync_to_async(laptop.post)("/accounts/sessions/")).status_code == 302
        assert await at_phone.closed() == UNAUTHORIZED
        await hears_nothing_more(in_app, alex)
        assert await at_phone.receive_nothing()
        await at_phone.disconnect()
        await still_hears(at_laptop, alex)

    run(scenario)


def test_a_new_password_closes_the_sockets_of_every_other_session(alex):
    laptop, phone = signed_in_browser("alex@example.com"), signed_in_browser("alex@example.com")
    at_phone, in_app = Socket(cookie_of(phone)), app_socket(app_token("alex@example.com"))
    change = {"oldpassword": PASSWORD, "password1": "a-new-calm-river-43", "password2": "a-new-calm-river-43"}

    async def scenario():
        await opened(at_phone)
        await opened(in_app)
        assert (await sync_to_async(laptop.post)("/accounts/password/change/", change)).status_code == 302
        assert await at_phone.closed() == UNAUTHORIZED
        await hears_nothing_more(in_app, alex)
        assert await at_phone.receive_nothing()
        await at_phone.disconnect()
        # The browser that chose the password stays signed in, and its pages open again.
        await still_hears(await opened(Socket(cookie_of(laptop))), alex)

    run(scenario)


def test_leaving_the_couple_closes_the_leavers_sockets_after_saying_so(alex, sam, couple):
    laptop = signed_in_browser("alex@example.com")
    at_laptop, in_app = Socket(cookie_of(laptop)), app_socket(app_token("alex@example.com"))
    at_sam = Socket(cookie_of(signed_in_browser("sam@example.com")))

    async def scenario():
        for ws in (at_laptop, in_app, at_sam):
            await opened(ws)
        assert (await sync_to_async(laptop.post)("/couple/leave/")).status_code == 302
        for ws in (at_laptop, in_app):
            assert (await ws.receive_json())["type"] == "couple.left"
            # Still signed in: the page opens a new socket, on what is true now.
            await hears_nothing_more(ws, alex, code=START_AGAIN)
        assert (await at_sam.receive_json())["type"] == "couple.left"
        await still_hears(at_sam, sam)
        await still_hears(await opened(Socket(cookie_of(laptop))), alex)

    run(scenario)


def test_deleting_the_account_closes_every_socket_of_it(alex, sam, couple):
    laptop = signed_in_browser("alex@example.com")
    at_laptop, at_phone = Socket(cookie_of(laptop)), Socket(cookie_of(signed_in_browser("alex@example.com")))
    in_app = app_socket(app_token("alex@example.com"))
    alex_pk = alex.pk
    confirm = {"password": PASSWORD, "confirm": "delete my account"}

    async def scenario():
        for ws in (at_laptop, at_phone, in_app):
            await opened(ws)
        answer = await sync_to_async(laptop.post)("/settings/delete", confirm)
        assert answer.status_code == 302, answer.content.decode()[:500]
        for ws in (at_laptop, at_phone, in_app):
            # Not "start again": there is nothing to start again as.
            assert await ws.closed() == UNAUTHORIZED
            # No events can be kept for an account that is gone; one sent straight down the layer
            # stands for anything that was already on its way.
            await stray_event(alex_pk)
            assert await ws.receive_nothing()
            await ws.disconnect()

    run(scenario)


async def stray_event(person_id: int) -> None:
    event: dict[str, Any] = {"id": 10**6, "type": "break.thinking_of_you", "data": WORDS, "at": "2030-01-01T00:00:00Z"}
    await get_channel_layer().group_send(group_for(person_id), {"type": "event.deliver", "event": event})


# --- When the word to close is lost --------------------------------------------------------------


@sync_to_async
def end_behind_its_back(client: Client) -> None:
    # As if a session had been deleted in a way that sends no word (expired and cleared, or the
    # word lost on its way): only the check at delivery is left.
    Session.objects.filter(session_key=client.session.session_key).delete()


def test_a_socket_whose_session_ended_unheard_sends_nothing_and_closes(alex):
    laptop = signed_in_browser("alex@example.com")
    ws = Socket(cookie_of(laptop))

    async def scenario():
        await opened(ws)
        await end_behind_its_back(laptop)
        await committed([alex.pk], "break.thinking_of_you", WORDS)
        await hears_nothing_more(ws, alex)

    run(scenario)


def test_the_watch_finds_out_too_with_nothing_to_deliver(alex):
    laptop = signed_in_browser("alex@example.com")
    ws = Socket(cookie_of(laptop))

    async def scenario():
        await opened(ws)
        await end_behind_its_back(laptop)
        await ws.send_text('{"type": "ping"}')
        # A ping alone no longer asks the database anything: the answer comes from the watch's beat.
        assert await ws.receive_json() == {"type": "pong"}
        await watch.now(beat=True)
        await hears_nothing_more(ws, alex)

    run(scenario)


def test_a_password_set_anywhere_else_closes_at_the_next_delivery(alex):
    ws = Socket(cookie_of(signed_in_browser("alex@example.com")))

    @sync_to_async
    def new_password_from_the_admin() -> None:
        person = Person.objects.get(pk=alex.pk)
        person.set_password("set-by-an-operator-1")
        person.save()

    async def scenario():
        await opened(ws)
        await new_password_from_the_admin()
        await committed([alex.pk], "break.thinking_of_you", WORDS)
        await hears_nothing_more(ws, alex)

    run(scenario)


def test_a_deactivated_person_hears_nothing_more(alex):
    ws = Socket(cookie_of(signed_in_browser("alex@example.com")))

    async def scenario():
        await opened(ws)
        await sync_to_async(Person.objects.filter(pk=alex.pk).update)(is_active=False)
        await committed([alex.pk], "break.thinking_of_you", WORDS)
        await hears_nothing_more(ws, alex)

    run(scenario)
