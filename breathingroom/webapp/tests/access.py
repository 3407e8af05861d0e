"""Who may reach the webapp's URLs (gathered by breathingroom/tests/access.py).

The manifest, the offline page and the calming tools' offline copies are for anyone: a phone asks
for them for whoever will hold it, and they are made for no one in particular.
"""

from __future__ import annotations

from breathingroom.tests.access import Kind, Rule, public

PAGES: dict[str, Rule] = {
    "webapp:manifest": public(),
    "webapp:offline": public(),
    "webapp:tool": Rule(Kind.PUBLIC, kwargs=lambda people: {"slug": "breathe"}),
}

OPERATIONS: dict[tuple[str, str], Rule] = {}
