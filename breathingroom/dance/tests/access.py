"""Who may reach each of the dance's URLs and API operations (gathered by breathingroom/tests/access.py).

An episode is the couple's: alex's partner reaches it too, an outsider gets the same 404 as for an
episode that never was. A side is its author's; whether the partner sees it is tried in
``test_privacy.py``. The pages' and the repair conversation's rules are declared beside their code
(``access_pages.py``, ``access_repair.py``) and gathered here.
"""

from __future__ import annotations

from breathingroom.dance.tests import access_pages, access_repair
from breathingroom.dance.tests.factories import episode
from breathingroom.tests.access import API, Rule, owned, signed_in

EPISODE = f"{API}/episodes/{{episode_id}}"
SIDE = {"move": "withdrew", "deeper_feeling": "overwhelmed"}


PAGES: dict[str, Rule] = {**access_pages.PAGES, **access_repair.PAGES}

OPERATIONS: dict[tuple[str, str], Rule] = {
    ("GET", f"{API}/episodes"): signed_in(),
    ("POST", f"{API}/episodes"): signed_in(body={}, status=201),
    ("GET", f"{API}/episodes/vocabulary"): signed_in(),
    ("GET", EPISODE): owned(episode("episode_id"), partner_sees=True),
    ("PUT", f"{EPISODE}/my-side"): owned(episode("episode_id"), partner_sees=True, body=SIDE),
    ("POST", f"{EPISODE}/my-side/share"): owned(episode("episode_id"), partner_sees=True),
    ("DELETE", f"{EPISODE}/my-side/share"): owned(episode("episode_id"), partner_sees=True),
    ("GET", f"{API}/cycle"): signed_in(),
    **access_pages.OPERATIONS,
    **access_repair.OPERATIONS,
}
