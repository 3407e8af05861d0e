"""The channel layers: Channels' in-memory layer, swept for expired messages once a second (the
embedded default), and channels-redis with connections that wait their turn and a lighter wait for
each socket (with ``REDIS_URL``).

Channels' own layer looks through every channel and every group on each send to a group and each
receive, to drop what has expired: with N open sockets that is O(N) work per event and O(N²) to
connect N sockets, all on the one event loop. Expiry needs no such precision (a message a minute
old is dropped a second later at worst), so here the sweep runs at most once per ``SWEEP_EVERY``
seconds; every other behaviour is the in-memory layer's own.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._reader: asyncio.Task[None] | None = None
        # This process's channels whose consumer is waiting for its next message now.
        self._listening: set[str] = set()

    async def receive(self, channel: str) -> Any:
        """The next message for ``channel``: for this process's own channels, one queue to wait on.

        channels-redis has every waiting consumer race for the right to read from Redis, with two
        tasks and their futures each (about 3 KB a socket, for thousands of idle sockets). Here one
        task per process reads, while anyone waits, and puts each message in its channel's queue;
        each consumer waits on its queue alone. What arrives, in what order, and what a consumer
        hears when Redis fails (the error, from its ``receive``) are as in channels-redis.
        """
        if "!" not in channel:
            return await super().receive(channel)
        assert self.require_valid_channel_name(channel)
        real_channel = self.non_local_name(channel)
        assert real_channel.endswith(self.client_prefix + "!"), "Wrong client prefix"
        queue = self.receive_buffer[channel]
        if queue.empty():
            self._listening.add(channel)
            try:
                self._read_while_listened(real_channel)
                message = await queue.get()
            except asyncio.CancelledError:
                # The consumer is gone: so is what was waiting for it, as in channels-redis.
                self.receive_buffer.pop(channel, None)
                raise
            finally:
                self._listening.discard(channel)
        else:
            message = queue.get_nowait()
        if queue.empty() and self.receive_buffer.get(channel) is queue:
            del self.receive_buffer[channel]
        if isinstance(message, _Failed):
            raise message.error
        return message

    def _read_while_listened(self, real_channel: str) -> None:
        loop = asyncio.get_running_loop()
        if self._reader is None or self._reader.done() or self._reader.get_loop() is not loop:
            self._reader = loop.create_task(self._read(real_channel))

    async def _read(self, real_channel: str) -> None:
        while self._listening:
            try:
                message_channel, message = await self.receive_single(real_channel)
            except Exception as error:
                # Each waiting consumer's receive raises it, as the one reading would have in
                # channels-redis; the next receive starts a new reader.
                self._done_reading()
                for waiting in list(self._listening):
                    self.receive_buffer[waiting].put_nowait(_Failed(error))
                return
            for one in message_channel if isinstance(message_channel, list) else [message_channel]:
                self.receive_buffer[one].put_nowait(message)
        self._done_reading()

    def _done_reading(self) -> None:
        # A reader left behind on an event loop that ended must not forget the one reading now.
        if self._reader is asyncio.current_task():
            self._reader = None

    def create_pool(self, index: int) -> BlockingConnectionPool:
        host = dict(self.hosts[index])
        return BlockingConnectionPool.from_url(
            host.pop("address"), max_connections=REDIS_CONNECTIONS, timeout=WAIT_FOR_CONNECTION, **host
        )


@dataclass(frozen=True)
class _Failed:
    """In a channel's queue: reading from Redis failed, and the consumer's receive raises ``error``."""

    error: BaseException
