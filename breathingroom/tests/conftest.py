"""Fixtures for tests that run the app's real processes; see servers.py."""

from breathingroom.tests.servers import app_processes, phones, private_redis  # noqa: F401
