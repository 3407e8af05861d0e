"""Who may reach each of softstart's URLs and API operations (gathered by breathingroom/tests/access.py)."""

from __future__ import annotations

from breathingroom.tests.access import API, Rule, signed_in

PAGES: dict[str, Rule] = {
    "softstart:compose": signed_in("get", "post"),
    "softstart:advice": signed_in("post"),
}

OPERATIONS: dict[tuple[str, str], Rule] = {
    ("POST", f"{API}/soft-start/check"): signed_in(body={"text": "You never listen to me."}),
}
