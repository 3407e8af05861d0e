"""Who may reach the repair conversation's pages and API operations: gathered by ``access.py``."""

from __future__ import annotations

from breathingroom.dance.tests.factories import episode
from breathingroom.tests.access import Rule, owned

PAGES: dict[str, Rule] = {
    "repair:repair": owned(episode("pk"), partner_sees=True),
}

OPERATIONS: dict[tuple[str, str], Rule] = {}
