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


# --- One reader per process, one queue per waiting socket -------------------------------------------

WAITING = 300


def pooled(redis) -> PooledRedisChannelLayer:
    # Room for every message of the test in the process's one list in Redis, read or not yet.
    return PooledRedisChannelLayer(hosts=[{"address": redis.url, "socket_connect_timeout": 2}], capacity=10 * WAITING)


def test_every_waiting_channel_hears_its_own_messages_in_order_and_groups_reach_each(private_redis):  # noqa: F811
    async def run() -> tuple[list[list[int]], list[str], int]:
        layer = pooled(private_redis)
        names = [await layer.new_channel() for _ in range(WAITING)]
        waiting = [asyncio.create_task(layer.receive(name)) for name in names]
        await asyncio.sleep(0.2)
        readers = sum(1 for task in asyncio.all_tasks() if "_read" in repr(task.get_coro()))
        for n in range(3):
            for name in names:
                await layer.send(name, {"type": "said", "n": n})
        heard = [[(await task)["n"]] for task in waiting]
        # What came while nobody waited is kept for each channel's next receive, in order.
        for i, name in enumerate(names):
            heard[i] += [(await layer.receive(name))["n"], (await layer.receive(name))["n"]]
        await layer.group_add("couple", names[0])
        await layer.group_add("couple", names[-1])
        both = [asyncio.create_task(layer.receive(names[0])), asyncio.create_task(layer.receive(names[-1]))]
        await layer.group_send("couple", {"type": "to.both"})
        kinds = [(await task)["type"] for task in both]
        await layer.flush()
        return heard, kinds, readers

    heard, kinds, readers = asyncio.run(run())
    assert heard == [[0, 1, 2]] * WAITING
    assert kinds == ["to.both", "to.both"]
    assert readers == 1


def test_a_socket_that_goes_while_waiting_leaves_nothing_behind(private_redis):  # noqa: F811
    async def run() -> tuple[int, int, str]:
        layer = pooled(private_redis)
        names = [await layer.new_channel() for _ in range(WAITING)]
        waiting = [asyncio.create_task(layer.receive(name)) for name in names]
        await asyncio.sleep(0.2)
        for task in waiting[1:]:
            task.cancel()
        await asyncio.gather(*waiting[1:], return_exceptions=True)
        left = len(layer.receive_buffer), len(layer._listening)
        # The one still waiting is still heard.
        await layer.send(names[0], {"type": "still.here"})
        kind = (await asyncio.wait_for(waiting[0], 5))["type"]
        await layer.flush()
        return *left, kind

    buffers, listening, kind = asyncio.run(run())
    assert (buffers, listening) == (1, 1)
    assert kind == "still.here"


def test_when_redis_fails_every_waiting_socket_hears_the_error_and_the_next_receive_reads_again(
    private_redis,  # noqa: F811
):
    async def run() -> tuple[list[str], str]:
        layer = pooled(private_redis)
        names = [await layer.new_channel() for _ in range(20)]
        waiting = [asyncio.create_task(layer.receive(name)) for name in names]
        await asyncio.sleep(0.2)
        private_redis.kill()
        failed = await asyncio.wait_for(asyncio.gather(*waiting, return_exceptions=True), 30)
        private_redis.start()
        again = asyncio.create_task(layer.receive(names[0]))
        await asyncio.sleep(0.2)
        await layer.send(names[0], {"type": "back"})
        kind = (await asyncio.wait_for(again, 10))["type"]
        await layer.flush()
        return [type(result).__name__ for result in failed], kind

    failed, kind = asyncio.run(run())
    assert len(failed) == 20
    assert all(name.endswith("Error") for name in failed), failed
    assert kind == "back"
