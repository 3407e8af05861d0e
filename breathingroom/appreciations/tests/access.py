"""Who may reach each of appreciations's URLs and API operations (gathered by breathingroom/tests/access.py)."""

from __future__ import annotations

from breathingroom.tests.access import API, Rule  # noqa: F401

PAGES: dict[str, Rule] = {}

OPERATIONS: dict[tuple[str, str], Rule] = {}
