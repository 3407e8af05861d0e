"""The embedded default's channel layer: what the in-memory layer does, with expiry swept once a second."""

from __future__ import annotations

import asyncio

import pytest
from channels.exceptions import ChannelFull

from breathingroom.events import layer as layers
from breathingroom.events.layer import SweptInMemoryChannelLayer


def run(coroutine):
    return asyncio.run(coroutine)


def test_a_group_send_reaches_every_member_and_only_them():
    async def scenario():
        channel_layer = SweptInMemoryChannelLayer()
        members = [await channel_layer.new_channel() for _ in range(3)]
        outsider = await channel_layer.new_channel()
        for member in members:
            await channel_layer.group_add("person.1", member)
        await channel_layer.group_add("person.2", outsider)
        await channel_layer.group_send("person.1", {"type": "event.deliver", "n": 1})
        received = [await asyncio.wait_for(channel_layer.receive(m), 1) for m in members]
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(channel_layer.receive(outsider), 0.05)
        return received

    assert run(scenario()) == [{"type": "event.deliver", "n": 1}] * 3


def test_expired_messages_and_their_channels_still_go_within_a_sweep(monkeypatch):
    clock = {"now": 1000.0}
    monkeypatch.setattr(layers.time, "monotonic", lambda: clock["now"])

    async def scenario():
        channel_layer = SweptInMemoryChannelLayer(expiry=60)
        stale, fresh = await channel_layer.new_channel(), await channel_layer.new_channel()
        await channel_layer.group_add("person.1", stale)
        await channel_layer.group_add("person.1", fresh)
        await channel_layer.group_send("person.1", {"type": "first"})  # the first event sweeps
        await channel_layer.receive(fresh)
        # Stale's message is now past its expiry: the next sweep drops it and takes stale out of the group.
        channel_layer.channels[stale]._queue[0] = (0, {"type": "first"})
        clock["now"] += 0.5
        await channel_layer.group_send("person.1", {"type": "new"})  # within the second: no sweep yet
        assert stale in channel_layer.groups["person.1"]
        clock["now"] += 1
        await channel_layer.group_send("person.1", {"type": "newer"})
        return channel_layer, stale, fresh

    channel_layer, stale, fresh = run(scenario())
    assert list(channel_layer.groups["person.1"]) == [fresh]
    # Its expired message went; the one sent while it was still a member stays until it expires too.
    assert [message for _, message in channel_layer.channels[stale]._queue] == [{"type": "new"}]


def test_the_sweep_runs_at_most_once_a_second_however_many_events(monkeypatch):
    clock = {"now": 50.0}
    monkeypatch.setattr(layers.time, "monotonic", lambda: clock["now"])
    sweeps = []
    monkeypatch.setattr(layers.InMemoryChannelLayer, "_clean_expired", lambda self: sweeps.append(clock["now"]))

    async def scenario():
        channel_layer = SweptInMemoryChannelLayer()
        member = await channel_layer.new_channel()
        await channel_layer.group_add("person.1", member)
        for step in range(30):
            clock["now"] = 50.0 + step * 0.1
            await channel_layer.group_send("person.1", {"type": "tick", "step": step})
            await channel_layer.receive(member)

    run(scenario())
    assert sweeps == [50.0, 51.0, 52.0]  # 30 events over 3 seconds: three sweeps


def test_a_full_channel_is_still_refused_as_the_in_memory_layer_does():
    async def scenario():
        channel_layer = SweptInMemoryChannelLayer(capacity=1)
        channel = await channel_layer.new_channel()
        await channel_layer.send(channel, {"type": "one"})
        with pytest.raises(ChannelFull):
            await channel_layer.send(channel, {"type": "two"})

    run(scenario())
