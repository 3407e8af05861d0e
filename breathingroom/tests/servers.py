"""Real servers for the fault tests: a private Redis a test can stop and start, and the app's own
processes (uvicorn, the worker) as subprocesses on the test database.

Nothing here is mocked: a stopped Redis is a killed ``redis-server``, a crashed worker is a
SIGKILLed ``manage.py worker``. The subprocesses read the very database the test writes (so the
test must commit: the fixtures ask for ``transactional_db``) and are always ended at teardown.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = Path("/usr/bin/redis-server")
# Variables of the test run that must not leak into the app's processes: each is set on purpose.
OWN_VARIABLES = {
    "DATABASE_URL",
    "REDIS_URL",
    "SITE_URL",
    "ALLOWED_HOSTS",
    "BREAK_MINUTE_SECONDS",
    "PRODUCTION",
    "DEBUG",
    "SECRET_KEY",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}
# How long a process may take to stop when asked before it is killed.
STOP_WITHIN = 5.0


def procfile_options() -> list[tuple[str, str | None]]:
    """The Procfile web command's options, each with its value (None for a flag), host and port left out."""
    line = next(line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:"))
    words = shlex.split(line.removeprefix("web:"))
    words = words[words.index("breathingroom.asgi:application") + 1 :]
    options: list[tuple[str, str | None]] = []
    i = 0
    while i < len(words):
        takes_value = i + 1 < len(words) and not words[i + 1].startswith("--")
        if words[i] not in ("--host", "--port"):
            options.append((words[i], words[i + 1] if takes_value else None))
        i += 1 + takes_value
    return options


def procfile_flags(argv: Sequence[str], leave: Sequence[str] = ()) -> list[str]:
    """The Procfile web command's options that ``argv`` lacks, less those in ``leave``.

    What starts the app for tests, benchmarks and load runs takes its options from here, so a flag the
    Procfile gains reaches all of them.
    """
    extra: list[str] = []
    for name, value in procfile_options():
        if name not in argv and name not in leave:
            extra += [name] if value is None else [name, value]
    return extra


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path, lines: int = 60) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


# --- Redis ------------------------------------------------------------------------------------------


