"""Who may reach each of phrasebook's URLs and API operations (gathered by breathingroom/tests/access.py)."""

from __future__ import annotations

import uuid

from breathingroom.phrasebook import words
from breathingroom.tests.access import API, Owned, People, Rule, owned, signed_in


def own_word(people: People) -> Owned:
    """A need alex added: both partners see it, only alex may change it (sam is refused as not its writer)."""
    word, _new = words.add_word(people.alex, "need", "a hand on my back", "when words are too much")
    return Owned(people.alex, {"pk": word.pk}, {"pk": uuid.uuid4()}, people.sam)


def own_word_in_api(people: People) -> Owned:
    made = own_word(people)
    return Owned(made.owner, {"word_id": made.kwargs["pk"]}, {"word_id": made.missing["pk"]}, made.partner)


PAGES: dict[str, Rule] = {
    # Anyone signed in: the built-in words for someone unpaired, the couple's phrasebook for a partner.
    "phrasebook:index": signed_in(),
    "phrasebook:add": signed_in("post"),
    "phrasebook:signal": signed_in("post"),
    "phrasebook:clear_signal": signed_in("post"),
    # The partner reaches it and is told the words are alex's to change; robin gets 404.
    "phrasebook:edit": owned(own_word, "get", "post", partner_sees=True),
    "phrasebook:remove": owned(own_word, "post", partner_sees=True),
}

OPERATIONS: dict[tuple[str, str], Rule] = {
    ("GET", f"{API}/phrasebook"): signed_in(),
    ("POST", f"{API}/phrasebook"): signed_in(body={"kind": "need", "name": "tea after a quarrel"}),
    ("DELETE", f"{API}/phrasebook/signal-phrase"): signed_in(),
    ("PATCH", f"{API}/phrasebook/{{word_id}}"): owned(own_word_in_api, partner_sees=True, body={"why": "still true"}),
    ("DELETE", f"{API}/phrasebook/{{word_id}}"): owned(own_word_in_api, partner_sees=True),
}
