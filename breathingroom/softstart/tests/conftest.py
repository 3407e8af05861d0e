"""The coach's scores on its labelled sentences are said at the end of every run that measures them."""

from __future__ import annotations

import pytest

SCORES = pytest.StashKey[list[str]]()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    lines = config.stash.get(SCORES, [])
    if lines:
        terminalreporter.write_sep("-", "soft-start coach, on its labelled sentences")
        for line in lines:
            terminalreporter.write_line(line)
