"""How fast the pages and API answers a couple uses most are served, as a share of a bare view's rate.

The embedded default as ``make run`` serves it (one uvicorn with the Procfile's options, one worker,
a fresh SQLite file), two couples made straight in the database, one with 1 past break and one
with 1,000 (made by the demo generator, ``breathingroom.demo``, with their reconnections, check-ins
and outcomes), then each address asked by 8 clients at once for N seconds, from this process over
loopback. Between every two addresses /livez (a view that touches nothing) is asked the same way,
so each address is compared with the bare view's rate in the same minute: the ratio is its
requests per second over the mean of /livez's just before and just after it.

Home is measured before a break; then the taker takes space, and the break page (Home for the
taker), the waiting page (Home for the partner), the live panel pages fetch on every event, the
history, and the API's current break and list of breaks. Pages sign in with the session cookie,
the API with the X-Session-Token header. Prints requests/s, p50/p95 and the ratio beside the
target, and writes them with the machine's core count and load average to bench/results/pages-*.json.

    .venv/bin/python bench/pages.py
    .venv/bin/python bench/pages.py --seconds 5 --clients 4
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import _app
import aiohttp

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person
    from breathingroom.couples.models import Couple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

HISTORIES = (1, 1_000)
TARGET_RATIO = 0.5
SEED = 13


@dataclass(frozen=True)
class Address:
    name: str
    path: str
    # "taker" or "partner": whose sign-in asks for it.
    who: str
    api: bool = False
    # What the answer must hold to be the page meant: Home answers anyone, signed in or not.
    shows: bytes = b""


SIGNED_IN = b'data-live="/ws/events"'
WORDS = "Back soon, love."
BEFORE_THE_BREAK = (Address("Home", "/", "taker", shows=SIGNED_IN),)
DURING_THE_BREAK = (
    Address("break page (Home, taker)", "/", "taker", shows=WORDS.encode()),
    Address("waiting page (Home, partner)", "/", "partner", shows=WORDS.encode()),
    Address("live panel (partner)", "/space/now/", "partner", shows=WORDS.encode()),
    Address("history", "/space/history/", "taker"),
    Address("API current break", "/api/v1/breaks/current", "partner", api=True),
    Address("API breaks", "/api/v1/breaks", "taker", api=True),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10, help="how long each address is asked for")
    parser.add_argument("--clients", type=int, default=8, help="requests in flight at once")
    args = parser.parse_args()
    if not 0 < args.seconds <= 120 or not 0 < args.clients <= 256:
        parser.error("--seconds must be between 0 and 120, --clients between 1 and 256")

    var_dir = Path(tempfile.mkdtemp(prefix="breathingroom-pages-"))
    _app.environment(var_dir)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    from breathingroom.breaks import space
    from breathingroom.couples import pairing
    from breathingroom.tests.servers import AppProcesses

    call_command("migrate", verbosity=0)
    began = time.monotonic()
    couples: list[dict[str, Any]] = []
    people = _app.signed_in(2 * len(HISTORIES), "pages")
    pairs = zip(people[::2], people[1::2], strict=True)
    for past, ((taker, taker_key), (partner, partner_key)) in zip(HISTORIES, pairs, strict=True):
        couple = pairing.join(partner, pairing.create_invitation(taker).code)
        made = past_breaks(couple, taker, partner, past)
        couples.append({"past": made, "keys": {"taker": taker_key, "partner": partner_key}, "taker": taker})
    made_in = time.monotonic() - began
    print(f"Two couples with {' and '.join(str(c['past']) for c in couples)} past breaks, made in {made_in:.1f} s")
    connections.close_all()

    processes = AppProcesses(tmp_path=var_dir, secret_key=settings.SECRET_KEY, var_dir=str(var_dir))
    load_before = _app.machine()
    try:
        web = _app.web(processes)
        processes.worker(interval=1)
        troubles = _app.Troubles(processes.started)
        plan = [(c, a) for a in BEFORE_THE_BREAK for c in couples]
        rows = asyncio.run(measure(web.url, plan, settings.SESSION_COOKIE_NAME, args))
        for c in couples:
            space.take_space(c["taker"], 120, WORDS)
        connections.close_all()
        plan = [(c, a) for a in DURING_THE_BREAK for c in couples]
        rows += asyncio.run(measure(web.url, plan, settings.SESSION_COOKIE_NAME, args))
    finally:
        for process in processes.started:
            process.stop()
    result = {
        **_app.stamp(load_before),
        "seconds_each": args.seconds,
        "clients": args.clients,
        "target_ratio": TARGET_RATIO,
        "rows": rows,
        "server_troubles": troubles.since_last(),
    }
    report(result)
    out = _app.write("pages", result)
    print(f"\nWritten to {out.relative_to(HERE.parent)}")
    return 1 if any(row["errors"] for row in rows) else 0


def past_breaks(couple: Couple, taker: Person, partner: Person, n: int) -> int:
    """``n`` finished breaks in the couple's past, each with its reconnection, as the demo generator makes them.

    The generator lives a span of days; a span long enough for ``n`` is lived and its latest ``n`` kept.
    """
    from django.utils import timezone

    from breathingroom.breaks.models import Break
    from breathingroom.demo.history import SAVED_IN_ORDER
    from breathingroom.demo.history_breaks import make_breaks
    from breathingroom.demo.story import Partner, Story
    from breathingroom.demo.tendencies import MAYA, THEO

    end = timezone.now() - timedelta(hours=1)
    days = 60
    while True:
        rng = random.Random(SEED)
        story = Story(rng, couple, Partner(taker, MAYA), Partner(partner, THEO), end - timedelta(days=days), end)
        made = make_breaks(story, [])
        if len(made) >= n:
            break
        days *= 2
    kept = {m.brk.pk for m in made[-n:]}

    def break_of(row: Any) -> object:
        if isinstance(row, Break):
            return row.pk
        return row.brk_id if hasattr(row, "brk_id") else row.reconnection.brk_id

    for model, rows in story.rows.items():
        story.rows[model] = [row for row in rows if break_of(row) in kept]
    story.save(SAVED_IN_ORDER)
    return len(kept)


# --- Asking ----------------------------------------------------------------------------------------------


@dataclass
class Asked:
    took: list[float]
    errors: dict[str, int]
    seconds: float
    size: int

    @property
    def per_second(self) -> float:
        return len(self.took) / self.seconds if self.seconds else 0.0


async def ask(http: aiohttp.ClientSession, url: str, headers: dict[str, str], clients: int, seconds: float) -> Asked:
    took: list[float] = []
    errors: dict[str, int] = {}
    size = 0

    async def client(until: float) -> None:
        nonlocal size
        while time.perf_counter() < until:
            started = time.perf_counter()
            try:
                async with http.get(url, headers=headers, allow_redirects=False) as response:
                    body = await response.read()
                    status = str(response.status)
            except (aiohttp.ClientError, TimeoutError) as error:
                status = type(error).__name__
                body = b""
            if status == "200":
                took.append(time.perf_counter() - started)
                size = len(body)
            else:
                errors[status] = errors.get(status, 0) + 1

    began = time.perf_counter()
    await asyncio.gather(*(client(began + seconds) for _ in range(clients)))
    return Asked(took, errors, time.perf_counter() - began, size)


async def measure(
    base: str, plan: list[tuple[dict[str, Any], Address]], cookie: str, args: argparse.Namespace
) -> list[dict[str, Any]]:
    from breathingroom.tests.load.couples import percentiles

    assert base.startswith("http://127."), "loopback only"
    rows = []
    timeout = aiohttp.ClientTimeout(total=60)
    # No cookie jar: each request carries exactly the sign-in it is given.
    jar = aiohttp.DummyCookieJar()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0), timeout=timeout, cookie_jar=jar) as http:
        # Warm: every view's code loaded and every template compiled before anything is timed.
        for couple, address in plan:
            await ask(http, base + address.path, sign_in(couple, address, cookie), 1, 0.3)
            async with http.get(base + address.path, headers=sign_in(couple, address, cookie)) as response:
                body = await response.read()
                if response.status != 200 or address.shows not in body:
                    raise RuntimeError(f"{address.path} as the {address.who} is not the page meant: {response.status}")
        livez = await ask(http, f"{base}/livez", {}, args.clients, args.seconds)
        for couple, address in plan:
            print(f"{address.name}, {couple['past']} past breaks …", flush=True)
            page = await ask(http, base + address.path, sign_in(couple, address, cookie), args.clients, args.seconds)
            after = await ask(http, f"{base}/livez", {}, args.clients, args.seconds)
            reference = statistics.mean((livez.per_second, after.per_second))
            rows.append(
                {
                    "address": address.name,
                    "path": address.path,
                    "past_breaks": couple["past"],
                    "requests": len(page.took),
                    "errors": page.errors,
                    "bytes": page.size,
                    "requests_per_second": round(page.per_second, 1),
                    **{k: v for k, v in percentiles(page.took).items() if k in ("p50_ms", "p95_ms", "max_ms")},
                    "livez_per_second": [round(livez.per_second, 1), round(after.per_second, 1)],
                    "livez_p50_ms": percentiles(after.took)["p50_ms"],
                    "ratio": round(page.per_second / reference, 3) if reference else 0.0,
                }
            )
            livez = after
    return rows


def sign_in(couple: dict[str, Any], address: Address, cookie: str) -> dict[str, str]:
    key = couple["keys"][address.who]
    return {"X-Session-Token": key} if address.api else {"Cookie": f"{cookie}={key}"}


def report(result: dict[str, Any]) -> None:
    rows: list[tuple[object, ...]] = [
        ("address", "past", "req/s", "p50 ms", "p95 ms", "/livez req/s", "ratio", f"≥ {TARGET_RATIO}", "errors")
    ]
    for row in result["rows"]:
        rows.append(
            (
                row["address"],
                row["past_breaks"],
                row["requests_per_second"],
                row["p50_ms"],
                row["p95_ms"],
                " / ".join(map(str, row["livez_per_second"])),
                row["ratio"],
                "✓" if row["ratio"] >= TARGET_RATIO else "✗",
                sum(row["errors"].values()) or "",
            )
        )
    print(f"\n{result['clients']} clients, {result['seconds_each']:g} s each; /livez just before / just after.\n")
    print(_app.table(rows))
    for kind, n in result["server_troubles"].items():
        print(f"{n} times in the server log: {kind}")
    m = result["machine"]
    print(f"\nCores {m['cores']}, load average {m['load_average_before']} before, {m['load_average_after']} after")


if __name__ == "__main__":
    sys.exit(main())
