"""What bench/notify.py and bench/pages.py share: the app started as the Procfile starts it, people signed in
straight in the database, a process's memory, the server's complaints, and the figures written out.

Imported before Django is set up; everything that needs Django imports it inside the function.
"""

from __future__ import annotations

import json
import os
import re
import resource
import secrets
import time
from collections import Counter
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person
    from breathingroom.tests.servers import AppProcess, AppProcesses

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
# The words in a server's log that say something went wrong, whatever logged it.
TROUBLE = ("ERROR", "CRITICAL", "WARNING", "Internal Server Error", "database is locked")
# The last line of a traceback: "redis.exceptions.MaxConnectionsError: Too many connections".
EXCEPTION = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Warning|Exit|Interrupt)\b")
STAMP = re.compile(r"^\d\d:\d\d:\d\d\.\d+ ")


def environment(var_dir: Path, database_url: str = "", redis_url: str = "") -> None:
    """The embedded default, as ``make run`` serves it (a fresh SQLite file, no Redis), or the database and
    Redis given; production off either way.
    """
    os.environ.update(
        DJANGO_SETTINGS_MODULE="breathingroom.settings",
        VAR_DIR=str(var_dir),
        DATABASE_URL=database_url or f"sqlite:///{var_dir / 'bench.sqlite3'}",
        LOG_LEVEL="WARNING",
    )
    for name in ("PRODUCTION", "DEBUG", "BREAK_MINUTE_SECONDS", "ENCRYPTION_KEYS", "REDIS_URL"):
        os.environ.pop(name, None)
    if redis_url:
        os.environ["REDIS_URL"] = redis_url


def open_files(wanted: int) -> int:
    """Raise this process's soft limit on open files towards ``wanted`` (children inherit it); the limit now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    ceiling = hard if hard != resource.RLIM_INFINITY else wanted
    if soft < min(wanted, ceiling):
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, ceiling), hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def web(processes: AppProcesses, name: str = "web", redis_url: str | None = None) -> AppProcess:
    """A uvicorn process with exactly the Procfile's options, on a free port of loopback."""
    process = processes.web(name, redis_url=redis_url, start=False, graceful_seconds=5)
    from breathingroom.tests.servers import procfile_flags

    process.argv += procfile_flags(process.argv)
    return process.start()


def signed_in(count: int, tag: str) -> list[tuple[Person, str]]:
    """``count`` new people, each with a session in the database, as signing in would leave it: (person, key).

    Made in bulk without hashing any password (none is usable), so ten thousand take seconds. The
    session key signs in a browser as its ``sessionid`` cookie and an app as its X-Session-Token.
    """
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from breathingroom.accounts.models import Person

    people = Person.objects.bulk_create(
        [
            Person(email=f"{tag}-{i}@bench.example", display_name=f"P{i}", password=make_password(None))
            for i in range(count)
        ],
        batch_size=500,
    )
    if people and people[0].pk is None:  # a backend that does not return keys from a bulk insert
        people = list(Person.objects.filter(email__endswith="@bench.example", email__startswith=f"{tag}-"))
    store = SessionStore()
    expires = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    keys = [secrets.token_hex(16) for _ in people]
    Session.objects.bulk_create(
        [
            Session(
                session_key=key,
                session_data=store.encode(
                    {
                        SESSION_KEY: str(person.pk),
                        BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
                        HASH_SESSION_KEY: person.get_session_auth_hash(),
                    }
                ),
                expire_date=expires,
            )
            for person, key in zip(people, keys, strict=True)
        ],
        batch_size=500,
    )
    return list(zip(people, keys, strict=True))


def rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and every process under it, in kB (VmRSS, as /proc says it)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue
    return total


class Troubles:
    """What the processes log that says something went wrong, read a part at a time: each part's kinds, counted.

    A kind is an exception's last line (its type and message) or a warning or error line without its time,
    so ten thousand identical tracebacks are one line with a count.
    """

    def __init__(self, processes: Sequence[AppProcess]) -> None:
        self.processes = processes
        self.read: dict[str, int] = {}

    def since_last(self) -> dict[str, int]:
        kinds: Counter[str] = Counter()
        for process in self.processes:
            text = process.logged()
            new, self.read[process.name] = text[self.read.get(process.name, 0) :], len(text)
            for line in new.splitlines():
                if EXCEPTION.match(line) or (any(word in line for word in TROUBLE) and "Traceback" not in line):
                    kinds[f"[{process.name}] {STAMP.sub('', line)[:300]}"] += 1
        return dict(kinds.most_common(25))


def machine() -> dict[str, Any]:
    return {"cores": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()]}


def stamp(before: dict[str, Any]) -> dict[str, Any]:
    """When a run ended, and the machine it ran on: its cores, and its load average before (``machine()``) and now."""
    return {
        "at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "cores": before["cores"],
            "load_average_before": before["load_average"],
            "load_average_after": machine()["load_average"],
        },
    }


def write(name: str, result: dict[str, Any]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    return out


def table(rows: Sequence[Sequence[object]]) -> str:
    """Rows as aligned columns: the first left, the rest right, the first row a heading."""
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(str(v).rjust(w) if i else str(v).ljust(w) for i, (v, w) in enumerate(zip(row, widths, strict=True)))
        for row in rows
    )
