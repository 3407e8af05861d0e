"""Who may reach each of body's URLs and API operations (gathered by breathingroom/tests/access.py).

A check-in that is not shared is its author's alone: the partner gets the same 404 as robin and as an
id of nothing. What a partner sees of a shared one is tried in ``test_sharing.py``.
"""

from __future__ import annotations

import uuid

from breathingroom.body import checking_in
from breathingroom.body.checking_in import Place
from breathingroom.tests.access import API, Factory, Owned, People, Rule, owned, signed_in

CHECK_INS = f"{API}/body/check-ins"
ONE = f"{CHECK_INS}/{{check_in_id}}"


def check_in(name: str) -> Factory:
    """One of alex's check-ins, not shared, named in the URL as ``name``."""

    def make(people: People) -> Owned:
        kept = checking_in.record(people.alex, [Place("stomach", "hollow", 4)])
        return Owned(people.alex, {name: kept.pk}, {name: str(uuid.uuid4())}, people.sam)

    return make


PAGES: dict[str, Rule] = {
    "body:index": signed_in("get", "post"),
    # The partner's shared check-ins, as the page fetches them again: only ever the caller's own view.
    "body:shared": signed_in(),
    "body:trend": signed_in(),
    "body:share": owned(check_in("pk"), "post"),
    "body:unshare": owned(check_in("pk"), "post"),
    "body:delete": owned(check_in("pk"), "post"),
}

OPERATIONS: dict[tuple[str, str], Rule] = {
    ("GET", CHECK_INS): signed_in(),
    ("POST", CHECK_INS): signed_in(body={"places": [{"region": "chest", "sensation": "tight", "intensity": 6}]}),
    ("GET", ONE): owned(check_in("check_in_id")),
    ("DELETE", ONE): owned(check_in("check_in_id")),
    ("POST", f"{ONE}/share"): owned(check_in("check_in_id")),
    ("DELETE", f"{ONE}/share"): owned(check_in("check_in_id")),
    ("GET", f"{API}/body/trend"): signed_in(),
    ("GET", f"{API}/body/vocabulary"): signed_in(),
}
