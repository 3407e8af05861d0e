"""Thirty couples at once on the embedded default: real uvicorn and worker on the test's SQLite file.

Each couple loops take space / current / end over loopback HTTP for fifteen seconds. Nothing may
fail, and the database must hold every change the server answered 2xx for. ``make bench`` runs the
full version (a hundred couples, longer) and prints the figures.
"""

from __future__ import annotations

import pytest
from django.db import connection

from breathingroom.tests.load import couples as load

pytestmark = pytest.mark.once


def test_thirty_couples_at_once_get_no_error_and_lose_no_change(app_processes):
    if connection.vendor != "sqlite":
        pytest.skip("This load is the embedded default's: SQLite, one web process, one worker.")
    couples = load.prepare(30)
    web = app_processes.web()
    app_processes.worker(interval=1)

    tally = load.run(web.url, couples, seconds=15)

    summary = tally.summary()
    assert summary["errors"] == 0, summary
    assert tally.requests >= 30 * 3, summary
    assert load.lost(tally) == {"taken_but_missing": [], "ended_but_open": []}
    assert tally.taken == tally.ended
