"""Pages kept until news: served again while nothing they show has changed, made afresh the moment
something has, and never anyone's but the person's own."""

from __future__ import annotations

import contextlib
import pickle
import re
import zlib

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token  # type: ignore[attr-defined]
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from breathingroom.accounts.models import Person
from breathingroom.breaks import space
from breathingroom.breaks.tests.conftest import until_reconnecting
from breathingroom.conftest import client_for, make_person
from breathingroom.couples import pairing
from breathingroom.events import kept_pages

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


def queries(client: Client, path: str, **headers: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as seen:
        response = client.get(path, headers=headers)
    assert response.status_code == 200, response.status_code
    return len(seen.captured_queries), response.content.decode()


def test_a_page_asked_again_with_no_news_is_the_same_page_for_three_queries(alex, sam, couple):
    browser = client_for(sam)
    made_in, made = queries(browser, "/")
    kept_in, kept = queries(browser, "/")
    assert made_in > 10
    assert kept_in == 3
    # The same page but for the CSRF tokens, which are masked anew each time.
    assert TOKEN.sub("", kept) == TOKEN.sub("", made)
    assert TOKEN.findall(kept) != TOKEN.findall(made)


def test_news_from_the_partner_is_on_the_next_page(alex, sam, couple):
    browser = client_for(sam)
    assert "Back soon, love." not in queries(browser, "/")[1]
    space.take_space(alex, 30, "Back soon, love.")
    assert "Back soon, love." in queries(browser, "/")[1]
    # And the live panel and the history, asked before the news, have it too.
    assert "Back soon, love." in queries(browser, "/space/now/")[1]


def test_what_the_person_sends_is_on_their_next_page(db):
    alone = make_person("Robin")
    browser = client_for(alone)
    assert "Your code:" not in queries(browser, "/")[1]
    assert browser.post("/couple/invitations/").status_code in (200, 302)
    assert "Your code:" in queries(browser, "/")[1]


def test_anything_the_person_sends_makes_their_next_page_afresh(alex, sam, couple):
    browser = client_for(sam)
    queries(browser, "/")
    assert queries(browser, "/")[0] == 3
    # Even what changes nothing: whatever it did, the page does not guess.
    assert browser.post("/").status_code == 405
    assert queries(browser, "/")[0] > 10
    # Someone else's request leaves Sam's page kept.
    client_for(alex).post("/")
    assert queries(browser, "/")[0] == 3


def test_a_row_naming_the_person_changed_anywhere_is_on_their_next_page(db):
    alone = make_person("Robin")
    browser = client_for(alone)
    assert "Your code:" not in queries(browser, "/")[1]
    # Not through a page: as the worker or the admin would.
    invitation = pairing.create_invitation(alone)
    assert invitation.display_code in queries(browser, "/")[1]
    invitation.delete()
    assert invitation.display_code not in queries(browser, "/")[1]


def test_a_kept_page_is_never_older_than_the_clock_allows(alex, sam, couple, monkeypatch):
    browser = client_for(sam)
    clock = {"slice": 1}
    monkeypatch.setattr(kept_pages, "_clock_slice", lambda: clock["slice"])
    queries(browser, "/")
    assert queries(browser, "/")[0] == 3
    clock["slice"] += 1
    assert queries(browser, "/")[0] > 10


def test_each_person_is_served_only_their_own_page(alex, sam, couple):
    space.take_space(alex, 30, "Back soon, love.")
    alex_page = queries(client_for(alex), "/")[1]
    sam_page = queries(client_for(sam), "/")[1]
    assert sam_page != alex_page
    # Asked again, each still has their own.
    assert TOKEN.sub("", queries(client_for(alex), "/")[1]) == TOKEN.sub("", alex_page)
    assert TOKEN.sub("", queries(client_for(sam), "/")[1]) == TOKEN.sub("", sam_page)
    # Someone signed out is never served a kept page.
    assert "Back soon, love." not in Client().get("/").content.decode()


def test_the_tokens_of_a_kept_page_are_the_browsers_own(db):
    alone = make_person("Robin")
    phone, laptop = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    phone.force_login(alone)
    laptop.force_login(alone)
    queries(phone, "/")
    kept_in, page = queries(laptop, "/")
    assert kept_in == 3
    secret = laptop.cookies["csrftoken"].value
    tokens = TOKEN.findall(page)
    assert tokens
    assert all(_unmask_cipher_token(token) == secret for token in tokens)
    # The form works with it: the page was not made for this browser, but its token is.
    response = laptop.post("/couple/invitations/", {"csrfmiddlewaretoken": tokens[0]})
    assert response.status_code in (200, 302)


def with_message(client: Client, text: str) -> None:
    """What a form leaves for the page it sends the person on to."""
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.SUCCESS, text)
    response = HttpResponse()
    storage.update(response)
    client.cookies[CookieStorage.cookie_name] = response.cookies[CookieStorage.cookie_name].value


def test_a_page_with_a_message_for_once_is_made_afresh_and_shows_it(db):
    alone = make_person("Robin")
    browser = client_for(alone)
    queries(browser, "/")
    with_message(browser, "All set.")
    made_in, page = queries(browser, "/")
    assert made_in > 3
    assert "All set." in page
    # Shown once: the next page is without it, and kept again.
    assert "All set." not in queries(browser, "/")[1]
    assert queries(browser, "/")[0] == 3


def test_nothing_is_kept_when_keeping_is_off(alex, sam, couple, settings):
    settings.KEEP_PAGES = False
    browser = client_for(sam)
    queries(browser, "/")
    assert queries(browser, "/")[0] > 10


