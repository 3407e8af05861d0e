"""Every page a person meets, each in the state it is met in: the loop from calm to coming back,
the main other pages, and the pages for someone signed out.

Made by the domain functions, so each page is shown as it really is, then opened by the person it
belongs to in a browser context of its own (signed in by a session cookie, no login page).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings

from breathingroom.accounts.models import Person
from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.tests.conftest import agree
from breathingroom.conftest import client_for, make_couple, make_person

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

WORDS = "I'm taking time to settle, I'm not leaving us."


@dataclass(frozen=True)
class Seen:
    """A page as one person sees it: ``who`` is None for someone signed out."""

    name: str
    who: Person | None
    path: str


def couple(a: str, b: str) -> tuple[Person, Person]:
    first, second = make_person(a, "Europe/London"), make_person(b, "Europe/Berlin")
    make_couple(first, second)
    agree(first, second, words=WORDS)
    return first, second


def through_turns(speaker: Person, listener: Person, break_id: str) -> None:
    for turn in ("first_turn", "second_turn"):
        reconnecting.said_back(listener, break_id, turn)
        reconnecting.heard(speaker, break_id, turn, yes=True)
        speaker, listener = listener, speaker


def every_page() -> list[Seen]:
    """Make a person or couple in each state, and list each page with the person who sees it."""
    pages = [
        Seen("welcome", None, "/"),
        Seen("sign-in", None, "/accounts/login/"),
        Seen("sign-up", None, "/accounts/signup/"),
        Seen("safety-signed-out", None, "/safety/"),
        Seen("privacy-signed-out", None, "/privacy/"),
    ]
    jo = make_person("Jo", "Europe/Berlin")
    pages.append(Seen("home-unpaired", jo, "/"))

    robin, _casey = couple("Robin", "Casey")
    for name, path in [
        ("home-calm", "/"),
        ("take-space", "/space/"),
        ("agreement", "/agreement/"),
        ("calm", "/calm/"),
        ("breathe", "/calm/breathe/"),
        ("ground", "/calm/ground/"),
        ("journal", "/journal/"),
        ("settings", "/settings/"),
        ("safety", "/safety/"),
        ("privacy", "/privacy/"),
        ("help", "/help/"),
    ]:
        pages.append(Seen(name, robin, path))

    # On a break: Alex took space, Sam waits and sent "thinking of you".
    alex, sam = couple("Alex", "Sam")
    brk = space.take_space(alex, 30, WORDS)
    space.send_thinking_of_you(sam, brk.id)
    pages += [
        Seen("home-on-break", alex, "/"),
        Seen("extend", alex, f"/space/{brk.id}/extend/"),
        Seen("prepare", alex, f"/space/{brk.id}/prepare/"),
        Seen("home-waiting", sam, "/"),
        Seen("take-space-too", sam, "/space/"),
    ]

    # Waiting, with "thinking of you" still to send.
    noa, eli = couple("Noa", "Eli")
    space.take_space(noa, 30, WORDS)
    pages.append(Seen("home-waiting-quiet", eli, "/"))

    # Called back, the ritual at its first step.
    kim, _lee = couple("Kim", "Lee")
    brk = space.take_space(kim, 30, WORDS)
    space.ready_to_talk(kim, brk.id)
    pages += [Seen("home-called-back", kim, "/"), Seen("ritual-check-in", kim, f"/space/{brk.id}/reconnect/")]

    # The ritual in the turns, seen by the one who listens first (the one who took space).
    pat, max_ = couple("Pat", "Max")
    brk = space.take_space(pat, 30, WORDS)
    space.ready_to_talk(pat, brk.id)
    for person in (pat, max_):
        reconnecting.check_in(person, brk.id, 2)
    pages += [Seen("ritual-listening", pat, f"/space/{brk.id}/reconnect/")]

    # Through to the end: next time, then how it went, both recorded.
    ash, bo = couple("Ash", "Bo")
    brk = space.take_space(ash, 30, WORDS)
    space.ready_to_talk(ash, brk.id)
    for person in (ash, bo):
        reconnecting.check_in(person, brk.id, 2)
    through_turns(bo, ash, str(brk.id))
    for person in (ash, bo):
        reconnecting.name_next_try(person, brk.id, "Say how long before I leave the room.")
    pages.append(Seen("ritual-outcome", ash, f"/space/{brk.id}/reconnect/"))
    reconnecting.record_outcome(ash, brk.id, "on_time", "partly")
    reconnecting.record_outcome(bo, brk.id, "on_time", "repaired")
    pages.append(Seen("ritual-done", bo, f"/space/{brk.id}/reconnect/"))
    return pages


@contextmanager
def seen_by(browser: Browser, base_url: str, who: Person | None, **options: object) -> Iterator[BrowserContext]:
    """A browser context of ``who``'s own, already signed in; ``options`` as for ``new_context``."""
    # No service worker: its fetching the calming pages for offline use is for the tests about it.
    options.setdefault("service_workers", "block")
    context = browser.new_context(base_url=base_url, **options)  # type: ignore[arg-type]
    context.set_default_timeout(10_000)
    if who is not None:
        cookie = client_for(who).cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])
    try:
        yield context
    finally:
        context.close()
