"""Who may reach the dance's pages (and the cycle drawing in the API): gathered by ``access.py``."""

from __future__ import annotations

from breathingroom.tests.access import Rule, signed_in

PAGES: dict[str, Rule] = {
    "dance:index": signed_in(),
}

OPERATIONS: dict[tuple[str, str], Rule] = {}
