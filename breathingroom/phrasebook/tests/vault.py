"""Phrasebook's encrypted columns, written the way a person writes them (gathered by the vault tests)."""

from __future__ import annotations

from collections.abc import Callable

from breathingroom.accounts.models import Person
from breathingroom.conftest import client_for
from breathingroom.phrasebook import words

COLUMNS = {
    ("phrasebook_ownword", "name"),
    ("phrasebook_ownword", "why"),
    ("phrasebook_signalphrase", "words"),
}


def write(alex: Person, sam: Person, mark: Callable[[str, str, str], str]) -> None:
    response = client_for(alex).post(
        "/phrasebook/add/",
        {
            "kind": "boundary",
            "name": mark("phrasebook_ownword", "name", "boundary"),
            "why": mark("phrasebook_ownword", "why", "boundary-why"),
        },
    )
    assert response.status_code == 302, response.content[:300]
    words.set_signal_phrase(sam, mark("phrasebook_signalphrase", "words", "signal"))
