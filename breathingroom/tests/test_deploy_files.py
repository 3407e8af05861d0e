"""What an operator installs from deploy/ says what the app needs, and what docs/deploy.md promises works.

The files are read as systemd and nginx read them. Then, on this machine's PostgreSQL and Redis,
`make run-scale`'s processes are started from Procfile.scale and a break reaches the partner's
sockets on both web processes, and a nightly dump is restored into a fresh database and read back.
"""

from __future__ import annotations

import configparser
import contextlib
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import crossplane
import psutil
import pytest
from cryptography.fernet import Fernet
from websockets.sync.client import ClientConnection, connect

from breathingroom.tests.servers import OWN_VARIABLES, RedisServer, free_port, procfile_options, wait_for

# Nothing here reads the suite's own database: each test brings its own files or databases.
pytestmark = pytest.mark.once

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SYSTEMD = DEPLOY / "systemd"
NGINX = DEPLOY / "nginx" / "breathingroom.conf"
ENV_EXAMPLE = DEPLOY / "env.example"
GUIDE = ROOT / "docs" / "deploy.md"
ENVIRONMENT_FILE = "/etc/breathingroom/env"
BIN = Path(sys.executable).parent


# --- The systemd units ------------------------------------------------------------------------------


def unit(name: str) -> configparser.ConfigParser:
    # systemd joins a line ending in a backslash with the next; keys are case-sensitive and may repeat.
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string((SYSTEMD / name).read_text().replace("\\\n", " "))
    return parser


def exec_start(name: str) -> list[str]:
    return shlex.split(unit(name)["Service"]["ExecStart"])


def option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


@pytest.mark.parametrize(
    ("name", "sections"),
    [
        ("breathingroom-web.service", {"Unit", "Service", "Install"}),
        ("breathingroom-worker@.service", {"Unit", "Service", "Install"}),
        # Started by its timer, never enabled on its own.
        ("breathingroom-backup.service", {"Unit", "Service"}),
        ("breathingroom-backup.timer", {"Unit", "Timer", "Install"}),
    ],
)
def test_each_unit_has_the_sections_systemd_expects(name, sections):
    assert set(unit(name).sections()) == sections


def test_the_web_unit_runs_uvicorn_as_the_procfile_does_trusting_only_its_proxy():
    argv = exec_start("breathingroom-web.service")
    assert argv[0].endswith("/uvicorn")
    assert "breathingroom.asgi:application" in argv
    assert "--proxy-headers" in argv
    assert option(argv, "--forwarded-allow-ips") == "${FORWARDED_ALLOW_IPS}"
    assert option(argv, "--workers") == "${WEB_PROCESSES}"
    assert_runs_as_the_procfile(argv)


def test_the_container_runs_uvicorn_as_the_procfile_does():
    command = (DEPLOY / "Containerfile").read_text().split("CMD ", 1)[1].splitlines()[0]
    argv = shlex.split(json.loads(command)[2].removeprefix("exec "))
    assert argv[0] == "uvicorn"
    assert_runs_as_the_procfile(argv)


def assert_runs_as_the_procfile(argv: list[str]) -> None:
    for name, value in procfile_options():
        assert name in argv, f"{name} is in the Procfile's web command but not here"
        if value is not None:
            assert option(argv, name) == value, f"{name} is {value} in the Procfile"


def test_the_worker_template_runs_the_worker_once_per_instance():
    argv = exec_start("breathingroom-worker@.service")
    assert argv[1:4] == ["manage.py", "worker", "--interval"]
    assert "%i" in option(argv, "--worker-id")


def test_the_backup_is_a_custom_format_dump_made_each_night():
    command = " ".join(exec_start("breathingroom-backup.service"))
    assert "/usr/bin/pg_dump --format=custom" in command
    assert unit("breathingroom-backup.service")["Service"]["Type"] == "oneshot"
    timer = unit("breathingroom-backup.timer")["Timer"]
    assert timer["Unit"] == "breathingroom-backup.service"
    assert timer["OnCalendar"].startswith("*-*-* ")


