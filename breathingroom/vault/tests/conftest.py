"""What the vault's tests share: fresh keys, and private words written everywhere a person can write them."""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable
from datetime import time
from types import ModuleType

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.mail import EmailMessage
from django.test import Client
from django.urls import reverse

from breathingroom.accounts.models import Person
from breathingroom.agreements import proposals
from breathingroom.agreements.models import Reconnect
from breathingroom.agreements.rhythm import RhythmTime
from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.tests.conftest import proposal, until_reconnecting
from breathingroom.conftest import client_for
from breathingroom.notify import outbox


def _own_writers() -> list[ModuleType]:
    """Apps that write their own encrypted columns: ``<app>/tests/vault.py`` with ``COLUMNS`` and ``write``.

    ``write(alex, sam, mark)`` writes private words in each of the app's encrypted columns the way a
    person does, through ``mark(table, column, what)``, which returns words no other test writes.
    """
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.tests.vault"
        if not config.name.startswith("breathingroom.") or config.name == "breathingroom.vault":
            continue
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as missing:
            if missing.name not in (name, f"{config.name}.tests"):
                raise
    return found


WRITERS = _own_writers()

# Every encrypted column, as the database names it: a test that misses one fails here first.
COLUMNS = {
    ("calm_unsentnote", "text"),
    ("breaks_taker", "reassurance"),
    ("breaks_extension", "reassurance"),
    ("breaks_preparation", "felt"),
    ("breaks_preparation", "need"),
    ("breaks_preparation", "my_part"),
    ("breaks_nexttry", "text"),
    ("agreements_agreement", "own_way"),
    ("agreements_agreement", "words"),
    ("agreements_agreement", "rhythm"),
    ("events_event", "data"),
    ("notify_outgoingemail", "message"),
}
for _writer in WRITERS:
    COLUMNS |= _writer.COLUMNS

Mark = Callable[[str, str, str], str]


def new_key() -> str:
    return Fernet.generate_key().decode()


@pytest.fixture
def old_key(settings) -> str:
    """The key in use when the test starts: the only one, so everything written is encrypted with it."""
    key = new_key()
    settings.ENCRYPTION_KEYS = [key]
    return key


def marker(what: str) -> str:
    """Words no other test writes, so finding them anywhere means this test's text leaked."""
    return f"{what}-{uuid.uuid4().hex[:10]}"


def write_everything(alex: Person, sam: Person) -> dict[tuple[str, str], list[str]]:
    """Private words in every encrypted column, each written the way a person writes it.

    Returns the words each column holds. Alex and Sam must be a couple.
    """
    words: dict[tuple[str, str], list[str]] = {}

    def mark(table: str, column: str, what: str) -> str:
        text = marker(what)
        words.setdefault((table, column), []).append(text)
        return text

    own_way = mark("agreements_agreement", "own_way", "a-walk-by-the-river")
    alex_words = mark("agreements_agreement", "words", "alex-wants-to-hear")
    together = RhythmTime(
        days=(0, 2), at=time(19, 0), what=mark("agreements_agreement", "rhythm", "tea-then-an-hour-each")
    )
    agreement = proposals.propose(
        alex, proposal(reconnect=Reconnect.OWN, own_way=own_way, words=alex_words, rhythm=(together,))
    )
    proposals.accept(sam, agreement.version, mark("agreements_agreement", "words", "sam-wants-to-hear"))

    page: Client = client_for(alex)
    page.post(reverse("calm:unsent"), {"text": mark("calm_unsentnote", "text", "what-i-wanted-to-shout")})

    brk = space.take_space(alex, 30, mark("breaks_taker", "reassurance", "i-am-not-leaving-us"))
    longer = mark("breaks_extension", "reassurance", "a-little-longer")
    brk = space.extend(alex, brk.pk, 15, longer)
    words["breaks_taker", "reassurance"].append(longer)  # the taker's words are now these
    reconnecting.prepare(
        sam,
        brk.pk,
        mark("breaks_preparation", "felt", "left-behind"),
        mark("breaks_preparation", "need", "to-know-you-come-back"),
        mark("breaks_preparation", "my_part", "i-kept-pushing"),
    )
    brk = until_reconnecting(brk)
    reconnecting.name_next_try(alex, brk.pk, mark("breaks_nexttry", "text", "say-when-i-will-be-back"))
    # The events sent to Sam carry Alex's words.
    words["events_event", "data"] = words["breaks_taker", "reassurance"][:]
    # An email waiting for the worker, as every one of allauth's is queued: its key is what is private.
    reset = EmailMessage("A new password", mark("notify_outgoingemail", "message", "reset-key"), to=[alex.email])
    outbox.queue(reset, "account/email/password_reset_key", alex)
    for writer in WRITERS:
        writer.write(alex, sam, mark)
    assert set(words) == COLUMNS
    return words
