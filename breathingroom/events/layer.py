"""The channel layers: Channels' in-memory layer, swept for expired messages once a second (the
embedded default), and channels-redis with connections that wait their turn (with ``REDIS_URL``).

Channels' own layer looks through every channel and every group on each send to a group and each
receive, to drop what has expired: with N open sockets that is O(N) work per event and O(N²) to
connect N sockets, all on the one event loop. Expiry needs no such precision (a message a minute
old is dropped a second later at worst), so here the sweep runs at most once per ``SWEEP_EVERY``
seconds; every other behaviour is the in-memory layer's own.
"""

from __future__ import annotations

import time
from typing import Any

from channels.layers import InMemoryChannelLayer
from channels_redis.core import RedisChannelLayer
from redis.asyncio import BlockingConnectionPool

SWEEP_EVERY = 1.0
# Connections to Redis one process lends out at once, and how long a call waits for one.
REDIS_CONNECTIONS = 100
WAIT_FOR_CONNECTION = 10.0


class SweptInMemoryChannelLayer(InMemoryChannelLayer):
    def __init__(self, *args: Any, sweep_every: float = SWEEP_EVERY, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sweep_every = sweep_every
        self._swept_at = 0.0

    def _clean_expired(self) -> None:
        now = time.monotonic()
        if now - self._swept_at < self.sweep_every:
            return
        self._swept_at = now
        super()._clean_expired()


class PooledRedisChannelLayer(RedisChannelLayer):
    """channels-redis, whose calls wait for a free connection instead of failing.

    redis-py lends at most 100 connections from a pool and raises on the next. When thousands of
    sockets close at once (a restart, a network blip, a phone network dropping a city's sockets) each
    leaves its groups at the same moment: most of those calls failed, and left their channels in the
    groups until they expired. Here they queue for a connection, as every other call does.
    """

    def create_pool(self, index: int) -> BlockingConnectionPool:
        host = dict(self.hosts[index])
        return BlockingConnectionPool.from_url(
            host.pop("address"), max_connections=REDIS_CONNECTIONS, timeout=WAIT_FOR_CONNECTION, **host
        )
