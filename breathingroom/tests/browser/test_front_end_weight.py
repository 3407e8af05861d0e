"""What Home weighs on a phone's first visit, signed in, as `make run` serves it: the page and everything
it loads, counted in bytes over the wire, and nothing static fetched again on the next visit.

The app's web process runs as the Procfile starts it (uvicorn) on the embedded default, with its
static files collected as `make run` collects them: named by their content, compressed beside them,
and served by WhiteNoise for browsers to keep for good. Chromium counts every byte it received.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from cryptography.fernet import Fernet

from breathingroom.breaks.tests.conftest import agree
from breathingroom.tests.servers import AppProcess, AppProcesses
from breathingroom.tests.test_deploy import manage

pytestmark = [pytest.mark.browser, pytest.mark.once]

# What a first visit to Home may cost in all, headers included: small enough for a slow phone
# connection in a hard moment.
MOST_BYTES = 100 * 1024
# A year, in seconds: the least a browser should keep a file whose name changes with its content.
A_YEAR = 365 * 24 * 60 * 60
# Django's manifest storage puts twelve hex digits of the content's hash before the extension.
HASHED = re.compile(r"\.[0-9a-f]{12}\.\w+$")
# Types that compress well, and so must come compressed.
TEXT = ("text/", "javascript", "svg", "json")


@dataclass
class Received:
    url: str
    status: int
    mime: str
    headers: dict[str, str]
    from_cache: bool
    # Bytes over the wire, headers and body, as the browser received them.
    transferred: int = 0

    @property
    def static(self) -> bool:
        return "/static/" in self.url

    def line(self) -> str:
        encoding = self.headers.get("content-encoding", "-")
        cache = "cache" if self.from_cache else "network"
        return f"{self.transferred:>8} B  {self.status} {encoding:<5} {cache:<7} {self.mime:<24} {self.url}"


@dataclass
class Network:
    """What one page received, response by response, from Chromium's own account (the DevTools protocol)."""

    received: dict[str, Received] = field(default_factory=dict)
    # Said before the response itself, for a file the browser already holds in memory.
    cached: set[str] = field(default_factory=set)

    def watch(self, page: Any) -> None:
        cdp = page.context.new_cdp_session(page)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.requestServedFromCache", self._from_cache)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.send("Network.enable")

    def _response(self, event: dict[str, Any]) -> None:
        response = event["response"]
        self.received[event["requestId"]] = Received(
            url=response["url"],
            status=response["status"],
            mime=response.get("mimeType", ""),
            headers={name.lower(): value for name, value in response["headers"].items()},
            from_cache=event["requestId"] in self.cached
            or bool(response.get("fromDiskCache") or response.get("fromPrefetchCache")),
        )

    def _from_cache(self, event: dict[str, Any]) -> None:
        self.cached.add(event["requestId"])
        if found := self.received.get(event["requestId"]):
            found.from_cache = True

    def _finished(self, event: dict[str, Any]) -> None:
        if found := self.received.get(event["requestId"]):
            found.transferred = int(event["encodedDataLength"])

    @property
    def total(self) -> int:
        return sum(r.transferred for r in self.received.values())

    def table(self) -> str:
        rows = sorted(self.received.values(), key=lambda r: -r.transferred)
        return "\n".join([*(r.line() for r in rows), f"{self.total:>8} B  in all"])


@pytest.fixture
def served(app_processes: AppProcesses, tmp_path, monkeypatch, settings) -> AppProcess:
    """The web process as `make run` starts it: static files collected into its VAR_DIR, no Redis."""
    var_dir = tmp_path / "var"
    var_dir.mkdir()
    # Everything but the API document's viewers (django-ninja's Swagger UI and Redoc): megabytes that
    # take a minute to compress and that no page loads. A page linking a file left out would fail.
    collected = manage(
        "collectstatic", "--noinput", "--verbosity", "0", "--ignore", "ninja", tmp_path=var_dir, STATIC_COLLECTED="1"
    )
    assert collected.returncode == 0, collected.stderr
    # The process reads this test's rows, so it needs this process's keys wherever its VAR_DIR is.
    key = Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = [key]
    monkeypatch.setenv("ENCRYPTION_KEYS", key)
    monkeypatch.setenv("STATIC_COLLECTED", "1")
    app_processes.var_dir = str(var_dir)
    return app_processes.web()


def static_requests(web: AppProcess) -> list[str]:
    """The static files the web process was asked for, from its access log."""
    return [line for line in web.logged().splitlines() if "uvicorn.access" in line and "/static/" in line]


def test_home_is_light_on_a_first_visit_and_its_static_files_are_kept(served, phones, alex, sam, couple):
    agree(alex, sam)
    # A browser context of its own: nothing cached, nothing shared with any other test.
    page = phones.open(served.url, alex)
    network = Network()
    network.watch(page)

    page.goto("/", wait_until="networkidle")
    first = network.table()
    assert page.locator("body").get_attribute("data-live") is not None, "signed in, Home is live"
    statics = [r for r in network.received.values() if r.static]
    assert statics, first
    assert network.total <= MOST_BYTES, f"Home's first visit took {network.total} B, more than {MOST_BYTES}:\n{first}"

    for r in statics:
        assert r.status == 200, first
        assert HASHED.search(r.url), f"{r.url} is not named by its content:\n{first}"
        cache = r.headers.get("cache-control", "")
        max_age = re.search(r"max-age=(\d+)", cache)
        assert "immutable" in cache, f"{r.url}: Cache-Control {cache!r}"
        assert max_age is not None, f"{r.url}: Cache-Control {cache!r}"
        assert int(max_age.group(1)) >= A_YEAR, f"{r.url}: Cache-Control {cache!r}"
        if any(kind in r.mime for kind in TEXT):
            encoding = r.headers.get("content-encoding")
            assert encoding in ("br", "gzip"), f"{r.url} came uncompressed ({encoding}):\n{first}"

    # Coming back later, in a new tab: the server is asked for the page alone, every static file is
    # the browser's own.
    asked_before = static_requests(served)
    later = page.context.new_page()
    network = Network()
    network.watch(later)
    later.goto("/", wait_until="networkidle")
    again = network.table()
    assert any(not r.static and not r.from_cache for r in network.received.values()), again
    assert len([r for r in network.received.values() if r.static]) >= len(statics), again
    fetched = [r.url for r in network.received.values() if r.static and not r.from_cache]
    assert fetched == [], f"fetched again on the second visit:\n{again}"
    assert static_requests(served) == asked_before, again
