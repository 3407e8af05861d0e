"""Who may reach each of journal's URLs and API operations (gathered by breathingroom/tests/access.py).

An entry is declared as its author's own: the partner gets the same 404 as for a missing one. A
shared entry, which the partner may read, is tried in ``test_sharing.py``.
"""

from __future__ import annotations

import uuid

from breathingroom.journal import entries
from breathingroom.tests.access import API, Owned, People, Rule, owned, signed_in

ENTRY = f"{API}/journal/{{entry_id}}"


def _entry(name: str):
    def make(people: People) -> Owned:
        entry = entries.write(people.alex, "Mine alone: what the evening stirred up.")
        return Owned(people.alex, {name: entry.pk}, {name: str(uuid.uuid4())}, people.sam)

    return make


PAGES: dict[str, Rule] = {
    "journal:index": signed_in(),
    "journal:write": signed_in("get", "post"),
    "journal:prompts": signed_in(),
    "journal:search": signed_in("get", "post"),
    "journal:shared": signed_in(),
    "journal:shared_live": signed_in(),
    "journal:entry": owned(_entry("pk")),
    "journal:edit": owned(_entry("pk"), "get", "post"),
    "journal:delete": owned(_entry("pk"), "get", "post"),
    "journal:share": owned(_entry("pk"), "post"),
    "journal:unshare": owned(_entry("pk"), "post"),
}

OPERATIONS: dict[tuple[str, str], Rule] = {
    ("GET", f"{API}/journal"): signed_in(),
    ("POST", f"{API}/journal"): signed_in(body={"text": "A few words."}),
    ("GET", f"{API}/journal/prompts"): signed_in(),
    ("GET", ENTRY): owned(_entry("entry_id")),
    ("PATCH", ENTRY): owned(_entry("entry_id"), body={"text": "Other words."}),
    ("DELETE", ENTRY): owned(_entry("entry_id")),
    ("POST", f"{ENTRY}/share"): owned(_entry("entry_id")),
    ("DELETE", f"{ENTRY}/share"): owned(_entry("entry_id")),
}