@dataclass
class RedisServer:
    """A ``redis-server`` of the test's own, on a port of its own, that keeps nothing on disk."""

    port: int
    log: Path
    process: subprocess.Popen[bytes] | None = None
    paused: bool = False

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        assert self.process is None, "already running"
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    str(REDIS_SERVER),
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.log.parent,
            )
        deadline = time.monotonic() + 10
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on {self.port}:\n{_tail(self.log)}")
            time.sleep(0.02)

    def kill(self) -> None:
        """Gone at once, as a crash or an OOM kill would leave it: connections reset, nothing flushed."""
        if self.process is None:
            return
        if self.paused:
            self.resume()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process = None

    def shutdown(self) -> None:
        """Stopped the way an operator stops it (``SHUTDOWN NOSAVE``)."""
        if self.process is None:
            return
        if self.paused:
            self.resume()
        import redis

        # The connection closes as it shuts down, which redis-py reports as an error.
        with contextlib.suppress(redis.RedisError):
            redis.Redis(port=self.port, socket_timeout=2).shutdown(nosave=True)
        try:
            self.process.wait(timeout=STOP_WITHIN)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def pause(self) -> None:
        """Frozen (SIGSTOP): connections stay open and nothing answers, like a hung server."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)
        self.paused = True

    def resume(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)
        self.paused = False

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[RedisServer]:
    """A running Redis that this test alone uses, and may kill, freeze and start again."""
    if not REDIS_SERVER.exists():
        pytest.skip(f"These tests stop and start a Redis of their own, and need {REDIS_SERVER}, which is missing.")
    server = RedisServer(port=free_port(), log=tmp_path / "redis.log")
    server.start()
    try:
        yield server
    finally:
        server.kill()


# --- The app's processes ----------------------------------------------------------------------------


def database_url() -> str:
    """The test database as a DATABASE_URL, for another process to open the same data."""
    from django.db import connection

    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return "sqlite:///" + str(Path(s["NAME"]).resolve())
    if connection.vendor == "postgresql":
        user = quote(s["USER"] or "", safe="")
        password = f":{quote(s['PASSWORD'], safe='')}" if s["PASSWORD"] else ""
        host = s["HOST"] or "127.0.0.1"
        port = f":{s['PORT']}" if s["PORT"] else ""
        return f"postgres://{user}{password}@{host}{port}/{quote(s['NAME'], safe='')}"
    raise NotImplementedError(connection.vendor)


@dataclass
class AppProcess:
    """One of the app's processes: ``start``, ``stop`` (asked, then killed), ``kill``; ``start`` again after either."""

    name: str
    argv: list[str]
    env: dict[str, str]
    log: Path
    url: str = ""  # for a web process
    process: subprocess.Popen[bytes] | None = None
    # Seconds each stop took, and whether it had to be killed: a graceful stop that stalls shows here.
    stops: list[tuple[float, bool]] = field(default_factory=list)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, wait: bool = True) -> AppProcess:
        assert not self.running, f"{self.name} is already running"
        with self.log.open("ab") as log:
            log.write(f"\n===== {self.name} starting: {' '.join(self.argv)}\n".encode())
            log.flush()
            self.process = subprocess.Popen(self.argv, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not self._ready():
            if not self.running:
                raise RuntimeError(f"{self.name} exited while starting:\n{self.output()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name} was not ready within {timeout} s:\n{self.output()}")
            time.sleep(0.05)

    def _ready(self) -> bool:
        if self.url:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:  # noqa: S310
                    return response.status == 200
            except (OSError, urllib.error.HTTPError):
                return False
        # The worker says so once its queue loop starts; its housekeeping thread started just before.
        return "Starting worker" in self.log.read_text(errors="replace").rsplit("===== ", 1)[-1]

    def stop(self, within: float = STOP_WITHIN) -> float:
        """Ask it to stop (SIGTERM), as a deploy or Ctrl-C would; kill it if it has not within ``within``."""
        if not self.running:
            self.process = None
            return 0.0
        assert self.process is not None
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        killed = False
        try:
            self.process.wait(timeout=within)
        except subprocess.TimeoutExpired:
            killed = True
            self.process.kill()
            self.process.wait(timeout=10)
        took = time.monotonic() - started
        self.stops.append((took, killed))
        self.process = None
        return took

    def kill(self) -> None:
        """Gone at once (SIGKILL), mid-whatever, as a crash or the OOM killer would leave it."""
        if self.process is None:
            return
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process = None

    def output(self) -> str:
        return f"--- {self.name} ({self.log}) ---\n{_tail(self.log)}"

    def logged(self) -> str:
        return self.log.read_text(errors="replace")


# uvicorn's own format has no times; these logs are read to see what happened when.
LOG_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "timed": {"format": "%(asctime)s.%(msecs)03d %(levelname)s %(name)s: %(message)s", "datefmt": "%H:%M:%S"}
    },
    "handlers": {"out": {"class": "logging.StreamHandler", "formatter": "timed", "stream": "ext://sys.stderr"}},
    # Django configures the root logger itself once the app loads; uvicorn's loggers keep this one.
    "loggers": {
        "uvicorn": {"handlers": ["out"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": ["out"], "level": "INFO", "propagate": False},
    },
}


@dataclass
class AppProcesses:
    """Starts the app's processes for one test; every one is ended at teardown."""

    tmp_path: Path
    secret_key: str
    var_dir: str
    started: list[AppProcess] = field(default_factory=list)

    def _env(self, *, site_url: str, redis_url: str | None, minute_seconds: int) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in OWN_VARIABLES}
        env.update(
            DJANGO_SETTINGS_MODULE="breathingroom.settings",
            DATABASE_URL=database_url(),
            SITE_URL=site_url,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            BREAK_MINUTE_SECONDS=str(minute_seconds),
            SECRET_KEY=self.secret_key,
            VAR_DIR=self.var_dir,
            PYTHONUNBUFFERED="1",
            LOG_LEVEL="INFO",
        )
        if redis_url:
            env["REDIS_URL"] = redis_url
        return env

    def _log_config(self) -> Path:
        path = self.tmp_path / "uvicorn-logging.json"
        path.write_text(json.dumps(LOG_CONFIG))
        return path

    def web(
        self,
        name: str = "web",
        *,
        redis_url: str | None = None,
        minute_seconds: int = 60,
        start: bool = True,
        graceful_seconds: int | None = 2,
    ) -> AppProcess:
        """``uvicorn breathingroom.asgi:application`` on a free port, as the Procfile runs it.

        ``graceful_seconds`` bounds how long a stop waits for open connections (None: uvicorn's
        default, for ever), so a socket still waiting on Redis cannot hold a stop open.
        """
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        argv = [
            sys.executable,
            "-m",
            "uvicorn",
            "breathingroom.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-config",
            str(self._log_config()),
        ]
        if graceful_seconds is not None:
            argv += ["--timeout-graceful-shutdown", str(graceful_seconds)]
        # The tests read the access log to see which requests were made.
        argv += procfile_flags(argv, leave=("--no-access-log",))
        process = AppProcess(
            name=name,
            argv=argv,
            env=self._env(site_url=url, redis_url=redis_url, minute_seconds=minute_seconds),
            log=self.tmp_path / f"{name}.log",
            url=url,
        )
        self.started.append(process)
        return process.start() if start else process

    def worker(
        self,
        name: str = "worker",
        *,
        redis_url: str | None = None,
        minute_seconds: int = 60,
        start: bool = True,
        interval: float = 0.2,
    ) -> AppProcess:
        """``manage.py worker``: the task queue and the housekeeping that catches reminders up."""
        argv = [sys.executable, "manage.py", "worker", "--interval", str(interval), "--no-startup-delay"]
        argv += ["--worker-id", name]
        process = AppProcess(
            name=name,
            argv=argv,
            env=self._env(site_url="http://127.0.0.1:8000", redis_url=redis_url, minute_seconds=minute_seconds),
            log=self.tmp_path / f"{name}.log",
        )
        self.started.append(process)
        return process.start() if start else process

    def stop_all(self) -> None:
        for process in self.started:
            process.stop()
            # Shown by pytest only when the test failed.
            print(process.output())


