"""``make bench``: many couples at once against the embedded default, as ``make run`` serves it.

A fresh SQLite file in a temporary folder, one uvicorn and one worker (the Procfile's commands),
every couple made straight in the database, then each loops take space / current / end over
loopback HTTP for a bounded time. Prints a table, and writes the figures with the machine's core
count and load average to bench/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--couples", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=90)
    parser.add_argument("--health-seconds", type=float, default=15, help="how long /healthz is measured alone")
    args = parser.parse_args()
    if not 0 < args.seconds <= 300:
        parser.error("--seconds must be between 0 and 300")

    var_dir = Path(tempfile.mkdtemp(prefix="breathingroom-bench-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="breathingroom.settings",
        VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'bench.sqlite3'}",
        LOG_LEVEL="WARNING",
    )
    for name in ("REDIS_URL", "PRODUCTION", "DEBUG", "BREAK_MINUTE_SECONDS"):
        os.environ.pop(name, None)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    from breathingroom.tests.load import couples as load
    from breathingroom.tests.servers import AppProcesses

    call_command("migrate", verbosity=0)
    print(f"Making {args.couples} couples in {var_dir} …", flush=True)
    couples = load.prepare(args.couples)
    connections.close_all()

    processes = AppProcesses(tmp_path=var_dir, secret_key=settings.SECRET_KEY, var_dir=str(var_dir))
    try:
        web = processes.web(graceful_seconds=5)
        processes.worker(interval=1)
        load_before = load.machine()
        print(f"/healthz alone, {args.couples} clients, {args.health_seconds:g} s …", flush=True)
        health = load.run_health(web.url, args.couples, args.health_seconds)
        print(f"{args.couples} couples taking space, {args.seconds:g} s …", flush=True)
        tally = load.run(web.url, couples, args.seconds)
        load_after = load.machine()
    finally:
        for process in processes.started:
            process.stop()
    lost = load.lost(tally)

    result = {
        "at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "couples": args.couples,
        "machine": {
            "cores": load_before["cores"],
            "load_average_before": load_before["load_average"],
            "load_average_after": load_after["load_average"],
        },
        "breaks": tally.summary(),
        "healthz": health.summary(),
        "lost": lost,
        "server_errors_logged": [
            line for p in processes.started for line in p.logged().splitlines() if "database is locked" in line
        ][:20],
    }
    ratio = result["breaks"]["requests_per_second"] / (result["healthz"]["requests_per_second"] or 1)
    result["ratio_to_healthz"] = round(ratio, 3)
    print_table(result)
    out = HERE / "results" / f"{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nWritten to {out.relative_to(HERE.parent)}")
    failed = result["breaks"]["errors"] or any(lost.values())
    return 1 if failed else 0


def print_table(result: dict) -> None:
    rows = [("endpoint", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms")]
    for part in (result["breaks"], result["healthz"]):
        for endpoint, e in part["endpoints"].items():
            rows.append((endpoint, e["requests"], e["errors"], e["p50_ms"], e["p95_ms"], e["p99_ms"], e["max_ms"]))
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    print()
    for row in rows:
        print(
            "  ".join(
                str(v).rjust(w) if i else str(v).ljust(w) for i, (v, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    b, h, m = result["breaks"], result["healthz"], result["machine"]
    print(
        f"\n{result['couples']} couples for {b['seconds']} s: {b['requests']} requests, {b['errors']} errors, "
        f"{b['requests_per_second']} requests/s; /healthz alone: {h['requests_per_second']} requests/s "
        f"(ratio {result['ratio_to_healthz']})"
    )
    print(
        f"Lost: {sum(len(v) for v in result['lost'].values())}; cores {m['cores']}, "
        f"load average {m['load_average_before']} before, {m['load_average_after']} after"
    )
    for line in b["first_errors"][:5]:
        print("  first errors:", line)


if __name__ == "__main__":
    sys.exit(main())
