"""The foundation never imports what is built on it, so it can be read, tested and changed alone.

Every app imports ``accounts`` (people) and may use ``vault`` (encryption), ``refusals``, ``writing``,
``personal_data`` (the words apps declare their data in) and ``rows`` (reads written once). If any
of those imported ``breaks`` or ``couples``, each app would in the end depend on every other. Tests
are left out: a foundation's tests may set up a whole couple's history to prove what it does to it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]
FOUNDATION = {"accounts", "vault", "refusals", "writing", "personal_data", "rows"}
# Building blocks of the API that every app's router uses; they import nothing of the project.
SHARED = {"breathingroom.api.schemas"}
# allauth's adapter (named in settings) hands allauth's emails to notify's outbox; it is the one way
# up left, until the adapter lives above ``notify``.
KNOWN = {("breathingroom.accounts.adapter", "breathingroom.notify.outbox")}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(source: str, module: str) -> set[str]:
    """Every ``breathingroom`` module that ``module`` imports, wherever the import statement is."""
    found = set()
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], base]).rstrip(".")
            # "from breathingroom.breaks import space" imports breathingroom.breaks.space.
            found.update(f"{base}.{alias.name}" for alias in node.names)
            found.add(base)
    return {name for name in found if name.startswith("breathingroom.")}


def layer_of(module: str) -> str:
    return module.split(".")[1]


def on_the_way(other: str, module: str) -> bool:
    """``other`` is ``module``, a package holding it, or a name imported from it."""
    return other == module or other.startswith(f"{module}.") or module.startswith(f"{other}.")


def may_import(module: str, other: str) -> bool:
    if layer_of(other) in FOUNDATION:
        return True
    allowed = SHARED | {known for importer, known in KNOWN if importer == module}
    return any(on_the_way(other, name) for name in allowed)


def upward(source: str, module: str) -> list[str]:
    return sorted(other for other in imported(source, module) if not may_import(module, other))


def foundation_modules() -> list[Path]:
    found = []
    for name in FOUNDATION:
        root = PACKAGE / name
        paths = root.rglob("*.py") if root.is_dir() else [root.with_suffix(".py")]
        found += [p for p in paths if "tests" not in p.parts and p.name != "conftest.py"]
    return sorted(found)


@pytest.mark.parametrize("path", foundation_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_foundation_imports_nothing_above_it(path: Path):
    module = module_name(path)
    assert upward(path.read_text(), module) == [], f"{module} reaches up into an app built on it"


@pytest.mark.parametrize("module", sorted(SHARED))
def test_what_the_foundation_shares_with_the_api_stays_beneath_it(module: str):
    path = PACKAGE.parent / (module.replace(".", "/") + ".py")
    assert upward(path.read_text(), module) == []


def test_every_foundation_module_is_read():
    read = {module_name(path) for path in foundation_modules()}
    assert {"breathingroom.accounts.models", "breathingroom.vault.fields", "breathingroom.writing"} <= read
    assert "breathingroom.accounts.tests.test_api" not in read


@pytest.mark.parametrize(
    "source",
    [
        "from breathingroom.breaks.models import Break",
        "from breathingroom.couples import pairing",
        "import breathingroom.events.publish",
        "from ..notify import sending",
        "def later():\n    from breathingroom.yourdata import export\n",
    ],
)
def test_an_import_up_from_the_foundation_is_found(source: str):
    assert upward(source, "breathingroom.accounts.views") != []


@pytest.mark.parametrize(
    "source",
    [
        "from breathingroom.accounts.models import Person",
        "from breathingroom import writing",
        "from breathingroom.api.schemas import Detail",
        "from breathingroom.api import schemas",
        "from . import timezones",
        "from django.db import models",
    ],
)
def test_an_import_within_the_foundation_is_allowed(source: str):
    assert upward(source, "breathingroom.accounts.views") == []
