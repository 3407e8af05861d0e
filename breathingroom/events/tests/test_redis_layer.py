"""With Redis: thousands of sockets leaving their groups at once all get through, each waiting its turn."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from channels_redis.core import RedisChannelLayer

from breathingroom.events import layer as layers
from breathingroom.events.layer import PooledRedisChannelLayer
from breathingroom.tests.servers import private_redis  # noqa: F401 (a fixture)

# The layer's own behaviour, on a Redis of the test's own: the second pass would only repeat it.
pytestmark = pytest.mark.once

AT_ONCE = 400


async def everyone_leaves(layer: RedisChannelLayer) -> list[BaseException | None]:
    group = f"person.{uuid.uuid4().hex}"
    channels = [f"specific.test!{i}" for i in range(AT_ONCE)]
    for channel in channels:
        await layer.group_add(group, channel)
    results = await asyncio.gather(*(layer.group_discard(group, c) for c in channels), return_exceptions=True)
    await layer.close_pools()
    return [result if isinstance(result, BaseException) else None for result in results]


def test_many_leaving_at_once_wait_for_a_connection_and_all_get_through(private_redis, monkeypatch):  # noqa: F811
    monkeypatch.setattr(layers, "REDIS_CONNECTIONS", 20)
    failures = asyncio.run(everyone_leaves(PooledRedisChannelLayer(hosts=[{"address": private_redis.url}])))
    assert [f for f in failures if f is not None] == []


def test_channels_redis_alone_fails_most_of_them(private_redis):  # noqa: F811
    """What the pooled layer is for: redis-py's own pool refuses past its hundredth connection."""
    failures = asyncio.run(everyone_leaves(RedisChannelLayer(hosts=[{"address": private_redis.url}])))
    assert any(f is not None for f in failures)