@pytest.fixture
def app_processes(transactional_db, tmp_path: Path, settings) -> Iterator[AppProcesses]:
    """Start uvicorn and worker processes on the test database; all are stopped at teardown.

    The database is this test's, so the test must commit what the processes should see: hence
    ``transactional_db``. Stopped before pytest-django empties the tables, which needs them gone.
    """
    processes = AppProcesses(tmp_path=tmp_path, secret_key=settings.SECRET_KEY, var_dir=str(settings.VAR_DIR))
    try:
        yield processes
    finally:
        processes.stop_all()


def wait_for(condition: Callable[[], object], timeout: float, what: str, every: float = 0.1) -> object:
    """Poll ``condition`` until it returns something truthy; fail, saying ``what``, after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"Not within {timeout} s: {what}")
        time.sleep(every)


# --- Phones on those processes ----------------------------------------------------------------------

# Everything a page hears from live.js, with the state it was in: proof of what came over the socket.
RECORD = """() => {
    window.__stillTheSamePage = true;
    window.heard = [];
    window.states = [{state: document.body.dataset.liveState, at: Date.now()}];
    document.body.addEventListener("br:event", (e) => {
        const state = document.body.dataset.liveState;
        window.heard.push({id: e.detail.id, type: e.detail.type, at: Date.now(), state});
    });
    new MutationObserver(() => {
        const state = document.body.dataset.liveState;
        if (window.states.at(-1).state !== state) window.states.push({state, at: Date.now()});
    }).observe(document.body, {attributes: true, attributeFilter: ["data-live-state"]});
}"""


# Every socket the page opens and how it ends, from before any script of the page runs: when a
# page stays offline, this says whether it tried at all.
SOCKET_LOG = """(() => {
    const Native = window.WebSocket;
    window.sockets = [];
    window.WebSocket = function (url, protocols) {
        const ws = new Native(url, protocols);
        const note = (what, extra) => window.sockets.push({what, at: Date.now(), url: String(url), ...extra});
        note("new");
        ws.addEventListener("open", () => note("open"));
        ws.addEventListener("error", () => note("error"));
        ws.addEventListener("close", (e) => note("close", {code: e.code}));
        return ws;
    };
    window.WebSocket.prototype = Native.prototype;
    Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();"""


@dataclass
class Phones:
    """Phone-sized browser contexts, one per person, each on the app process given."""

    browser: object
    problems: object
    contexts: list[object] = field(default_factory=list)

    def open(self, base_url: str, person: object, timezone_id: str = "Europe/London") -> object:
        from django.conf import settings

        from breathingroom.conftest import client_for
        from breathingroom.tests.browser.conftest import PHONE

        context = self.browser.new_context(  # type: ignore[attr-defined]
            base_url=base_url,
            viewport=PHONE,
            screen=PHONE,
            device_scale_factor=1,
            is_mobile=True,
            has_touch=True,
            timezone_id=timezone_id,
            # The service worker's fetching for offline use is for the tests about it.
            service_workers="block",
        )
        context.set_default_timeout(10_000)
        context.add_init_script(SOCKET_LOG)
        self.contexts.append(context)
        who = person.display_name  # type: ignore[attr-defined]
        problems = self.problems

        def watch(page) -> None:
            page.on("console", lambda m: m.type == "error" and problems.items.append(f"[{who}] console: {m.text}"))
            page.on("pageerror", lambda e: problems.items.append(f"[{who}] uncaught: {e}"))
            page.on("response", lambda r: r.status >= 500 and problems.items.append(f"[{who}] {r.status} {r.url}"))

        context.on("page", watch)
        # Signed in with a session in the database, as the login page would leave it: no cache needed.
        cookie = client_for(person).cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])
        return context.new_page()

    def close(self) -> None:
        for context in self.contexts:
            context.close()  # type: ignore[attr-defined]


@pytest.fixture
def phones(browser, problems) -> Iterator[Phones]:
    opened = Phones(browser=browser, problems=problems)
    try:
        yield opened
    finally:
        opened.close()


def go_live(page, path: str = "/") -> None:
    """Open ``path``, wait for its socket, and start recording what the page hears."""
    from playwright.sync_api import expect

    page.goto(path)
    expect(page.locator("body")).to_have_attribute("data-live-state", "open")
    page.evaluate(RECORD)


def heard(page, *, detail: bool = False) -> list[dict[str, object]]:
    """The events the page heard over its socket since ``go_live``: id and type (and when, in what state)."""
    events = page.evaluate("window.heard")
    return events if detail else [{"id": e["id"], "type": e["type"]} for e in events]


def live_after(page) -> int:
    return int(page.evaluate("document.body.dataset.liveAfter"))


def sockets(page) -> str:
    """What became of each socket the page opened, one line each, with the time: for failure messages."""
    lines = []
    for s in page.evaluate("window.sockets || []"):
        at = time.strftime("%H:%M:%S", time.localtime(s["at"] / 1000)) + f".{s['at'] % 1000:03d}"
        lines.append(f"{at} {s['what']} {s.get('code', '')} {s['url']}")
    return "\n".join(lines)


def assert_not_reloaded(page) -> None:
    assert page.evaluate("window.__stillTheSamePage === true"), "the page was reloaded"


def server_errors(*processes: AppProcess) -> list[str]:
    """HTTP requests the processes answered with a 5xx, from their access logs."""
    return [
        line
        for process in processes
        for line in process.logged().splitlines()
        if "uvicorn.access" in line and line.rstrip()[-3:].startswith("5")
    ]


def unexpected(problems, *allowed: str) -> list[str]:
    """What went wrong in the browsers, less the messages containing any of ``allowed``."""
    return [item for item in problems.items if not any(text in item for text in allowed)]
