"""Who may reach each of help's URLs (gathered by breathingroom/tests/access.py).

The page on when to get help is for anyone, signed in or not, like the safety page. The suggestion on
Home, and its answer, are the signed-in person's own.
"""

from __future__ import annotations

from breathingroom.tests.access import Rule, public, signed_in

PAGES: dict[str, Rule] = {
    "help:index": public(),
    "help:suggestion": signed_in("get", "post"),
}

OPERATIONS: dict[tuple[str, str], Rule] = {}
