"""Who may reach the dance's pages (and the cycle drawing in the API): gathered by ``access.py``.

An episode's pages are the couple's: sam reaches alex's episode too (and sees alex's side only once
shared, tried in ``test_pages.py``); robin, from another couple, gets the same 404 as for nothing.
"""

from __future__ import annotations

from breathingroom.dance.tests.factories import episode
from breathingroom.tests.access import API, Rule, owned, signed_in

PAGES: dict[str, Rule] = {
    "dance:index": signed_in(),
    "dance:start": signed_in("post"),
    "dance:cycle": signed_in(),
    "dance:episode": owned(episode("pk"), partner_sees=True),
    "dance:episode_live": owned(episode("pk"), partner_sees=True),
    "dance:side": owned(episode("pk"), "get", "post", partner_sees=True),
    "dance:share": owned(episode("pk"), "post", partner_sees=True),
    "dance:unshare": owned(episode("pk"), "post", partner_sees=True),
}

OPERATIONS: dict[tuple[str, str], Rule] = {
    ("GET", f"{API}/cycle.svg"): signed_in(),
}
