"""How long the cycle map and the insights take for a couple with five years of history.

A fresh SQLite file in a temporary folder (WAL mode, as ``make run`` serves it), the demo couple made
with the demo generator (``breathingroom.demo.history``) over five years, then each page and API
answer asked for many times by one of them, in this process, through Django's test client: the time
measured is the server's own (every middleware, the view, its queries and the rendering), without a
network or a browser. Prints the median, 95th percentile and slowest for each, the number of
queries each makes, and whether each is within the target; writes the figures with the machine's
core count and load average to bench/results/. An address that answers an error or sends elsewhere
is shown as not ready, with its status.

    .venv/bin/python bench/dance.py
    .venv/bin/python bench/dance.py --years 2 --rounds 50
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from journal_search import summary  # the same figures as the journal's bench, worked out the same way

HERE = Path(__file__).resolve().parent
TARGET_MS = 150
ADDRESSES = ("/dance/cycle/", "/api/v1/cycle", "/api/v1/cycle.svg", "/insights/", "/api/v1/insights")
WARM_UP = 3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=30, help="how often each address is asked for")
    parser.add_argument("--seed", type=int, default=None, help="the demo generator's seed (its default if left out)")
    args = parser.parse_args()
    if not 0 < args.years <= 10 or not 0 < args.rounds <= 1000:
        parser.error("--years must be between 1 and 10, --rounds between 1 and 1000")

    var_dir = Path(tempfile.mkdtemp(prefix="breathingroom-dance-bench-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="breathingroom.settings",
        VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'bench.sqlite3'}",
        LOG_LEVEL="WARNING",
    )
    for name in ("REDIS_URL", "PRODUCTION", "DEBUG", "ENCRYPTION_KEYS", "BREAK_MINUTE_SECONDS"):
        os.environ.pop(name, None)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from breathingroom.accounts.models import Person
    from breathingroom.demo import history
    from breathingroom.tests.load import couples as load

    call_command("migrate", verbosity=0)
    print(f"Making {args.years} years of the demo couple's history in {var_dir} …", flush=True)
    began = time.perf_counter()
    seed = history.SEED if args.seed is None else args.seed
    demo = history.make(seed=seed, months=args.years * 12)
    made_in = time.perf_counter() - began
    print(f"Made in {made_in:.1f} s: " + ", ".join(f"{n} {label}" for label, n in demo.counts.items() if n))

    viewer = Person.objects.get(email=demo.logins[0].email)
    client = Client(HTTP_HOST=urlsplit(settings.SITE_URL).netloc)
    client.force_login(viewer)

    def timed(address: str) -> tuple[float, float]:
        # The wait, and apart from it this process's own CPU time: on a busy machine the first grows
        # with everything else running, the second hardly at all.
        began, began_cpu = time.perf_counter(), time.process_time()
        client.get(address)
        return (time.perf_counter() - began) * 1000, (time.process_time() - began_cpu) * 1000

    load_before = load.machine()
    measured: dict[str, dict[str, Any]] = {}
    for address in ADDRESSES:
        answer = client.get(address)
        for _ in range(WARM_UP - 1):
            client.get(address)
        # Counted once warm, apart from the timed rounds (counting slows each query a little).
        with CaptureQueriesContext(connection) as queries:
            client.get(address)
        row: dict[str, Any] = {"status": answer.status_code, "queries": len(queries)}
        if answer.status_code != 200:
            measured[address] = {**row, "ready": False}
            continue
        times = [timed(address) for _ in range(args.rounds)]
        wall, cpu = summary([t for t, _ in times]), summary([c for _, c in times])
        measured[address] = {
            **row,
            "ready": True,
            "bytes": len(answer.content),
            **wall,
            "cpu": cpu,
            "under_target": wall["p95_ms"] < TARGET_MS,
        }
    load_after = load.machine()

    result = {
        "at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "measured": "server time in this process: Django's test client, every middleware, the view and its queries",
        "years": args.years,
        "seed": seed,
        "history": demo.counts,
        "made_in_s": round(made_in, 2),
        "rounds": args.rounds,
        "warm_up": WARM_UP,
        "target_ms": TARGET_MS,
        "machine": {
            "cores": load_before["cores"],
            "load_average_before": load_before["load_average"],
            "load_average_after": load_after["load_average"],
        },
        "addresses": measured,
    }
    print_table(result)
    out = HERE / "results" / f"dance-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nWritten to {out.relative_to(HERE.parent)}")
    connection.close()
    shutil.rmtree(var_dir, ignore_errors=True)
    return 0


def print_table(result: dict[str, Any]) -> None:
    rows: list[tuple[object, ...]] = [
        ("address", "status", "queries", "p50 ms", "p95 ms", "max ms", "CPU p50", "target")
    ]
    for address, m in result["addresses"].items():
        if not m["ready"]:
            rows.append((address, m["status"], m["queries"], "", "", "", "", "not ready"))
            continue
        verdict = f"under {result['target_ms']} ms" if m["under_target"] else f"OVER {result['target_ms']} ms"
        rows.append(
            (address, m["status"], m["queries"], m["p50_ms"], m["p95_ms"], m["max_ms"], m["cpu"]["p50_ms"], verdict)
        )
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    print()
    for row in rows:
        cells = [
            str(v).ljust(w) if i in (0, 7) else str(v).rjust(w)
            for i, (v, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())
    h, m = result["history"], result["machine"]
    print(
        f"\n{result['years']} years of history ({h['breaks.Break']} breaks, {h['dance.Episode']} episodes, "
        f"{h['dance.Side']} sides, {h['body.CheckIn']} body check-ins), each address {result['rounds']} times "
        f"after {result['warm_up']} to warm up; server time in this process (Django's test client)."
    )
    print(f"Cores {m['cores']}, load average {m['load_average_before']} before, {m['load_average_after']} after")
    if max(m["load_average_before"][0], m["load_average_after"][0]) > (m["cores"] or 1):
        print("The machine was busy with more than this bench: the wait grew with it; the CPU time hardly did.")
    not_ready = [a for a, x in result["addresses"].items() if not x["ready"]]
    if not_ready:
        print("Not ready yet (an error or a redirect): " + ", ".join(not_ready))


if __name__ == "__main__":
    sys.exit(main())
