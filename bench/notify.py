"""How long "I need space" takes to reach the partner's open page while thousands of other pages sit open.

The app runs as real processes, exactly the Procfile's commands, on a fresh database. A process of
its own (``bench/_sockets.py``) opens K idle /ws/events sockets, each a different signed-in person,
each pinging every 25 seconds as pages do. Then 20 couples, their own sockets open too, take space
and end it through the API again and again, and each take is timed from the request being sent,
and from its answer, to the partner's socket hearing ``break.started``. For K = 1, 1,000, 5,000 and
10,000 (opened one after the other, on top of those already open), in two setups in the same run:

- embedded: SQLite, the in-memory channel layer, one web process and one worker (``make run``);
- scale: PostgreSQL and Redis, two web processes on two ports, the idle sockets spread over both,
  and each couple's partner on the other process than the one the taker asks, on purpose.

It also counts sockets the server closed (code and reason), events never heard within 10 seconds,
the web processes' memory per idle socket (VmRSS before and after opening them), how fast the
sockets open, and what the servers logged as going wrong; prints a table beside the targets, and
writes everything with the machine's core count and load average to bench/results/notify-*.json.

    .venv/bin/python bench/notify.py
    .venv/bin/python bench/notify.py --setup embedded --sockets 1,1000 --takes 60
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import _app
import aiohttp
import psycopg
import redis

if TYPE_CHECKING:
    from breathingroom.tests.servers import AppProcess

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

SOCKETS = (1, 1_000, 5_000, 10_000)
COUPLES = 20
TAKES = 200
# An event not heard within this long is counted lost.
LOST_AFTER = 10.0
PING_EVERY = 25.0
# Handshakes in flight at once while opening the idle sockets.
AT_ONCE = 50
# After the sockets open, before the couples start: the handshakes' own work is done by then.
SETTLE = 3.0
# A busy machine opens sockets slowly: each step stops opening after this long and is measured with what
# is open (the table says how many), so the whole run stays bounded.
OPEN_WITHIN = 100.0
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/13"
TARGET_P99_MS = 100
TARGET_KB_PER_SOCKET = 32
TARGET_AT = 10_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sockets", default=",".join(map(str, SOCKETS)), help="idle sockets, in rising order")
    parser.add_argument("--setup", choices=("embedded", "scale", "both"), default="both")
    parser.add_argument("--takes", type=int, default=TAKES, help="takes timed for each number of sockets")
    parser.add_argument(
        "--open-within", type=float, default=OPEN_WITHIN, help="seconds for opening each step's sockets, at most"
    )
    parser.add_argument("--part", type=Path, help=argparse.SUPPRESS)  # one setup, run by the whole run
    args = parser.parse_args()
    sockets = sorted({int(n.replace("_", "")) for n in args.sockets.split(",")})
    if not sockets or sockets[0] < 0 or sockets[-1] > 15_000:
        parser.error("--sockets must be between 0 and 15,000")
    if not 0 < args.takes <= 5_000:
        parser.error("--takes must be between 1 and 5,000")
    if args.part:
        args.part.write_text(json.dumps(run_setup(args.setup, sockets, args.takes, args.open_within)))
        return 0

    started = time.monotonic()
    before = _app.machine()
    parts = []
    for setup in ("embedded", "scale") if args.setup == "both" else (args.setup,):
        with tempfile.NamedTemporaryFile(suffix=".json") as part:
            # A process for each setup: Django reads its database and channel layer once, at start.
            command = [sys.executable, __file__, "--setup", setup, "--sockets", ",".join(map(str, sockets))]
            command += ["--takes", str(args.takes), "--open-within", str(args.open_within), "--part", part.name]
            subprocess.run(command, check=True)  # noqa: S603
            parts.append(json.loads(Path(part.name).read_text()))
    result = {
        **_app.stamp(before),
        "seconds": round(time.monotonic() - started, 1),
        "couples": COUPLES,
        "takes_per_step": args.takes,
        "targets": {
            "p99_from_response_ms": TARGET_P99_MS,
            "at_sockets": TARGET_AT,
            "closed_by_server": 0,
            "kb_per_idle_socket": TARGET_KB_PER_SOCKET,
        },
        "setups": parts,
    }
    report(result)
    out = _app.write("notify", result)
    print(f"\nWritten to {out.relative_to(HERE.parent)}")
    return 0


# --- One setup, in a process of its own --------------------------------------------------------------


def run_setup(setup: str, sockets: list[int], takes: int, within: float) -> dict[str, Any]:
    # Every socket is a file on both ends; the server processes inherit this limit.
    limit = _app.open_files(max(sockets) + 4 * COUPLES + 1_000)
    var_dir = Path(tempfile.mkdtemp(prefix=f"breathingroom-notify-{setup}-"))
    database = f"breathingroom_notify_{os.getpid()}" if setup == "scale" else ""
    try:
        if setup == "scale":
            with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{database}"')
            redis.Redis.from_url(REDIS).flushdb()
            _app.environment(var_dir, f"{POSTGRES}/{database}", REDIS)
        else:
            _app.environment(var_dir)
        return _measure_setup(setup, sockets, takes, var_dir, limit, within)
    finally:
        if database:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _measure_setup(
    setup: str, sockets: list[int], takes: int, var_dir: Path, limit: int, within: float
) -> dict[str, Any]:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    from breathingroom.couples import pairing
    from breathingroom.tests.servers import AppProcesses

    print(f"\n[{setup}] migrating a fresh database …", flush=True)
    call_command("migrate", verbosity=0)
    began = time.monotonic()
    idle = [key for _, key in _app.signed_in(max(sockets), f"idle-{uuid.uuid4().hex[:6]}")]
    pairs = _app.signed_in(2 * COUPLES, f"couple-{uuid.uuid4().hex[:6]}")
    couples = []
    for (taker, taker_key), (partner, partner_key) in zip(pairs[::2], pairs[1::2], strict=True):
        pairing.join(partner, pairing.create_invitation(taker).code)
        couples.append((taker_key, partner_key))
    print(f"[{setup}] {len(idle)} people signed in and {COUPLES} couples made in {time.monotonic() - began:.1f} s")
    connections.close_all()

    redis_url = settings.REDIS_URL or None
    processes = AppProcesses(tmp_path=var_dir, secret_key=settings.SECRET_KEY, var_dir=str(var_dir))
    try:
        names = ("web-a", "web-b") if setup == "scale" else ("web",)
        webs = [_app.web(processes, name, redis_url) for name in names]
        processes.worker(redis_url=redis_url, interval=1)
        troubles = _app.Troubles(processes.started)
        steps, closing = asyncio.run(
            _drive(setup, webs, idle, couples, sockets, takes, settings.SESSION_COOKIE_NAME, troubles, within)
        )
    finally:
        for process in processes.started:
            process.stop()
    return {
        "setup": setup,
        "web_processes": len(webs),
        "open_files_limit": limit,
        "steps": steps,
        # What the servers logged as every idle socket closed at once, and as they stopped.
        "server_troubles_closing": closing,
        "server_troubles_stopping": troubles.since_last(),
        "stops": {p.name: [(round(s, 1), killed) for s, killed in p.stops] for p in processes.started},
    }


# --- The couples and their sockets -------------------------------------------------------------------


def ws_url(web: AppProcess) -> str:
    return web.url.replace("http://", "ws://", 1) + "/ws/events"


@dataclass
class Ear:
    """One couple's socket: when each break's ``break.started`` arrived, and how the socket ended."""

    heard: dict[str, float] = field(default_factory=dict)
    waiting: dict[str, asyncio.Future[float]] = field(default_factory=dict)
    closed: Counter[str] = field(default_factory=Counter)
    stopping: bool = False

    def arrived(self, break_id: str) -> None:
        at = time.perf_counter()
        self.heard[break_id] = at
        waiter = self.waiting.pop(break_id, None)
        if waiter is not None and not waiter.done():
            waiter.set_result(at)

    async def hears(self, break_id: str, within: float) -> float | None:
        if break_id in self.heard:
            return self.heard[break_id]
        waiter = self.waiting[break_id] = asyncio.get_running_loop().create_future()
        try:
            return await asyncio.wait_for(waiter, within)
        except TimeoutError:
            return None
        finally:
            self.waiting.pop(break_id, None)


async def listen(http: aiohttp.ClientSession, url: str, cookie: str, key: str, ear: Ear) -> asyncio.Task[None]:
    ws = await http.ws_connect(url, headers={"Cookie": cookie + "=" + key})

    async def ping() -> None:
        while not ws.closed:
            await asyncio.sleep(PING_EVERY)
            with contextlib.suppress(Exception):
                await ws.send_str('{"type": "ping"}')

    async def read() -> None:
        pinger = asyncio.ensure_future(ping())
        try:
            while True:
                msg = await ws.receive()
                if msg.type == aiohttp.WSMsgType.TEXT:
                    event = json.loads(msg.data)
                    if event.get("type") == "break.started":
                        ear.arrived(event["data"]["break"])
                    continue
                if not ear.stopping:
                    code = msg.data if msg.type == aiohttp.WSMsgType.CLOSE else ws.close_code
                    ear.closed[f"{code} {msg.extra or ''}".strip()] += 1
                return
        finally:
            pinger.cancel()
            await ws.close()

    return asyncio.ensure_future(read())


@dataclass
class Takes:
    from_response: list[float] = field(default_factory=list)
    from_request: list[float] = field(default_factory=list)
    before_response: int = 0
    lost: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    def summary(self) -> dict[str, Any]:
        from breathingroom.tests.load.couples import percentiles

        return {
            "timed": len(self.from_request),
            "from_response": percentiles(self.from_response),
            "from_request": percentiles(self.from_request),
            # The event can beat the answer to the phone: it leaves as the change commits.
            "heard_before_the_response": self.before_response,
            "lost": self.lost,
            "errors": dict(self.errors),
        }


async def take_and_end(http: aiohttp.ClientSession, base: str, token: str, ear: Ear, n: int, takes: Takes) -> None:
    headers = {"X-Session-Token": token}
    for _ in range(n):
        sent = time.perf_counter()
        try:
            async with http.post(
                f"{base}/api/v1/breaks",
                json={"minutes": 20, "reassurance": "Back soon, love."},
                headers={**headers, "Idempotency-Key": uuid.uuid4().hex},
            ) as response:
                body = await response.read()
                status = response.status
        except (aiohttp.ClientError, TimeoutError) as error:
            takes.errors[f"take {type(error).__name__}"] += 1
            continue
        answered = time.perf_counter()
        if status != 201:
            takes.errors[f"take {status}"] += 1
            await asyncio.sleep(0.5)
            continue
        break_id = json.loads(body)["id"]
        heard = await ear.hears(break_id, LOST_AFTER)
        if heard is None:
            takes.lost += 1
        else:
            takes.from_request.append(heard - sent)
            takes.from_response.append(max(heard - answered, 0.0))
            takes.before_response += heard < answered
        try:
            async with http.post(f"{base}/api/v1/breaks/{break_id}/end", headers=headers) as response:
                await response.read()
                if response.status != 200:
                    takes.errors[f"end {response.status}"] += 1
        except (aiohttp.ClientError, TimeoutError) as error:
            takes.errors[f"end {type(error).__name__}"] += 1


class Holder:
    """The idle sockets' process (bench/_sockets.py), given orders one JSON line at a time."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    @classmethod
    async def start(cls, sockets: list[tuple[str, str]], cookie: str) -> Holder:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            str(HERE / "_sockets.py"),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=2**20,
        )
        holder = cls(process)
        await holder.order({"sockets": sockets, "cookie": cookie, "at_once": AT_ONCE})
        return holder

    async def order(self, order: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(json.dumps(order).encode() + b"\n")
        await self.process.stdin.drain()
        line = await self.process.stdout.readline()
        if not line:
            raise RuntimeError("the idle sockets' process ended")
        answer: dict[str, Any] = json.loads(line)
        return answer


async def _drive(
    setup: str,
    webs: list[AppProcess],
    idle: list[str],
    couples: list[tuple[str, str]],
    sockets: list[int],
    takes: int,
    cookie: str,
    troubles: _app.Troubles,
    within: float,
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    # Spread over the web processes one by one; with two, each couple's partner listens on the other.
    spread = [(ws_url(webs[i % len(webs)]), key) for i, key in enumerate(idle)]
    holder = await Holder.start(spread, cookie)
    ears = [Ear() for _ in couples]
    steps = []
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0), timeout=timeout) as http:
        readers = [
            await listen(http, ws_url(webs[(i + 1) % len(webs)]), cookie, partner, ear)
            for i, ((_, partner), ear) in enumerate(zip(couples, ears, strict=True))
        ]
        # The takers' own pages are open as well, on the process they ask.
        readers += [
            await listen(http, ws_url(webs[i % len(webs)]), cookie, taker, Ear())
            for i, (taker, _) in enumerate(couples)
        ]

        async def round_of(n: int) -> Takes:
            tally = Takes()
            each = -(-n // len(couples))
            await asyncio.gather(
                *(
                    take_and_end(http, webs[i % len(webs)].url, taker, ear, each, tally)
                    for i, ((taker, _), ear) in enumerate(zip(couples, ears, strict=True))
                )
            )
            return tally

        await round_of(2 * len(couples))  # warm: every code path loaded, every connection made
        memory_before = {web.name: _app.rss_kb(_pid(web)) for web in webs}
        for k in sockets:
            print(f"[{setup}] opening idle sockets up to {k:,} …", flush=True)
            opened = await holder.order({"open": k, "within": within})
            await asyncio.sleep(SETTLE)
            memory = {web.name: _app.rss_kb(_pid(web)) for web in webs}
            load = _app.machine()["load_average"]
            tally = await round_of(takes)
            held = await holder.order({"report": True})
            grown = sum(memory.values()) - sum(memory_before.values())
            step = {
                "sockets": k,
                "idle_open": opened["open"],
                "opening": opened,
                "rss_kb_before": memory_before,
                "rss_kb": memory,
                "kb_per_idle_socket": round(grown / opened["open"], 1) if opened["open"] else None,
                "load_average": load,
                "takes": tally.summary(),
                "idle": held,
                "couples_closed_by_server": dict(sum((ear.closed for ear in ears), Counter())),
                "server_troubles": troubles.since_last(),
            }
            steps.append(step)
            t = step["takes"]
            print(
                f"[{setup}] {opened['open']:,} idle open ({opened['per_second']}/s); from the answer p50 "
                f"{t['from_response']['p50_ms']} ms p99 {t['from_response']['p99_ms']} ms; lost {t['lost']}; "
                f"closed by the server {sum(held['closed_by_server'].values())}; errors {t['errors'] or 0}",
                flush=True,
            )
        for ear in ears:
            ear.stopping = True
        steps[-1]["idle_at_end"] = await holder.order({"stop": True})
        for reader in readers:
            reader.cancel()
    await holder.process.wait()
    await asyncio.sleep(1)
    return steps, troubles.since_last()


def _pid(process: AppProcess) -> int:
    assert process.process is not None
    return process.process.pid


# --- The table ------------------------------------------------------------------------------------------


def report(result: dict[str, Any]) -> None:
    rows: list[tuple[object, ...]] = [
        (
            "setup",
            "sockets",
            "open/s",
            "answer→heard p50",
            "p99",
            "max",
            "request→heard p50",
            "p99",
            "lost",
            "closed",
            "KB/socket",
            "pong p99",
        )
    ]
    for part in result["setups"]:
        for step in part["steps"]:
            t = step["takes"]
            closed = sum(step["idle"]["closed_by_server"].values()) + sum(step["couples_closed_by_server"].values())
            rows.append(
                (
                    part["setup"],
                    f"{step['idle_open']:,}",
                    step["opening"]["per_second"],
                    t["from_response"]["p50_ms"],
                    t["from_response"]["p99_ms"],
                    t["from_response"]["max_ms"],
                    t["from_request"]["p50_ms"],
                    t["from_request"]["p99_ms"],
                    t["lost"],
                    closed,
                    step["kb_per_idle_socket"],
                    step["idle"]["pong_p99_ms"],
                )
            )
    print("\nTimes in ms, from the take's answer (and its request) to the partner's socket hearing break.started.\n")
    print(_app.table(rows))
    m = result["machine"]
    print(
        f"\nTargets: p99 from the answer ≤ {TARGET_P99_MS} ms at {TARGET_AT:,} sockets, no socket closed by the "
        f"server, ≤ {TARGET_KB_PER_SOCKET} KB per idle socket."
    )
    for part in result["setups"]:
        last = part["steps"][-1]
        p99 = last["takes"]["from_response"]["p99_ms"]
        # Both counts run on from the start, so the last step's are the whole run's.
        closed = sum(last["idle"]["closed_by_server"].values()) + sum(last["couples_closed_by_server"].values())
        kb = last["kb_per_idle_socket"]
        met = [
            f"p99 {p99} ms at {last['idle_open']:,} {'✓' if p99 <= TARGET_P99_MS else '✗'}",
            f"closed {closed} {'✓' if closed == 0 else '✗'}",
            f"{kb} KB/socket {'✓' if kb is not None and kb <= TARGET_KB_PER_SOCKET else '✗'}",
        ]
        print(f"  {part['setup']}: " + ", ".join(met))
        for step in part["steps"]:
            if step["idle_open"] < step["sockets"]:
                print(
                    f"    asked for {step['sockets']:,} idle sockets, {step['idle_open']:,} open after "
                    f"{step['opening']['seconds']} s"
                )
            for what in ("closed_by_server", "failed"):
                if step["idle"][what]:
                    print(f"    {step['sockets']:,} sockets, idle {what.replace('_', ' ')}: {step['idle'][what]}")
            if step["takes"]["errors"]:
                print(f"    {step['sockets']:,} sockets, take errors: {step['takes']['errors']}")
        for step in part["steps"]:
            for kind, n in step["server_troubles"].items():
                print(f"    {step['sockets']:,} sockets, {n} times in the server log: {kind}")
        for when in ("closing", "stopping"):
            for kind, n in part[f"server_troubles_{when}"].items():
                print(f"    {when}, {n} times in the server log: {kind}")
    print(
        f"Cores {m['cores']}, load average {m['load_average_before']} before, {m['load_average_after']} after; "
        f"{result['seconds']} s in all"
    )


if __name__ == "__main__":
    sys.exit(main())
