"""The people every test can use.

``alex`` and ``sam`` are a couple; ``robin`` is someone else's partner (paired with ``casey``), the
outsider who must never see anything of alex and sam; ``jo`` has an account and no partner yet.
"""

from __future__ import annotations

import email
import os
import re
import socket
import threading
from collections.abc import Callable, Iterator

import pytest
from aiosmtpd.controller import Controller
from channels.layers import channel_layers
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import close_old_connections, connection
from django.test import Client
from django.utils import translation

from breathingroom.accounts.models import Person
from breathingroom.couples import pairing
from breathingroom.couples.models import Couple
from breathingroom.tests.chromium import chromium  # noqa: F401 (one browser for every module that drives one)

PASSWORD = "calm-river-42x"

_skipped: list[str] = []

# Modules that take minutes rather than seconds. When the suite runs in several processes, each
# takes whole modules in the order collected, so these go first: a long one started last would
# leave the other processes idle while it finishes.
LONGEST = (
    "tests/browser/test_axe.py",
    "tests/browser/test_keyboard.py",
    "tests/browser/test_small_screens.py",
    "api/tests/test_fuzz.py",
    "tests/test_headers.py",
    "tests/test_deploy.py",
    "tests/load/",
    "tests/browser/",
    "/test_browser",
    "tests/test_fault_",
    "tests/test_static.py",
    "vault/tests/test_migrations.py",
)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def long_first(item: pytest.Item) -> int:
        path = item.nodeid.split("::", 1)[0]
        return next((rank for rank, start in enumerate(LONGEST) if start in path), len(LONGEST))

    items.sort(key=long_first)  # stable: each module keeps its own order


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # A skip means a server or browser was missing. On a developer's machine that is fine; in CI
    # every one of them is there, so a skip there hides a broken install.
    if os.environ.get("CI") and _skipped and exitstatus == 0:
        print(f"\nIn CI nothing may skip, but {len(_skipped)} tests did:", *_skipped, sep="\n  ")
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _fast_and_fresh(settings):
    # Argon2 is slow on purpose; tests that need it say so.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    # A channel layer belongs to the event loop that first receives on it; each test's server or
    # socket runs its own loop, so each test gets its own layer.
    channel_layers.backends.clear()
    # A request leaves its language active in the thread that served it (LocaleMiddleware activates,
    # nothing deactivates): each test starts in the site's own language, whatever ran before it.
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
    channel_layers.backends.clear()
    cache.clear()


def _emptied_row_by_row(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    """The tables a transactional test filled, emptied with DELETE rather than PostgreSQL's TRUNCATE.

    TRUNCATE gives each of the hundred-odd tables a new file on disk, about half a second after every
    transactional test; deleting the few rows a test made is nearly free. Foreign keys are deferred
    to the end of the transaction, so the order of the tables does not matter.
    """
    if reset_sequences or not tables:
        return _truncated(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
    # Table names come from the database itself, quoted as names.
    deletes = (f"DELETE FROM {self.quote_name(table)};" for table in tables)  # noqa: S608
    return ["SET CONSTRAINTS ALL DEFERRED;", *deletes]


try:
    from django.db.backends.postgresql.operations import DatabaseOperations as _PostgresOperations
except ImportError:  # psycopg is missing: the suite runs on SQLite alone.
    pass
else:
    _truncated = _PostgresOperations.sql_flush
    _PostgresOperations.sql_flush = _emptied_row_by_row  # type: ignore[method-assign]


def page_text(response) -> str:
    """A page's HTML as a reader meets its words: names isolated in <bdi> read as the plain name."""
    return re.sub(r"</?bdi>", "", response.content.decode())


def make_person(name: str, time_zone: str = "UTC") -> Person:
    return Person.objects.create_user(
        email=f"{name.lower()}@example.com", password=PASSWORD, display_name=name, time_zone=time_zone
    )


def make_couple(a: Person, b: Person) -> Couple:
    return pairing.join(b, pairing.create_invitation(a).code)


@pytest.fixture
def alex(db) -> Person:
    return make_person("Alex", "Europe/London")


@pytest.fixture
def sam(db) -> Person:
    return make_person("Sam", "America/New_York")


@pytest.fixture
def couple(alex, sam) -> Couple:
    return make_couple(alex, sam)


@pytest.fixture
def robin(db) -> Person:
    robin = make_person("Robin", "Australia/Brisbane")
    make_couple(robin, make_person("Casey"))
    return robin


@pytest.fixture
def jo(db) -> Person:
    return make_person("Jo", "Europe/Berlin")


def assert_json(response, status: int) -> dict:
    """The response has ``status``, is JSON (never an HTML page) and, if an error, has a detail."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    if status >= 400:
        assert isinstance(body, dict), body
        assert isinstance(body.get("detail"), str | list), body
        assert body["detail"], body
    return body


def client_for(person: Person) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def alex_client(alex, couple) -> Client:
    return client_for(alex)


@pytest.fixture
def sam_client(sam, couple) -> Client:
    return client_for(sam)


@pytest.fixture
def robin_client(robin) -> Client:
    return client_for(robin)


@pytest.fixture
def jo_client(jo) -> Client:
    return client_for(jo)


class Inbox:
    """Every message a real SMTP server on this machine accepted, as it arrived.

    A test may ``stop`` the server, as a mail server that is down, and ``start`` it again on its port.
    """

    def __init__(self, port: int) -> None:
        self.messages: list[email.message.Message] = []
        self.port = port
        self._server: Controller | None = None

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def start(self) -> None:
        # A stopped controller cannot start again: each start is a new server on the same port.
        self._server = Controller(self, hostname="127.0.0.1", port=self.port)
        self._server.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_inbox(settings) -> Iterator[Inbox]:
    """A real SMTP server on this machine that the app's email goes through."""
    inbox = Inbox(free_port())
    inbox.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = inbox.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    yield inbox
    inbox.stop()


def at_once(*steps: Callable[[], object]) -> list[object]:
    """Run every step at the same moment, each on its own database connection: what each returned or raised.

    A raised exception is kept as that step's outcome, not raised: a refusal is often the expected
    outcome of a race, and anything else fails the assertions that follow.
    """
    barrier = threading.Barrier(len(steps))
    outcomes: list[object] = [None] * len(steps)

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[i] = steps[i]()
        except Exception as e:
            outcomes[i] = e
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(steps))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes
