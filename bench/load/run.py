"""``make load``: simulated couples running the whole loop, driven by locust, against real processes.

Two setups, one after the other by default (each in a process of its own, since each has its own
settings): ``--scale``, PostgreSQL and Redis with several web processes (``uvicorn --workers``) and
two workers, 500 couples; then ``--embedded``, the embedded default as ``make run`` serves it
(SQLite in a temporary folder, one web process, one worker), 100 couples. Each runs five minutes.

The couples are made straight in the database with app session tokens
(``breathingroom/tests/load/couples.py``) and handed to locust in a JSON file. Break minutes run as
seconds (``BREAK_MINUTE_SECONDS=1``), so a whole loop takes tens of seconds. locust runs headless
in a subprocess, loopback only and bounded in time. Prints requests, failures and p50/p95/p99 per
endpoint and in total, writes them with the machine's core count and load average to
``bench/results/load-*.json``, and exits non-zero on any failure, printing each one and the
servers' error lines.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LOCUSTFILE = HERE / "locustfile.py"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
# A Redis database the suite's processes never use (they take 1 to 15 by their xdist number, and
# the default run has two).
REDIS = "redis://127.0.0.1:6379/14"
# Spawning every couple at once would have them all take space in the same second; over this long
# they start as couples do, at their own moments.
RAMP_SECONDS = 20
# What locust may take beyond the run itself: starting, stopping its users, writing its files.
LOCUST_GRACE = 120
# What the servers' logs say of an error: uvicorn's timed lines, and Django's plain ones.
SERVER_ERROR_MARKS = (" ERROR ", " CRITICAL ", "Traceback (most recent call last)", "Internal Server Error")
DEFAULT_COUPLES = {"scale": 500, "embedded": 100}
# Entries of locust's statistics that are not requests: whole loops, and the worker's call back.
NOT_REQUESTS = ("LOOP", "WORKER", "EVENT")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    setup = parser.add_mutually_exclusive_group()
    setup.add_argument("--scale", action="store_true", help="only PostgreSQL + Redis with several processes")
    setup.add_argument("--embedded", action="store_true", help="only the embedded default (SQLite, one of each)")
    parser.add_argument("--couples", type=int, help="couples at once (default: 500 with --scale, 100 embedded)")
    parser.add_argument("--seconds", type=int, default=300, help="how long locust runs (default: 300)")
    parser.add_argument(
        "--web-processes",
        type=int,
        default=os.cpu_count() or 2,
        help="uvicorn --workers with --scale (default: a core each)",
    )
    parser.add_argument("--workers", type=int, default=2, help="worker processes with --scale (default: 2)")
    parser.add_argument("--think", type=float, default=2.0, help="seconds a person pauses between taps, on average (2)")
    parser.add_argument("--out", type=Path, help="where to write the JSON (default: bench/results/load-*.json)")
    args = parser.parse_args()
    if not 0 < args.seconds <= 900:
        parser.error("--seconds must be between 1 and 900")
    if args.scale or args.embedded:
        return run("scale" if args.scale else "embedded", args)
    # Both, each in a process of its own: Django is set up once per process, on one database.
    if args.out:
        parser.error("--out names one run's file: give --scale or --embedded with it")
    passed = sys.argv[1:]
    # This very script again, with the arguments it was given.
    codes = [subprocess.call([sys.executable, __file__, flag, *passed]) for flag in ("--scale", "--embedded")]  # noqa: S603
    return max(codes)


def run(kind: str, args: argparse.Namespace) -> int:
    couples_n = args.couples or DEFAULT_COUPLES[kind]
    var_dir = Path(tempfile.mkdtemp(prefix=f"breathingroom-load-{kind}-"))
    with database(kind, var_dir) as (database_url, redis_url):
        os.environ.update(
            DJANGO_SETTINGS_MODULE="breathingroom.settings",
            VAR_DIR=str(var_dir),
            DATABASE_URL=database_url,
            LOG_LEVEL="WARNING",
        )
        for name in ("REDIS_URL", "PRODUCTION", "DEBUG", "BREAK_MINUTE_SECONDS"):
            os.environ.pop(name, None)
        if redis_url:
            os.environ["REDIS_URL"] = redis_url
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connections

        from breathingroom.tests.load import couples as load
        from breathingroom.tests.servers import AppProcesses, procfile_flags

        call_command("migrate", verbosity=0)
        print(f"[{kind}] Making {couples_n} couples …", flush=True)
        couples = load.prepare(couples_n)
        couples_file = var_dir / "couples.json"
        couples_file.write_text(json.dumps([{"taker": c.taker_token, "partner": c.partner_token} for c in couples]))
        connections.close_all()

        processes = AppProcesses(tmp_path=var_dir, secret_key=settings.SECRET_KEY, var_dir=str(var_dir))
        try:
            web = processes.web(redis_url=redis_url, minute_seconds=1, graceful_seconds=5, start=False)
            web.argv += procfile_flags(web.argv)
            if kind == "scale":
                web.argv += ["--workers", str(args.web_processes)]
            web.start()
            for i in range(args.workers if kind == "scale" else 1):
                processes.worker(f"worker-{i + 1}", redis_url=redis_url, minute_seconds=1, interval=1)
            load_before = load.machine()
            print(f"[{kind}] {couples_n} couples for {args.seconds} s against {web.url} …", flush=True)
            locust = run_locust(web.url, couples_file, couples_n, args, var_dir)
            load_after = load.machine()
        finally:
            for process in processes.started:
                process.stop()
        server_errors = [
            f"{p.name}: {line}"
            for p in processes.started
            for line in p.logged().splitlines()
            if any(mark in line for mark in SERVER_ERROR_MARKS)
        ]

    result = summarise(locust, var_dir, args.seconds)
    result.update(
        at=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        setup=setup_of(kind, args),
        couples=couples_n,
        seconds=args.seconds,
        think_seconds=args.think,
        machine={
            "cores": load_before["cores"],
            "load_average_before": load_before["load_average"],
            "load_average_after": load_after["load_average"],
        },
        locust_exit_code=locust.returncode,
        server_errors_logged=server_errors[:50],
        logs=str(var_dir),
    )
    print_table(result)
    out = args.out or HERE.parent / "results" / f"load-{kind}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nWritten to {out}; logs in {var_dir}")
    stuck = [i for i, n in enumerate(result["loops_per_couple"]) if n == 0]
    failed = result["total"]["failures"] or server_errors or stuck or locust.returncode not in (0, 1)
    if stuck:
        print(f"{len(stuck)} couples never finished a whole loop (by their place in the list): {stuck[:20]}")
    for line in server_errors[:20]:
        print("  server:", line)
    return 1 if failed else 0


def setup_of(kind: str, args: argparse.Namespace) -> dict[str, object]:
    if kind == "scale":
        return {
            "database": "postgresql",
            "redis": True,
            "web_processes": args.web_processes,
            "workers": args.workers,
        }
    return {"database": "sqlite", "redis": False, "web_processes": 1, "workers": 1}


@contextmanager
def database(kind: str, var_dir: Path) -> Iterator[tuple[str, str | None]]:
    """A database of this run's own: a SQLite file in ``var_dir``, or a fresh PostgreSQL database, dropped after."""
    if kind == "embedded":
        yield f"sqlite:///{var_dir / 'load.sqlite3'}", None
        return
    import psycopg
    import redis

    name = f"breathingroom_load_{os.getpid()}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    store = redis.Redis.from_url(REDIS)
    store.flushdb()
    try:
        yield f"{POSTGRES}/{name}", REDIS
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        store.flushdb()


