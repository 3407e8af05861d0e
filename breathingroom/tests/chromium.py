"""One Chromium for the whole test session, for every module that drives a browser.

Started here rather than by Playwright because Playwright's sync API may only run inside one
module at a time (see ``tests/browser/conftest.py``): each module connects to this browser over
the DevTools protocol and closes only what it opened. Imported by the root conftest, so there is
one such fixture, and so one browser, however many modules use it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# What Playwright itself passes when it launches a headless Chromium (its chromiumSwitches), less
# what only matters elsewhere: pages in background contexts keep their timers, nothing phones home,
# scrollbars take no width, and touch is the primary pointer, as on a phone.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-field-trial-config",
    "--disable-background-networking",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--disable-renderer-backgrounding",
    "--disable-back-forward-cache",
    "--disable-breakpad",
    "--disable-component-extensions-with-background-pages",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--disable-features=PaintHolding,ThirdPartyStoragePartitioning,OptimizationHints,MediaRouter",
    "--allow-pre-commit-input",
    "--disable-hang-monitor",
    "--disable-ipc-flooding-protection",
    "--disable-popup-blocking",
    "--disable-prompt-on-repost",
    "--force-color-profile=srgb",
    "--metrics-recording-only",
    "--no-first-run",
    "--no-default-browser-check",
    "--password-store=basic",
    "--use-mock-keychain",
    "--no-service-autorun",
    "--disable-search-engine-choice-screen",
    "--hide-scrollbars",
    "--mute-audio",
    "--blink-settings=primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4",
]


@pytest.fixture(scope="session")
def chromium() -> Iterator[str]:
    """One Chromium for the whole session; yields the address its DevTools protocol listens on."""
    if not CHROMIUM.exists():
        pytest.skip(f"Browser tests need Debian's Chromium at {CHROMIUM}, which is not installed.")
    profile = tempfile.mkdtemp(prefix="breathingroom-chromium-")
    process = subprocess.Popen(
        [str(CHROMIUM), *CHROMIUM_ARGS, "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield _devtools_address(process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()
        shutil.rmtree(profile, ignore_errors=True)


def _devtools_address(process: subprocess.Popen[str]) -> str:
    assert process.stderr is not None
    seen = []
    for line in process.stderr:
        found = re.search(r"DevTools listening on (ws://\S+)", line)
        if found:
            # Keep reading its messages, so a full pipe can never stop the browser.
            threading.Thread(target=_drain, args=(process.stderr,), name="chromium-stderr", daemon=True).start()
            return found.group(1)
        seen.append(line)
    raise RuntimeError("Chromium did not start:\n" + "".join(seen[-20:]))


def _drain(stream: IO[str]) -> None:
    try:
        for _line in stream:
            pass
    except ValueError:  # closed when the session ends
        pass