@pytest.mark.parametrize(
    "name", ["breathingroom-web.service", "breathingroom-worker@.service", "breathingroom-backup.service"]
)
def test_every_service_reads_the_environment_file_the_example_is_for(name):
    assert unit(name)["Service"]["EnvironmentFile"] == ENVIRONMENT_FILE
    assert ENV_EXAMPLE.read_text().startswith(f"# {ENVIRONMENT_FILE}: the environment of every")


# --- nginx ------------------------------------------------------------------------------------------


def nginx(site: Path, tmp_path: Path) -> dict[str, Any]:
    """The site as nginx reads it: included inside ``http``, as sites-enabled/ is."""
    main = tmp_path / "nginx.conf"
    main.write_text(f"events {{}}\nhttp {{\n    include {site};\n}}\n")
    return crossplane.parse(str(main), comments=False)


def blocks(directives: list[dict[str, Any]], name: str, *args: str) -> list[dict[str, Any]]:
    """Every directive ``name`` (with these first arguments) at any depth."""
    found = []
    for directive in directives:
        if directive["directive"] == name and directive["args"][: len(args)] == list(args):
            found.append(directive)
        found += blocks(directive.get("block", []), name, *args)
    return found


def values(block: dict[str, Any], name: str) -> list[list[str]]:
    return [d["args"] for d in block["block"] if d["directive"] == name]


def test_the_nginx_site_parses_and_a_broken_one_does_not(tmp_path):
    parsed = nginx(NGINX, tmp_path)
    assert parsed["errors"] == []
    broken = tmp_path / "broken.conf"
    broken.write_text(NGINX.read_text().replace("proxy_http_version 1.1;", "proxy_http_version 1.1", 1))
    assert nginx(broken, tmp_path)["errors"]


def test_nginx_terminates_tls_and_upgrades_sockets_to_the_address_the_web_unit_listens_on(tmp_path):
    site = nginx(NGINX, tmp_path)["config"][1]["parsed"]
    tls, plain = (
        [s for s in blocks(site, "server") if "block" in s and any(a[0] == port for a in values(s, "listen"))]
        for port in ("443", "80")
    )
    assert ["443", "ssl"] in values(tls[0], "listen")
    assert values(tls[0], "ssl_certificate")
    assert values(tls[0], "ssl_certificate_key")
    assert ["301", "https://$host$request_uri"] in values(blocks(plain, "location", "/")[0], "return")

    argv = exec_start("breathingroom-web.service")
    (upstream,) = blocks(site, "upstream")
    assert values(upstream, "server") == [[f"{option(argv, '--host')}:{option(argv, '--port')}"]]
    proxied = f"http://{upstream['args'][0]}"

    (socket,) = blocks(tls, "location", "/ws/")
    assert values(socket, "proxy_pass") == [[proxied]]
    assert values(socket, "proxy_http_version") == [["1.1"]]
    headers = dict(values(socket, "proxy_set_header"))
    assert headers["Upgrade"] == "$http_upgrade"
    assert headers["Connection"] == "upgrade"
    assert headers["X-Forwarded-Proto"] == "$scheme"
    assert headers["X-Forwarded-For"] == "$remote_addr"
    # Pages ping every 25 s; nginx must not close a socket between two pings.
    (timeout,) = values(socket, "proxy_read_timeout")
    assert int(timeout[0].removesuffix("s")) > 25
    assert values(blocks(tls, "location", "/")[0], "proxy_pass") == [[proxied]]


# --- env.example and the guide ----------------------------------------------------------------------

SETTING = re.compile(
    r"""(?:envstr|envint|envbool|envlist|os\.environ\.get|os\.getenv)\(\s*["']([A-Z][A-Z0-9_]*)["']"""
    r"""|os\.environ\[\s*["']([A-Z][A-Z0-9_]*)["']"""
)