def run_locust(
    url: str, couples_file: Path, users: int, args: argparse.Namespace, var_dir: Path
) -> subprocess.CompletedProcess[bytes]:
    assert url.startswith("http://127.0.0.1:"), "loopback only"
    rate = max(users / RAMP_SECONDS, min(users, 10))
    env = {
        **os.environ,
        "LOAD_COUPLES": str(couples_file),
        "LOAD_REPORT": str(var_dir / "locust-report.json"),
        "LOAD_THINK_SECONDS": str(args.think),
    }
    argv = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--only-summary",
        "-u",
        str(users),
        "-r",
        f"{rate:g}",
        "-t",
        f"{args.seconds}s",
        "--host",
        url,
        "--csv",
        str(var_dir / "locust"),
        "--json-file",
        str(var_dir / "locust"),
        "--logfile",
        str(var_dir / "locust.log"),
        "--loglevel",
        "WARNING",
    ]
    with (var_dir / "locust.out").open("wb") as out:
        return subprocess.run(  # noqa: S603 (locust from this virtualenv, on arguments made here)
            argv, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, timeout=args.seconds + LOCUST_GRACE
        )


def summarise(locust: subprocess.CompletedProcess[bytes], var_dir: Path, seconds: int) -> dict[str, Any]:
    """locust's figures per endpoint and in total, its failures, and each couple's whole loops."""
    from breathingroom.tests.load.couples import percentiles

    stats_file, report_file = var_dir / "locust.json", var_dir / "locust-report.json"
    if not stats_file.exists() or not report_file.exists():
        out = (var_dir / "locust.out").read_text(errors="replace")[-3000:]
        raise RuntimeError(f"locust left no figures (exit code {locust.returncode}):\n{out}")
    entries = json.loads(stats_file.read_text())
    rows: dict[str, dict[str, Any]] = {}
    everything: list[float] = []
    requests = failures = 0
    for entry in sorted(entries, key=lambda e: (e["method"] in NOT_REQUESTS, e["name"], e["method"])):
        took = [int(ms) / 1000 for ms, n in entry["response_times"].items() for _ in range(n)]
        rows[f"{entry['method']} {entry['name']}"] = {
            "requests": entry["num_requests"],
            "failures": entry["num_failures"],
            **percentiles(took),
        }
        if entry["method"] not in NOT_REQUESTS:
            everything += took
            requests += entry["num_requests"]
        failures += entry["num_failures"]
    with (var_dir / "locust_failures.csv").open() as f:
        failed = [
            {"method": r["Method"], "name": r["Name"], "error": r["Error"], "occurrences": int(r["Occurrences"])}
            for r in csv.DictReader(f)
        ]
    loops = json.loads(report_file.read_text())["loops"]
    return {
        "endpoints": rows,
        "total": {
            "requests": requests,
            "failures": failures,
            "requests_per_second": round(requests / seconds, 1),
            **percentiles(everything),
        },
        "whole_loops": sum(loops),
        "loops_per_couple": loops,
        "failures": failed,
    }


