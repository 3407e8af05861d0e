"""Fixtures for tests that run the app's real processes; see servers.py."""

import fcntl
import shutil
from pathlib import Path

import pytest

from breathingroom.tests.servers import app_processes, phones, private_redis  # noqa: F401


@pytest.fixture(scope="session")
def collected(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """A VAR_DIR whose static files are collected as `make run` and production collect them: hashed
    and compressed. Collecting (brotli above all) takes a while, so it is done once for the whole run:
    the suite's processes take turns, the first collects, and each gets a copy of its own."""
    from breathingroom.tests.test_deploy import manage

    var_dir = tmp_path_factory.mktemp("collected")
    # Shared by the processes of this one run (each process has its own folder inside it).
    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    with (shared / "collected.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        once = shared / "collected-once"
        if not (once / "static" / "staticfiles.json").exists():
            once.mkdir(exist_ok=True)
            result = manage("collectstatic", "--noinput", "--verbosity", "0", tmp_path=once, STATIC_COLLECTED="1")
            assert result.returncode == 0, result.stderr
    shutil.copytree(once / "static", var_dir / "static")
    return var_dir
