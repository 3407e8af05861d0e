"""Who may reach each of insights' URLs and API operations (gathered by breathingroom/tests/access.py).

Neither names anything in its address: each shows the signed-in person's own couple, as they may see it.
"""

from __future__ import annotations

from breathingroom.tests.access import API, Rule, signed_in

PAGES: dict[str, Rule] = {
    "insights:index": signed_in(),
}

OPERATIONS: dict[tuple[str, str], Rule] = {
    ("GET", f"{API}/insights"): signed_in(),
}
