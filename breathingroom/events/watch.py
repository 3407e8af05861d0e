"""Every open socket of one process, looked after together.

Three things keep a socket honest: that the sign-in it was opened under still holds, that it still
counts as an open page (its row's ``seen_at``, which every process reads before deciding to push),
and that nothing sent to its person passed it by (the worker's events on the in-memory layer, a
message the layer dropped). Asked socket by socket on every ping, that was three database calls per
socket every 25 seconds, each on the one thread Channels gives database work and each on a new
connection: with thousands of sockets a queue formed there, ahead of the events people wait for.
Here each check is one query for a few hundred sockets at once, however many there are, and a ping
costs nothing but its pong.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from channels.db import database_sync_to_async

from breathingroom.events import authority, presence, publish
from breathingroom.events.authority import Authority

if TYPE_CHECKING:
    from breathingroom.events.consumers import EventsConsumer

log = logging.getLogger(__name__)

# How a silent socket is closed: as any server closes a connection it is done with.
NORMAL = 1000
# Sockets looked after in one query: well under every database's limit on parameters.
AT_ONCE = 500
# How often sockets are checked for events that passed them by: what the worker sends reaches an
# open page this soon on the in-memory layer, which it cannot reach.
CATCH_UP_SECONDS = 5.0
# A socket that says nothing for this long (pages ping every 25 seconds) is gone: it is closed so
# that it stops counting as an open page, and the client, if alive, reconnects.
SILENT_FOR = presence.GONE_AFTER.total_seconds()
# How often sign-ins are checked again and open pages marked as still open: as often as pages ping.
BEAT_ROUNDS = max(1, round(presence.HEARTBEAT_SECONDS / CATCH_UP_SECONDS))


@dataclass(frozen=True)
class Socket:
    """What a check needs of one socket, read in the event loop before the query runs in a thread."""

    authority: Authority
    channel_name: str
    sent: int


@dataclass(frozen=True)
class Found:
    behind: frozenset[str]
    # None in a round that did not check sign-ins.
    unheld: frozenset[str] | None


def check(sockets: list[Socket], *, beat: bool) -> Found:
    """One round's queries for up to ``AT_ONCE`` sockets: which are behind, and on a beat, which no longer hold."""
    latest = publish.latest_of({socket.authority.person_id for socket in sockets})
    behind = frozenset(s.channel_name for s in sockets if latest.get(s.authority.person_id, 0) > s.sent)
    if not beat:
        return Found(behind, None)
    holding = authority.holding({socket.authority for socket in sockets})
    still = [socket for socket in sockets if socket.authority in holding]
    presence.seen_all([(socket.authority.person_id, socket.channel_name) for socket in still])
    return Found(behind, frozenset(s.channel_name for s in sockets if s.authority not in holding))


class Watch:
    """The open sockets of one event loop, and the one task that looks after them while there are any."""

    def __init__(self) -> None:
        self.sockets: dict[str, EventsConsumer] = {}
        self.task: asyncio.Task[None] | None = None
        self.rounds = 0

    def add(self, consumer: EventsConsumer) -> None:
        self.sockets[consumer.channel_name] = consumer
        if self.task is None or self.task.done():
            self.task = asyncio.ensure_future(self._run())

    def discard(self, consumer: EventsConsumer) -> None:
        self.sockets.pop(consumer.channel_name, None)
        if not self.sockets and self.task is not None:
            self.task.cancel()
            self.task = None

    async def round(self, *, beat: bool) -> None:
        """Check every socket once; ``beat`` also checks sign-ins and marks the pages as still open."""
        now = time.monotonic()
        # Each leaves the watch once its close is done (``disconnect``); until then it is not asked about.
        for silent in [c for c in self.sockets.values() if c.authority and now - c.heard_at > SILENT_FOR]:
            await silent.end(NORMAL)
        held = [(c, c.authority) for c in list(self.sockets.values())]
        sockets = [Socket(power, c.channel_name, c.sent) for c, power in held if power]
        for chunk in _chunks(sockets, AT_ONCE):
            # In a thread of its own, not the one thread every socket's own calls queue on: a round
            # over thousands of sockets never holds up an event on its way to someone.
            found = await database_sync_to_async(check, thread_sensitive=False)(chunk, beat=beat)
            for socket in chunk:
                if (consumer := self.sockets.get(socket.channel_name)) is None:
                    continue
                if found.unheld is not None and socket.channel_name in found.unheld:
                    await consumer.end(authority.UNAUTHORIZED)
                elif socket.channel_name in found.behind:
                    await consumer.channel_layer.send(consumer.channel_name, {"type": "events.behind"})

    async def _run(self) -> None:
        while self.sockets:
            await asyncio.sleep(CATCH_UP_SECONDS)
            self.rounds += 1
            try:
                await self.round(beat=self.rounds % BEAT_ROUNDS == 0)
            except asyncio.CancelledError:
                raise
            except Exception:
                # The database or the layer away for a moment: every socket is checked again next round.
                log.warning("Could not look after open sockets this round", exc_info=True)


def _chunks(sockets: list[Socket], size: int) -> Iterable[list[Socket]]:
    iterator = iter(sockets)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# One watch per event loop: tests run each scenario in a loop of its own.
_watches: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Watch] = weakref.WeakKeyDictionary()


def watch() -> Watch:
    loop = asyncio.get_running_loop()
    found = _watches.get(loop)
    if found is None:
        found = _watches[loop] = Watch()
    return found


async def now(*, beat: bool = True) -> None:
    """Look after this loop's sockets at once, as the next round would."""
    await watch().round(beat=beat)
