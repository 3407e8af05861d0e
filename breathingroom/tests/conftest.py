"""Fixtures for tests that run the app's real processes; see servers.py."""

from pathlib import Path

import pytest

from breathingroom.tests.servers import app_processes, phones, private_redis  # noqa: F401


@pytest.fixture(scope="session")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A VAR_DIR whose static files are collected as `make run` and production collect them: hashed
    and compressed. Collecting (brotli above all) takes a while, so the tests that need it share one."""
    from breathingroom.tests.test_deploy import manage

    var_dir = tmp_path_factory.mktemp("collected")
    result = manage("collectstatic", "--noinput", "--verbosity", "0", tmp_path=var_dir, STATIC_COLLECTED="1")
    assert result.returncode == 0, result.stderr
    return var_dir