def settings_variables() -> set[str]:
    source = (ROOT / "breathingroom" / "settings.py").read_text()
    return {a or b for a, b in SETTING.findall(source)}


def test_the_example_environment_names_every_variable_the_settings_read():
    variables = settings_variables()
    assert {"SECRET_KEY", "DATABASE_URL", "PORT", "PYTEST_XDIST_WORKER"} <= variables  # the search still finds them
    named = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(), re.MULTILINE))
    assert variables - named == set(), "say what each does in deploy/env.example"


def test_the_guide_names_every_file_and_command_it_relies_on():
    guide = GUIDE.read_text()
    files = [p.relative_to(ROOT).as_posix() for p in DEPLOY.rglob("*") if p.is_file() and p.suffix != ".pyc"]
    commands = [
        "make run-scale",
        "manage.py migrate",
        "manage.py worker",
        "pg_dump --format=custom",
        "pg_restore",
        "rotate_encryption_keys",
        "sqlite3",
        "VACUUM INTO",
        "bench/run.py",
        "bench/notify.py",
        "systemctl enable --now breathingroom-worker@",
    ]
    missing = [name for name in [*files, "Procfile.scale", *commands] if name not in guide]
    assert missing == []
    assert "docs/deploy.md" in (ROOT / "README.md").read_text()


def procfile(path: Path) -> dict[str, list[str]]:
    lines = (line.split(":", 1) for line in path.read_text().splitlines() if line.strip())
    return {name: shlex.split(command) for name, command in lines}


def test_the_scaled_procfile_is_the_procfile_with_several_web_processes():
    one, many = procfile(ROOT / "Procfile"), procfile(ROOT / "Procfile.scale")
    assert many["worker"] == one["worker"]
    assert option(many["web"], "--workers") == "$WEB_PROCESSES"
    workers = many["web"].index("--workers")
    assert many["web"][:workers] + many["web"][workers + 2 :] == one["web"]