def print_table(result: dict[str, Any]) -> None:
    head = ("", "requests", "failures", "p50 ms", "p95 ms", "p99 ms", "max ms")
    rows = [head]
    for name, e in result["endpoints"].items():
        rows.append((name, e["requests"], e["failures"], e["p50_ms"], e["p95_ms"], e["p99_ms"], e["max_ms"]))
    t = result["total"]
    rows.append(("all requests", t["requests"], t["failures"], t["p50_ms"], t["p95_ms"], t["p99_ms"], t["max_ms"]))
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(head))]
    print()
    for row in rows:
        cells = (str(v).rjust(w) if i else str(v).ljust(w) for i, (v, w) in enumerate(zip(row, widths, strict=True)))
        print("  ".join(cells))
    s, m, loops = result["setup"], result["machine"], result["loops_per_couple"]
    print(
        f"\n{result['couples']} couples for {result['seconds']} s on {s['database']}"
        f"{' + Redis' if s['redis'] else ''}, {s['web_processes']} web process(es), {s['workers']} worker(s): "
        f"{t['requests']} requests ({t['requests_per_second']}/s), {t['failures']} failures, "
        f"{result['whole_loops']} whole loops (each couple {min(loops, default=0)} to {max(loops, default=0)})"
    )
    print(
        f"Cores {m['cores']}, load average {m['load_average_before']} before, {m['load_average_after']} after"
        " (LOOP: a whole loop, both partners; WORKER: the call back's lag behind the agreed time)"
    )
    for f in result["failures"][:30]:
        print(f"  failure: {f['occurrences']}x {f['method']} {f['name']}: {f['error'][:300]}")


if __name__ == "__main__":
    sys.exit(main())
