"""The settings an operator gets: the embedded default and production mode, run as real processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Each process here is given its own settings and none of the suite's database or Redis: the
# second CI pass, on PostgreSQL and Redis, would run exactly the same thing again.
pytestmark = pytest.mark.once

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "PRODUCTION", "SITE_URL", "DATABASE_URL", "REDIS_URL", "EMAIL_HOST", "DEBUG"}
    }
    environment.update(VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="breathingroom.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "PRODUCTION": "1",
    "SECRET_KEY": "an-operator-chosen-secret-" + "x" * 50,
    "SITE_URL": "https://couple.example.org",
    "EMAIL_HOST": "smtp.example.org",
    "ENCRYPTION_KEYS": "8CkS0OkiTiPXJTrUBANtsdYXDe-AzzmDelNy8MXC2yI=",
}


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = manage("check", tmp_path=tmp_path, **{**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_production_needs_https(tmp_path):
    result = manage("check", tmp_path=tmp_path, **{**PRODUCTION, "SITE_URL": "http://couple.example.org"})
    assert result.returncode != 0
    assert "SITE_URL must start with https://" in result.stderr


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_an_email_server(tmp_path):
    result = manage("check", tmp_path=tmp_path, **{**PRODUCTION, "EMAIL_HOST": ""})
    assert result.returncode != 0
    assert "EMAIL_HOST is not set" in result.stderr


def test_production_refuses_debug_pages(tmp_path):
    result = manage("check", tmp_path=tmp_path, **PRODUCTION, DEBUG="1")
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_production_requires_email_verification_so_sign_up_reveals_no_addresses(tmp_path):
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.ACCOUNT_EMAIL_VERIFICATION)",
        tmp_path=tmp_path,
        **PRODUCTION,
    )
    assert result.stdout.strip().splitlines()[-1] == "mandatory"


def test_the_embedded_default_makes_a_secret_key_once_and_keeps_it(tmp_path):
    assert manage("check", tmp_path=tmp_path).returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"
    assert manage("check", tmp_path=tmp_path).returncode == 0
    assert (tmp_path / "secret_key").read_text() == key


def test_the_embedded_default_uses_sqlite_in_wal_mode(tmp_path):
    assert manage("migrate", "--noinput", tmp_path=tmp_path).returncode == 0
    result = manage(
        "shell",
        "-c",
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])",
        tmp_path=tmp_path,
    )
    assert result.stdout.strip().splitlines()[-1] == "wal"
    assert (tmp_path / "breathingroom.sqlite3").exists()


def test_redis_url_moves_the_cache_and_the_live_updates_to_redis(tmp_path):
    script = (
        "from channels.layers import get_channel_layer; from django.core.cache import caches; "
        'print(type(get_channel_layer()).__name__, type(caches["default"]).__name__)'
    )
    embedded = manage("shell", "-c", script, tmp_path=tmp_path)
    assert embedded.stdout.strip().splitlines()[-1] == "SweptInMemoryChannelLayer LocMemCache"
    scaled = manage("shell", "-c", script, tmp_path=tmp_path, REDIS_URL="redis://127.0.0.1:6379/15")
    assert scaled.stdout.strip().splitlines()[-1] == "PooledRedisChannelLayer RedisWithFallback"


def test_database_url_moves_the_data_to_postgresql(tmp_path):
    script = "from django.db import connection; print(connection.vendor)"
    result = manage("shell", "-c", script, tmp_path=tmp_path, DATABASE_URL="postgres://user@db.example.org/br")
    assert result.stdout.strip().splitlines()[-1] == "postgresql"
