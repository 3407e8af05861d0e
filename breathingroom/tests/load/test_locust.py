"""``make load`` in small: three simulated couples on the embedded default, driven by locust.

The runner (bench/load/run.py) starts uvicorn and the worker on a fresh SQLite file, and locust runs
in a process of its own (it patches the standard library with gevent). With short pauses between
taps, each couple goes through the whole loop (take space, thinking of you, extend, ready, the
ritual, both outcomes) within the first seconds; nothing may fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from breathingroom.tests.servers import OWN_VARIABLES, ROOT

pytestmark = pytest.mark.once

RUNNER = ROOT / "bench" / "load" / "run.py"


def test_three_couples_each_go_through_the_whole_loop_without_a_failure(tmp_path: Path):
    out = tmp_path / "load.json"
    env = {k: v for k, v in os.environ.items() if k not in OWN_VARIABLES}
    argv = [sys.executable, str(RUNNER), "--embedded", "--couples", "3", "--seconds", "12", "--think", "0.2"]
    finished = subprocess.run(
        [*argv, "--out", str(out)], env=env, cwd=ROOT, capture_output=True, text=True, timeout=90, check=False
    )

    assert finished.returncode == 0, finished.stdout[-4000:] + finished.stderr[-4000:]
    result = json.loads(out.read_text())
    assert result["total"]["failures"] == 0, result["failures"]
    assert result["failures"] == []
    loops = result["loops_per_couple"]
    assert len(loops) == 3
    assert all(n >= 1 for n in loops), loops
    endpoints = result["endpoints"]
    # Every step of the loop was asked for, and each whole loop was counted as one.
    for name in (
        "POST /api/v1/breaks",
        "POST /api/v1/breaks/{id}/thinking-of-you",
        "POST /api/v1/breaks/{id}/extend",
        "POST /api/v1/breaks/{id}/end",
        "POST /api/v1/breaks/{id}/reconnection",
        "POST /api/v1/events/ticket",
    ):
        assert endpoints[name]["requests"] >= 3, (name, endpoints)
    assert endpoints["LOOP taker ready early"]["requests"] >= 3
