"""Many couples at once against a real server: each takes space, the partner looks, and it ends.

``prepare`` makes the couples straight in the database (no sign-up, no password hashing) with an
app session token each; ``run`` has every couple loop through the API over real HTTP for a bounded
time and counts what came back. ``lost`` then reads the database: every break answered 2xx must be
there, and every break answered "ended" must be ended. Loopback only, and it stops by itself.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp

BREAKS = "/api/v1/breaks"
# The client waits longer than any server-side wait, so a slow answer is measured, not cut short.
CLIENT_TIMEOUT = 90.0


@dataclass
class Couple:
    taker_token: str
    partner_token: str


def prepare(n: int) -> list[Couple]:
    """``n`` fresh couples in the database, each partner with an app session token."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from breathingroom.accounts.models import Person
    from breathingroom.couples import pairing

    def person(name: str) -> tuple[Person, str]:
        someone = Person.objects.create_user(email=f"{name}@load.example", password=None, display_name=name)
        session = SessionStore()
        session[SESSION_KEY] = str(someone.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = someone.get_session_auth_hash()
        session.create()
        assert session.session_key is not None
        return someone, session.session_key

    tag = uuid.uuid4().hex[:6]
    couples = []
    for i in range(n):
        a, a_token = person(f"a{i}-{tag}")
        b, b_token = person(f"b{i}-{tag}")
        pairing.join(b, pairing.create_invitation(a).code)
        couples.append(Couple(a_token, b_token))
    return couples


@dataclass
class Tally:
    """Every answer, by endpoint: status codes, seconds taken, and which breaks the server said it saved."""

    statuses: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    taken: set[str] = field(default_factory=set)
    ended: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    def count(self, endpoint: str, status: str, took: float, detail: str = "") -> None:
        self.statuses[endpoint][status] += 1
        self.seconds[endpoint].append(took)
        if not status.startswith("2") and len(self.errors) < 20:
            self.errors.append(f"{endpoint} {status} {detail[:200]}")

    @property
    def requests(self) -> int:
        return sum(sum(c.values()) for c in self.statuses.values())

    def failures(self, endpoint: str | None = None) -> int:
        """Answers that were not 2xx (server errors, refusals, timeouts, dropped connections)."""
        endpoints = [endpoint] if endpoint else list(self.statuses)
        return sum(n for e in endpoints for status, n in self.statuses[e].items() if not status.startswith("2"))

    def summary(self) -> dict[str, Any]:
        endpoints = {}
        for endpoint, took in sorted(self.seconds.items()):
            endpoints[endpoint] = {
                "requests": len(took),
                "errors": self.failures(endpoint),
                "statuses": dict(self.statuses[endpoint]),
                **percentiles(took),
            }
        return {
            "seconds": round(self.elapsed, 1),
            "requests": self.requests,
            "errors": self.failures(),
            "requests_per_second": round(self.requests / self.elapsed, 1) if self.elapsed else 0.0,
            "endpoints": endpoints,
            "first_errors": self.errors,
        }


def percentiles(took: list[float]) -> dict[str, float]:
    if not took:
        return {"p50_ms": 0.0, "p95_ms": 0.0, "p99_ms": 0.0, "max_ms": 0.0}
    cuts = statistics.quantiles(took, n=100, method="inclusive") if len(took) > 1 else [took[0]] * 99
    return {
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
        "max_ms": round(max(took) * 1000, 1),
    }


async def _call(
    http: aiohttp.ClientSession, tally: Tally, endpoint: str, method: str, url: str, token: str, **kwargs: Any
) -> dict[str, Any] | None:
    started = time.monotonic()
    try:
        async with http.request(
            method, url, headers={"X-Session-Token": token, **kwargs.pop("headers", {})}, **kwargs
        ) as response:
            body = await response.read()
            status = str(response.status)
    except (aiohttp.ClientError, TimeoutError) as error:
        tally.count(endpoint, type(error).__name__, time.monotonic() - started)
        return None
    tally.count(endpoint, status, time.monotonic() - started, body.decode(errors="replace"))
    return json.loads(body) if status.startswith("2") else None


async def _couple_loop(http: aiohttp.ClientSession, base: str, couple: Couple, until: float, tally: Tally) -> None:
    while time.monotonic() < until:
        brk = await _call(
            http,
            tally,
            "take space",
            "POST",
            f"{base}{BREAKS}",
            couple.taker_token,
            json={"minutes": 20, "reassurance": "Back soon, love."},
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        if brk is not None:
            tally.taken.add(brk["id"])
        await _call(http, tally, "current", "GET", f"{base}{BREAKS}/current", couple.partner_token)
        if brk is not None:
            ended = await _call(http, tally, "end", "POST", f"{base}{BREAKS}/{brk['id']}/end", couple.taker_token)
            if ended is not None:
                tally.ended.add(ended["id"])


async def _health_loop(http: aiohttp.ClientSession, base: str, until: float, tally: Tally) -> None:
    while time.monotonic() < until:
        started = time.monotonic()
        try:
            async with http.get(f"{base}/healthz") as response:
                await response.read()
                status = str(response.status)
        except (aiohttp.ClientError, TimeoutError) as error:
            status = type(error).__name__
        tally.count("healthz", status, time.monotonic() - started)


async def _drive(
    base: str, loops: Callable[[aiohttp.ClientSession, float, Tally], list[Awaitable[None]]], seconds: float
) -> Tally:
    assert base.startswith(("http://127.", "http://localhost", "http://[::1]")), "loopback only"
    tally = Tally()
    timeout = aiohttp.ClientTimeout(total=CLIENT_TIMEOUT)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0), timeout=timeout) as http:
        started = time.monotonic()
        await asyncio.gather(*loops(http, started + seconds, tally))
        tally.elapsed = time.monotonic() - started
    return tally


def run(base: str, couples: list[Couple], seconds: float) -> Tally:
    """Every couple loops take space / current / end against ``base`` for ``seconds`` (then finishes its round)."""
    return asyncio.run(
        _drive(base, lambda http, until, tally: [_couple_loop(http, base, c, until, tally) for c in couples], seconds)
    )


def run_health(base: str, clients: int, seconds: float) -> Tally:
    """As many clients asking /healthz as fast as they can: what this machine serves with no work at all."""
    return asyncio.run(
        _drive(
            base, lambda http, until, tally: [_health_loop(http, base, until, tally) for _ in range(clients)], seconds
        )
    )


def lost(tally: Tally) -> dict[str, list[str]]:
    """Changes the server answered 2xx for that the database does not have."""
    from breathingroom.breaks.models import Break

    known = {
        str(pk): ended for pk, ended in Break.objects.filter(pk__in=tally.taken).values_list("pk", "ended_early_at")
    }
    return {
        "taken_but_missing": sorted(tally.taken - set(known)),
        "ended_but_open": sorted(pk for pk in tally.ended if known.get(pk) is None),
    }


def machine() -> dict[str, Any]:
    return {"cores": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()]}
