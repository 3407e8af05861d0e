"""Who may reach the seat's URLs and API operations (gathered by breathingroom/tests/access.py).

The partners' page and steps are signed in: each finds the caller's own couple, and someone with no
partner (a therapist among them) gets a 404. An invitation is named by its id: the partner who did
not send it answers it, anyone else gets the same 404 as for an id of nothing. The therapist's own
pages are the ``THERAPIST`` kind, tried with dr_lee holding alex and sam's seat.
"""

from __future__ import annotations

import uuid

from breathingroom.couples.models import Couple
from breathingroom.tests.access import API, Owned, People, Rule, owned, public, signed_in, therapist
from breathingroom.therapy import seats

INVITATION = f"{API}/therapist/invitations/{{id}}"


def _waiting(name: str):
    """An invitation alex sent, waiting for sam's yes (dr_lee's seat ends first: one open seat a couple)."""

    def make(people: People) -> Owned:
        seats.end(people.alex)
        seat = seats.invite(people.alex, "dr.ortiz@example.org")
        return Owned(people.alex, {name: seat.pk}, {name: str(uuid.uuid4())}, people.sam)

    return make


def _held(people: People) -> Owned:
    """Alex and sam's couple, whose seat dr_lee holds."""
    assert people.therapist is not None
    couple = Couple.objects.of(people.alex)
    return Owned(people.therapist, {"couple_id": couple.pk}, {"couple_id": uuid.uuid4()})


def _api_held(people: People) -> Owned:
    made = _held(people)
    return Owned(made.owner, {"id": made.kwargs["couple_id"]}, {"id": made.missing["couple_id"]})


def _a_key(people: People) -> dict[str, object]:
    return {"key": "not-a-key-anyone-was-sent"}


PAGES: dict[str, Rule] = {
    "therapy:couples": therapist(),
    "therapy:couple": therapist(_held),
    "therapy:leave": therapist(_held, "post"),
    # Anyone with the emailed link: the key is put away in the session, and the page says what it opens.
    "therapy:accept_link": Rule(public().kind, status=302, kwargs=_a_key),
    "therapy:accept": public("get", "post"),
    "therapy:seat": signed_in(),
    "therapy:invite": signed_in("post"),
    "therapy:approve": owned(_waiting("seat_id"), "post", partner_sees=True),
    "therapy:decline": owned(_waiting("seat_id"), "post", partner_sees=True),
    "therapy:choose": signed_in("post"),
    "therapy:end": signed_in("post"),
}

OPERATIONS: dict[tuple[str, str], Rule] = {
    ("POST", f"{API}/therapist/invitations"): signed_in(body={"email": "dr.ortiz@example.org", "kinds": []}),
    ("POST", f"{INVITATION}/approve"): owned(_waiting("id"), partner_sees=True, body={"kinds": ["agreement"]}),
    ("POST", f"{INVITATION}/decline"): owned(_waiting("id"), partner_sees=True),
    ("GET", f"{API}/therapist/seat"): signed_in(),
    ("PUT", f"{API}/therapist/seat/sharing"): signed_in(body={"kinds": ["agreement"]}),
    ("DELETE", f"{API}/therapist/seat"): signed_in(),
    ("GET", f"{API}/therapist/couples"): therapist(),
    ("GET", f"{API}/therapist/couples/{{id}}"): therapist(_api_held),
}
