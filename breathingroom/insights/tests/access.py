"""Who may reach each of insights' URLs and API operations (gathered by breathingroom/tests/access.py)."""

from __future__ import annotations

from breathingroom.tests.access import Rule, signed_in

PAGES: dict[str, Rule] = {
    "insights:index": signed_in(),
}

OPERATIONS: dict[tuple[str, str], Rule] = {}