def test_make_run_scale_makes_the_database_migrates_collects_then_starts_honcho():
    dry = subprocess.run(
        ["make", "-n", "run-scale", "WEB_PROCESSES=3", "WORKERS=4", "PORT=8123"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DATABASE_URL": ""},
    ).stdout
    steps = ["deploy/createdb.py", "manage.py migrate", "manage.py collectstatic", "honcho start"]
    assert [dry.index(step) for step in steps] == sorted(dry.index(step) for step in steps)
    assert "WEB_PROCESSES=3" in dry
    assert "--procfile Procfile.scale --concurrency worker=4" in dry
    assert "APP_PORT=8123" in dry


# --- On PostgreSQL and Redis ------------------------------------------------------------------------

POSTGRES = os.environ.get("CI_DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"


@pytest.fixture(scope="module")
def postgres() -> Iterator[list[str]]:
    """This machine's PostgreSQL; the databases a test makes on it are listed here and dropped after."""
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import make_conninfo

    try:
        psycopg.connect(make_conninfo(POSTGRES, connect_timeout=2)).close()
    except psycopg.OperationalError as error:
        pytest.skip(f"Scaling out and restoring a backup need PostgreSQL at {POSTGRES} (CI_DATABASE_URL): {error}")
    made: list[str] = []
    yield made
    with psycopg.connect(make_conninfo(POSTGRES, dbname="postgres"), autocommit=True) as server:
        for name in made:
            server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def database(postgres: list[str], label: str) -> str:
    name = f"breathingroom_{label}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    postgres.append(name)
    return urlsplit(POSTGRES)._replace(path=f"/{name}").geturl()


class Machine:
    """The app's commands, run as an operator runs them, with the same keys every time."""

    def __init__(self, var_dir: Path) -> None:
        self.env = {k: v for k, v in os.environ.items() if k not in OWN_VARIABLES | {"ENCRYPTION_KEYS"}}
        self.env.update(
            DJANGO_SETTINGS_MODULE="breathingroom.settings",
            VAR_DIR=str(var_dir),
            SECRET_KEY="deploy-test-" + "k" * 50,
            ENCRYPTION_KEYS=Fernet.generate_key().decode(),
            PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}",
            PYTHONUNBUFFERED="1",
            LOG_LEVEL="WARNING",
        )

    def run(self, *argv: str, **env: str) -> str:
        result = subprocess.run(
            argv, cwd=ROOT, env={**self.env, **env}, capture_output=True, text=True, timeout=120, check=False
        )
        assert result.returncode == 0, f"{' '.join(argv)}:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    def django(self, code: str, **env: str) -> Any:
        """Run ``code`` in ``manage.py shell`` and read back the JSON it prints last."""
        return json.loads(self.run(sys.executable, "manage.py", "shell", "-c", code, **env).splitlines()[-1])


# Two couples: one with app session tokens for the sockets, one with a break made by the domain.
PEOPLE = """
import json
from breathingroom.accounts.models import Person
from breathingroom.breaks import space
from breathingroom.couples import pairing
from breathingroom.tests.load.couples import prepare
(couple,) = prepare(1)
alex = Person.objects.create_user(email="alex@backup.example", password=None, display_name="Alex")
sam = Person.objects.create_user(email="sam@backup.example", password=None, display_name="Sam")
pairing.join(sam, pairing.create_invitation(alex).code)
brk = space.take_space(alex, 20, "Back by nine, love.")
print(json.dumps({"tokens": [couple.taker_token, couple.partner_token], "break": str(brk.pk)}))
"""


@pytest.fixture(scope="module")
def migrated(postgres, tmp_path_factory) -> tuple[Machine, str, dict[str, Any]]:
    """A fresh database made and migrated as `make run-scale` makes it, with two couples in it."""
    machine = Machine(tmp_path_factory.mktemp("var"))
    url = database(postgres, "deploy")
    assert "Made the database" in machine.run(sys.executable, "deploy/createdb.py", DATABASE_URL=url)
    assert "is there" in machine.run(sys.executable, "deploy/createdb.py", DATABASE_URL=url)
    machine.run(sys.executable, "manage.py", "migrate", "--noinput", DATABASE_URL=url)
    return machine, url, machine.django(PEOPLE, DATABASE_URL=url)


def post(url: str, token: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    request = urllib.request.Request(  # noqa: S310 (the app's own address on loopback)
        url,
        method="POST",
        data=json.dumps(body or {}).encode(),
        headers={"X-Session-Token": token, "Content-Type": "application/json", "Idempotency-Key": uuid.uuid4().hex},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
        return json.loads(answer.read())


def serving_process(ws: ClientConnection, candidates: list[psutil.Process]) -> int | None:
    """Which of the web processes holds the other end of this socket."""
    port = ws.socket.getsockname()[1]
    for process in candidates:
        with contextlib.suppress(psutil.Error):
            if any(c.raddr and c.raddr.port == port for c in process.net_connections(kind="tcp")):
                return process.pid
    return None


@contextlib.contextmanager
def run_scale(env: dict[str, str], log: Path) -> Iterator[psutil.Process]:
    """The honcho line of `make run-scale`, stopped (then killed, with all it started) at the end."""
    argv = [str(BIN / "honcho"), "start", "--procfile", "Procfile.scale", "--concurrency", "worker=2"]
    with log.open("wb") as out:
        honcho = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield psutil.Process(honcho.pid)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(honcho.pid, signal.SIGTERM)
        try:
            honcho.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(honcho.pid, signal.SIGKILL)
            honcho.wait(timeout=10)


def test_a_break_reaches_the_partners_sockets_on_either_web_process(migrated, private_redis: RedisServer, tmp_path):
    machine, url, made = migrated
    taker, partner = made["tokens"]
    port = free_port()
    site = f"http://127.0.0.1:{port}"
    env = dict(machine.env, DATABASE_URL=url, REDIS_URL=private_redis.url, SITE_URL=site)
    env.update(HOST="127.0.0.1", APP_PORT=str(port), WEB_PROCESSES="2")
    log = tmp_path / "honcho.log"
    with run_scale(env, log) as honcho, contextlib.ExitStack() as open_sockets:

        def web_processes() -> list[psutil.Process]:
            return [p for p in honcho.children(recursive=True) if "multiprocessing.spawn" in " ".join(p.cmdline())]

        wait_for(lambda: len(web_processes()) == 2 and healthy(site), 30, f"two web processes answering ({log})")
        assert len([p for p in honcho.children(recursive=True) if "worker" in p.cmdline()]) == 2
        sockets: dict[int, ClientConnection] = {}

        def one_socket_more() -> bool:
            ticket = post(f"{site}/api/v1/events/ticket", partner)["ticket"]
            ws = open_sockets.enter_context(connect(f"ws://127.0.0.1:{port}/ws/events?ticket={ticket}"))
            assert json.loads(ws.recv(timeout=10))["type"] == "hello"
            pid = serving_process(ws, web_processes())
            if pid is not None:
                sockets.setdefault(pid, ws)
            return len(sockets) == 2

        # The kernel hands each connection to whichever process accepts first: open until both hold one.
        wait_for(one_socket_more, 20, "a socket on each web process", every=0)
        brk = post(f"{site}/api/v1/breaks", taker, {"minutes": 20, "reassurance": "Back by nine, love."})
        for pid, ws in sockets.items():
            heard = json.loads(ws.recv(timeout=10))
            assert heard["type"] == "break.started", pid
            assert heard["data"]["break"] == brk["id"]
            assert heard["data"]["takers"][0]["reassurance"] == "Back by nine, love."


def healthy(site: str) -> bool:
    try:
        with urllib.request.urlopen(f"{site}/healthz", timeout=2) as answer:  # noqa: S310
            return answer.status == 200
    except OSError:
        return False


# --- Backups ----------------------------------------------------------------------------------------

# Read through Django with the keys it was written with, then with other keys.
READ_BACK = """
import json
from django.conf import settings
from breathingroom.breaks.models import Break, Taker
from breathingroom.vault.keys import UnreadableText
(taker,) = Break.objects.get(pk="{id}").taker_list
settings.ENCRYPTION_KEYS = ["{other_key}"]
try:
    Taker.objects.get(pk=taker.pk)
    refused = False
except UnreadableText:
    refused = True
print(json.dumps({{"taker": taker.person.email, "reassurance": taker.reassurance, "other_keys_refused": refused}}))
"""


def test_a_dump_restores_into_a_fresh_database_and_reads_back_only_with_the_keys(migrated, postgres, tmp_path):
    machine, url, made = migrated
    missing = [tool for tool in ("pg_dump", "pg_restore") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"Restoring a backup needs PostgreSQL's client tools: {', '.join(missing)} not found.")
    dump = tmp_path / "breathingroom.dump"
    # As breathingroom-backup.service makes it, and as docs/deploy.md restores it.
    machine.run("pg_dump", "--format=custom", f"--dbname={url}", f"--file={dump}")
    as_sql = machine.run("pg_restore", "--file=-", str(dump))
    assert "alex@backup.example" in as_sql
    assert "Back by nine" not in as_sql

    restored = database(postgres, "restored")
    machine.run(sys.executable, "deploy/createdb.py", DATABASE_URL=restored)
    machine.run("pg_restore", "--no-owner", "--no-acl", "--exit-on-error", f"--dbname={restored}", str(dump))
    read = READ_BACK.format(id=made["break"], other_key=Fernet.generate_key().decode())
    # The keys are backed up apart: the dump alone cannot say what anyone wrote.
    assert machine.django(read, DATABASE_URL=restored) == {
        "taker": "alex@backup.example",
        "reassurance": "Back by nine, love.",
        "other_keys_refused": True,
    }
