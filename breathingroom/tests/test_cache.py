"""The shared cache keeps answering while Redis does not, and goes back to Redis when it can."""

from __future__ import annotations

import socket
import uuid

import pytest

from breathingroom import cache as shared_cache
from breathingroom.cache import RedisWithFallback

OPTIONS = {"OPTIONS": {"socket_timeout": 1, "socket_connect_timeout": 1}}


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hang_up(*caches: RedisWithFallback) -> None:
    for cache in caches:
        for pool in cache._cache._pools.values():
            pool.disconnect()


def redis_answers(url: str = "redis://127.0.0.1:6379/0") -> bool:
    cache = RedisWithFallback(url, OPTIONS)
    try:
        return bool(cache._cache.get_client().ping())
    except Exception:
        return False
    finally:
        hang_up(cache)


def test_without_redis_a_process_keeps_its_own_cache(caplog):
    cache = RedisWithFallback(f"redis://127.0.0.1:{closed_port()}/0", OPTIONS)
    assert cache.get("missing") is None
    cache.set("throttle", 3)
    assert cache.get("throttle") == 3
    assert cache.incr("throttle") == 4
    assert cache.add("ticket", "once") is True
    assert cache.add("ticket", "twice") is False
    assert cache.delete("ticket") is True
    assert cache.get_many(["throttle", "ticket"]) == {"throttle": 4}
    # Said once, not on every call.
    assert [r.message for r in caplog.records].count(
        "Redis is not answering (ConnectionError); this process uses a cache of its own"
    ) == 1
    hang_up(cache)


def test_redis_is_tried_again_after_a_pause(monkeypatch):
    port = closed_port()
    cache = RedisWithFallback(f"redis://127.0.0.1:{port}/0", OPTIONS)
    cache.set("k", "in memory")
    tried: list[str] = []
    original = RedisWithFallback.__mro__[1].get

    def counting_get(self, key, default=None, version=None):
        tried.append(key)
        return original(self, key, default, version)

    monkeypatch.setattr(RedisWithFallback.__mro__[1], "get", counting_get)
    assert cache.get("k") == "in memory"
    assert tried == []  # still within the pause
    now = shared_cache.time.monotonic()
    monkeypatch.setattr(shared_cache.time, "monotonic", lambda: now + shared_cache.RETRY_AFTER + 1)
    cache.get("k")
    assert tried == ["k"]
    hang_up(cache)


def test_with_redis_every_process_shares_one_cache():
    if not redis_answers():
        pytest.skip("needs the Redis server on 127.0.0.1:6379")
    key = f"shared-{uuid.uuid4()}"
    one = RedisWithFallback("redis://127.0.0.1:6379/0", OPTIONS)
    other = RedisWithFallback("redis://127.0.0.1:6379/0", OPTIONS)
    one.set(key, "seen by both", 30)
    assert other.get(key) == "seen by both"
    other.delete(key)
    hang_up(one, other)
