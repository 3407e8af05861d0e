from __future__ import annotations

import os

import pytest
import redis

REDIS_TEST_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


def _redis_answers(url: str) -> bool:
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False
    return True


@pytest.mark.django_db
def test_healthy(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "not configured"}


@pytest.mark.django_db
def test_healthy_with_redis(client, settings):
    if not _redis_answers(REDIS_TEST_URL):
        pytest.skip(f"no Redis at {REDIS_TEST_URL}")
    settings.REDIS_URL = REDIS_TEST_URL
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["redis"] == "ok"


@pytest.mark.django_db
def test_unhealthy_when_redis_does_not_answer(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "redis": "unavailable"}


def test_unhealthy_when_the_database_does_not_answer(client, db, monkeypatch):
    from django.db import DatabaseError

    from breathingroom import health

    class Unreachable:
        def cursor(self):
            raise DatabaseError("the database is gone")

    monkeypatch.setattr(health, "connection", Unreachable())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_health_is_read_only(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_the_channel_layer_carries_a_message(settings):
    """Whatever layer the settings chose (in memory, or Redis with REDIS_URL), a message gets through."""
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.send)(channel, {"type": "hello", "text": "still here"})
    assert async_to_sync(layer.receive)(channel) == {"type": "hello", "text": "still here"}


def test_alive_touches_nothing(client):
    # Without the django_db mark any query fails the test: the view must not need the database.
    response = client.get("/livez")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
    assert client.post("/livez").status_code == 405