def app(person) -> tuple[Client, str]:
    """A phone signed in with an app session token, as the API's clients are, and its token."""
    token = client_for(person).session.session_key
    return Client(headers={"X-Session-Token": token}), token


def test_an_apps_kept_answer_is_its_own_and_ends_with_its_sign_in(alex, sam, couple):
    space.take_space(alex, 30, "Back soon, love.")
    (sam_phone, sam_token), (alex_phone, _) = app(sam), app(alex)
    first = sam_phone.get("/api/v1/breaks/current")
    with CaptureQueriesContext(connection) as seen:
        again = sam_phone.get("/api/v1/breaks/current")
    assert len(seen.captured_queries) == 3
    assert again.json() == first.json()
    assert first.json()["i_am_on_break"] is False
    assert alex_phone.get("/api/v1/breaks/current").json()["i_am_on_break"] is True
    # Signed out: the token's session is gone, and so is everything kept for it.
    Session.objects.filter(session_key=sam_token).delete()
    assert sam_phone.get("/api/v1/breaks/current").status_code == 401


def test_a_kept_page_ends_at_the_moment_it_says_it_changes(alex, sam, couple, monkeypatch):
    brk = space.take_space(alex, 30, "Back soon, love.")
    browser = client_for(alex)
    queries(browser, "/space/now/")
    assert queries(browser, "/space/now/")[0] == 3
    # The agreed time comes, with no event and within the same ten seconds of the clock.
    monkeypatch.setattr(kept_pages, "_clock_slice", lambda: 1)
    queries(browser, "/space/now/")
    later = brk.returns_at.timestamp() + 1
    monkeypatch.setattr(kept_pages, "_now", lambda: later)
    assert queries(browser, "/space/now/")[0] > 3


def test_an_api_answer_ends_at_the_first_time_to_come_it_names(alex, sam, couple, monkeypatch):
    brk = space.take_space(alex, 30, "Back soon, love.")
    phone, _ = app(sam)
    monkeypatch.setattr(kept_pages, "_clock_slice", lambda: 1)
    phone.get("/api/v1/breaks/current")
    with CaptureQueriesContext(connection) as seen:
        phone.get("/api/v1/breaks/current")
    assert len(seen.captured_queries) == 3
    later = brk.returns_at.timestamp() + 1
    monkeypatch.setattr(kept_pages, "_now", lambda: later)
    with CaptureQueriesContext(connection) as seen:
        phone.get("/api/v1/breaks/current")
    assert len(seen.captured_queries) > 4


def test_the_cache_holds_no_word_of_a_kept_page_readable(alex, sam, couple):
    space.take_space(alex, 30, "Back soon, love.")
    browser = client_for(sam)
    assert "Back soon, love." in queries(browser, "/")[1]
    assert queries(browser, "/")[0] == 3
    # Everything the cache holds, as it holds it, and unpacked as far as it can be without a key.
    held = everything_held()
    assert held
    for value in held:
        assert b"Back soon" not in value
        try:
            kept = pickle.loads(value)  # noqa: S301 (what this very test put there)
        except pickle.UnpicklingError:
            continue  # a number, which Redis keeps as it is
        if isinstance(kept, dict) and "content" in kept:
            assert b"Back soon" not in kept["content"]
            with pytest.raises(zlib.error):
                zlib.decompress(kept["content"])


def everything_held() -> list[bytes]:
    """Every value in the cache as its backend stores it: pickled in memory, or in Redis."""
    store = cache._cache  # type: ignore[attr-defined]
    if isinstance(store, dict):
        return list(store.values())
    client = store.get_client()
    return [value for key in client.scan_iter("*") if (value := client.get(key)) is not None]


def test_an_outsider_asking_for_a_kept_answer_finds_nothing(alex, sam, couple):
    brk = until_reconnecting(space.take_space(alex, 30, "Back soon, love."))
    (sam_phone, _), (outsider, _) = app(sam), app(make_person("Robin", sam.time_zone))
    address = f"/api/v1/breaks/{brk.pk}/reconnection"
    assert sam_phone.get(address).status_code == 200
    assert sam_phone.get(address).status_code == 200  # now kept for Sam
    # The same address, asked by someone outside the couple: not even that it exists.
    assert outsider.get(address).status_code == 404
    assert Client().get(address).status_code == 401


class Refused(Exception):
    pass


def test_rows_saved_in_one_transaction_forget_kept_pages_together_once_it_commits(alex, sam, couple, monkeypatch):
    told: list[set[str]] = []
    set_many = cache.set_many

    def telling(values: dict[str, int], *args: object, **kwargs: object) -> None:
        told.append(set(values))
        set_many(values, *args, **kwargs)

    monkeypatch.setattr(cache, "set_many", telling)
    with transaction.atomic():
        # The first row saved is in a savepoint that is rolled back: its hook goes with it.
        with contextlib.suppress(Refused), transaction.atomic():
            pairing.create_invitation(make_person("Robin"))
            raise Refused
        alex.display_name = "Alexandra"
        alex.save()
        sam.display_name = "Samuel"
        sam.save()
        assert told == [], "nobody is told before the commit: other requests still read what was before"
    # Told once, for all of them, the rolled-back row's person too (telling too many costs a page, not a mistake).
    assert len(told) == 1
    assert {kept_pages._stamp_key(alex.pk), kept_pages._stamp_key(sam.pk)} <= told[0]


def test_a_row_saved_outside_a_transaction_forgets_kept_pages_at_once(alex, sam, couple):
    browser = client_for(alex)
    queries(browser, "/")
    assert queries(browser, "/")[0] == 3
    Person.objects.get(pk=alex.pk).save(update_fields=["display_name"])
    assert queries(browser, "/")[0] > 3
