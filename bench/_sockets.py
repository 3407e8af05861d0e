"""Idle pages for bench/notify.py, in a process of their own: many open /ws/events sockets that only ping.

Run by notify.py with its orders on stdin, one JSON line each, and an answer on stdout for each:

    {"sockets": [[url, session_key], ...], "cookie": "sessionid", "at_once": 50}   once, first
    {"open": 5000, "within": 120}
                      open sockets (in the order given) until 5,000 are open, starting no new batch
                      after 120 seconds; answers how many are open and how long it took
    {"report": true}  what the server did to them so far: closes by code and reason, pings answered
    {"stop": true}    close every socket, answer a last report, and exit

Each socket is a signed-in browser (its session cookie, no Origin, as the server allows) that pings
``{"type": "ping"}`` every 25 seconds, the first at a random moment within those 25 seconds, as
pages do; it reads everything the server sends, so the server's own protocol pings are answered.
"""

from __future__ import annotations

import asyncio
import json
import random
import resource
import statistics
import sys
import time
from collections import Counter
from typing import Any

import aiohttp

PING_EVERY = 25.0
PING = json.dumps({"type": "ping"})
# Longer than the server's own timeouts, so a slow handshake is counted as slow, not cut short.
HANDSHAKE_WITHIN = 60.0
BATCH = 200
CLOSE_WITHIN = aiohttp.ClientWSTimeout(ws_receive=None, ws_close=10.0)


class Idle:
    def __init__(self, sockets: list[tuple[str, str]], cookie: str, at_once: int) -> None:
        self.sockets = sockets
        self.cookie = cookie
        self.gate = asyncio.Semaphore(at_once)
        self.open: list[aiohttp.ClientWebSocketResponse] = []
        self.tasks: set[asyncio.Task[None]] = set()
        self.next = 0
        self.failed: Counter[str] = Counter()
        self.closed_by_server: Counter[str] = Counter()
        self.pongs: list[float] = []
        # When each socket's ping went out, until its pong comes back.
        self.pinged: dict[int, float] = {}
        self.unanswered = 0
        self.stopping = False
        self.http: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self.http = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=0, force_close=True),
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=HANDSHAKE_WITHIN),
        )

    async def open_until(self, n: int, within: float) -> dict[str, Any]:
        """Open sockets until ``n`` are open, starting no new batch after ``within`` seconds."""
        started = time.monotonic()
        tried = 0
        wanted = min(n, len(self.sockets))
        while len(self.open) < wanted and self.next < len(self.sockets) and time.monotonic() - started < within:
            # A batch at a time, at most ``at_once`` handshakes in flight within it.
            batch = self.sockets[self.next : self.next + min(BATCH, wanted - len(self.open))]
            self.next += len(batch)
            tried += len(batch)
            await asyncio.gather(*(self._connect(url, key) for url, key in batch))
        took = time.monotonic() - started
        return {
            "open": len(self.open),
            "tried": tried,
            "seconds": round(took, 2),
            "per_second": round(tried / took, 1) if took else 0.0,
            "failed": dict(self.failed),
        }

    async def _connect(self, url: str, key: str) -> None:
        assert self.http is not None
        async with self.gate:
            try:
                ws = await self.http.ws_connect(
                    url, headers={"Cookie": f"{self.cookie}={key}"}, autoping=True, timeout=CLOSE_WITHIN, compress=15
                )
            except aiohttp.WSServerHandshakeError as error:
                self.failed[f"HTTP {error.status}"] += 1
                return
            except (aiohttp.ClientError, OSError, TimeoutError) as error:
                self.failed[type(error).__name__] += 1
                return
        self.open.append(ws)
        task = asyncio.ensure_future(self._live(ws))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _live(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        pinger = asyncio.ensure_future(self._ping(ws))
        try:
            while True:
                msg = await ws.receive()
                if msg.type == aiohttp.WSMsgType.TEXT:
                    sent = self.pinged.pop(id(ws), None) if '"pong"' in msg.data else None
                    if sent is not None:
                        self.pongs.append(time.monotonic() - sent)
                    continue
                if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSED):
                    if not self.stopping:
                        code = ws.close_code if msg.type != aiohttp.WSMsgType.CLOSE else msg.data
                        reason = msg.extra if msg.type == aiohttp.WSMsgType.CLOSE else ""
                        self.closed_by_server[f"{code} {reason or ''}".strip()] += 1
                    return
                if msg.type == aiohttp.WSMsgType.ERROR:
                    if not self.stopping:
                        self.closed_by_server[f"error {type(ws.exception()).__name__}"] += 1
                    return
        finally:
            pinger.cancel()
            if ws in self.open:
                self.open.remove(ws)

    async def _ping(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        await asyncio.sleep(random.uniform(0, PING_EVERY))
        while not ws.closed:
            if id(ws) in self.pinged:
                self.unanswered += 1
            self.pinged[id(ws)] = time.monotonic()
            try:
                await ws.send_str(PING)
            except (aiohttp.ClientError, ConnectionError, RuntimeError):
                return
            await asyncio.sleep(PING_EVERY)

    def report(self) -> dict[str, Any]:
        pongs = sorted(self.pongs)
        return {
            "open": len(self.open),
            "closed_by_server": dict(self.closed_by_server),
            "failed": dict(self.failed),
            "pings_answered": len(pongs),
            "pings_unanswered_within_25s": self.unanswered,
            "pong_p50_ms": round(statistics.median(pongs) * 1000, 1) if pongs else None,
            "pong_p99_ms": round(pongs[int(len(pongs) * 0.99) - 1 if len(pongs) > 1 else 0] * 1000, 1)
            if pongs
            else None,
            "pong_max_ms": round(pongs[-1] * 1000, 1) if pongs else None,
        }

    async def stop(self) -> dict[str, Any]:
        last = self.report()
        self.stopping = True
        await asyncio.gather(*(ws.close() for ws in list(self.open)), return_exceptions=True)
        for task in list(self.tasks):
            task.cancel()
        if self.http is not None:
            await self.http.close()
        return last


def answer(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


async def main() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=2**26)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    first = json.loads(await reader.readline())
    idle = Idle([(u, k) for u, k in first["sockets"]], first["cookie"], first["at_once"])
    await idle.start()
    answer({"ready": len(idle.sockets)})
    while line := await reader.readline():
        order = json.loads(line)
        if "open" in order:
            answer(await idle.open_until(order["open"], order["within"]))
        elif "report" in order:
            answer(idle.report())
        elif "stop" in order:
            answer(await idle.stop())
            return


if __name__ == "__main__":
    asyncio.run(main())
