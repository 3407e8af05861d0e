"""Who may reach each of appreciations's URLs and API operations (gathered by breathingroom/tests/access.py).

A note is the couple's: both partners read it, and only its recipient puts it away. Robin, from
another couple, gets the same 404 for alex's note as for a note that never existed.
"""

from __future__ import annotations

import uuid

from breathingroom.appreciations import sending
from breathingroom.tests.access import API, Owned, People, Rule, owned, signed_in

WORDS = "Thank you for the tea this morning."


def note_to_alex(people: People) -> Owned:
    """A note sam sent alex: alex's to put away, sam's to read as its sender."""
    note = sending.send(people.sam, WORDS)
    return Owned(people.alex, {"pk": note.pk}, {"pk": uuid.uuid4()}, people.sam)


def note_to_alex_by_id(people: People) -> Owned:
    made = note_to_alex(people)
    return Owned(
        made.owner, {"appreciation_id": made.kwargs["pk"]}, {"appreciation_id": str(uuid.uuid4())}, made.partner
    )


PAGES: dict[str, Rule] = {
    "appreciations:index": signed_in("get", "post"),
    "appreciations:send": signed_in("post"),
    "appreciations:on_home": signed_in(),
    # Only the one it was sent to puts a note away; to its sender it is no note of theirs to put away.
    "appreciations:put_away": owned(note_to_alex, "post"),
}

OPERATIONS: dict[tuple[str, str], Rule] = {
    ("GET", f"{API}/appreciations"): signed_in(),
    ("POST", f"{API}/appreciations"): signed_in(body={"text": WORDS}),
    ("GET", f"{API}/appreciations/{{appreciation_id}}"): owned(note_to_alex_by_id, partner_sees=True),
    ("POST", f"{API}/appreciations/{{appreciation_id}}/seen"): owned(note_to_alex_by_id),
}
