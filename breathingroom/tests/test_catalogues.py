"""Every language Breathing Room offers is complete, compiled, and up to date with the code.

For each language but English (the words are written in English; its small catalogue only reworks
allauth's): the .po file passes ``msgfmt --check``, holds no untranslated or fuzzy message, its
committed .mo says the same as the .po, and it holds every message ``makemessages`` finds in the code
today. ``make messages`` extracts and compiles them; a failure names what is missing.
"""

from __future__ import annotations

import ast
import gettext
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.once

PACKAGE = Path(settings.BASE_DIR) / "breathingroom"
LOCALE = PACKAGE / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# What makemessages reads: the code and the templates, not tests, static files or catalogues.
EXTENSIONS = "html,txt,svg,py"
LEFT_OUT = ("__pycache__", "static", "locale", "tests", "migrations")

needs_gettext = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")


@dataclass
class Entry:
    context: str = ""
    msgid: str = ""
    plural: str = ""
    translations: list[str] = field(default_factory=list)
    fuzzy: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.context, self.msgid)

    def __str__(self) -> str:
        return f"{self.context}\u0004{self.msgid}" if self.context else self.msgid


def entries(po: str) -> list[Entry]:
    """The messages of a .po file, obsolete ones (#~) left out; the header is not a message."""
    found: list[Entry] = []
    current = Entry()
    target: tuple[str, int | None] | None = None

    def finish() -> None:
        nonlocal current
        if current.msgid or current.translations:
            found.append(current)
        current = Entry()

    for raw in po.splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if current.msgid:
                finish()
            current.fuzzy = "fuzzy" in line
            continue
        if line.startswith("#"):
            continue
        keyword, _space, rest = line.partition(" ")
        if keyword.startswith('"'):
            text = ast.literal_eval(line)
        else:
            if keyword in {"msgctxt", "msgid"} and current.translations:
                finish()
            text = ast.literal_eval(rest)
            if keyword == "msgstr" or keyword.startswith("msgstr["):
                current.translations.append("")
                target = ("msgstr", len(current.translations) - 1)
            else:
                target = (keyword, None)
        if target is None:
            continue
        name, index = target
        if name == "msgctxt":
            current.context += text
        elif name == "msgid":
            current.msgid += text
        elif name == "msgid_plural":
            current.plural += text
        elif index is not None:
            current.translations[index] += text
    finish()
    return [e for e in found if e.msgid]


def shown(path: Path) -> str:
    return os.path.relpath(path, settings.BASE_DIR)


def po_of(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / "django.po"


def catalogue(mo: Path) -> dict[object, str]:
    with mo.open("rb") as f:
        messages = dict(gettext.GNUTranslations(f)._catalog)  # type: ignore[attr-defined]
    messages.pop("", None)  # the header, which tools rewrite (dates, generator)
    return messages


def listed(messages: list[str], most: int = 40) -> str:
    shown = "\n  ".join(repr(m) for m in messages[:most])
    more = f"\n  … and {len(messages) - most} more" if len(messages) > most else ""
    return f"\n  {shown}{more}"


def test_the_reader_reads_a_catalogue() -> None:
    po = (
        'msgid ""\nmsgstr "Language: de\\n"\n\n'
        'msgid "Home"\nmsgstr "Start"\n\n'
        '#, fuzzy\nmsgid "Settings"\nmsgstr "Einstellung"\n\n'
        'msgctxt "button"\nmsgid "Go"\nmsgstr ""\n\n'
        'msgid "%(n)s minute"\nmsgid_plural "%(n)s minutes"\n'
        'msgstr[0] "%(n)s Minute"\nmsgstr[1] ""\n"%(n)s Minuten"\n\n'
        '#~ msgid "Old"\n#~ msgstr "Alt"\n'
    )
    found = entries(po)
    assert [(e.context, e.msgid, e.translations, e.fuzzy) for e in found] == [
        ("", "Home", ["Start"], False),
        ("", "Settings", ["Einstellung"], True),
        ("button", "Go", [""], False),
        ("", "%(n)s minute", ["%(n)s Minute", "%(n)s Minuten"], False),
    ]


@pytest.mark.parametrize("code", TRANSLATED)
@needs_gettext
def test_catalogue_is_complete_and_compiled(code: str, tmp_path: Path) -> None:
    po = po_of(code)
    assert po.exists(), f"{shown(po)} is missing: run `make messages` and translate it."
    checked = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(po)], capture_output=True, text=True
    )
    assert checked.returncode == 0, f"msgfmt --check fails on {shown(po)}:{listed(checked.stderr.splitlines())}"

    found = entries(po.read_text(encoding="utf-8"))
    untranslated = [str(e) for e in found if not all(e.translations)]
    fuzzy = [str(e) for e in found if e.fuzzy]
    assert not untranslated, f"{len(untranslated)} untranslated in {po.name} ({code}):{listed(untranslated)}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {po.name} ({code}), to check and unmark:{listed(fuzzy)}"

    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{shown(mo)} is missing: run `make messages`."
    committed, fresh = catalogue(mo), catalogue(tmp_path / "django.mo")
    differing = sorted(
        str(k) for k in committed.keys() ^ fresh.keys() | {k for k in fresh if committed.get(k) != fresh[k]}
    )
    assert not differing, f"{shown(mo)} is older than its .po; run `make messages`:{listed(differing)}"


@pytest.mark.parametrize("code", TRANSLATED)
@needs_gettext
def test_catalogue_holds_every_message_of_the_code(code: str, tmp_path: Path) -> None:
    po = po_of(code)
    assert po.exists(), f"{shown(po)} is missing: run `make messages` and translate it."
    # makemessages writes into the tree it reads, so it reads a copy.
    tree = tmp_path / "breathingroom"
    shutil.copytree(PACKAGE, tree, ignore=shutil.ignore_patterns(*LEFT_OUT))
    (tree / "locale").mkdir()
    django_admin = Path(sys.executable).with_name("django-admin")
    subprocess.run(
        [str(django_admin), "makemessages", "-l", code, "-e", EXTENSIONS, "--no-location", "--no-obsolete"],
        cwd=tree,
        check=True,
        capture_output=True,
    )
    extracted = entries((tree / "locale" / code / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))
    have = {e.key for e in entries(po.read_text(encoding="utf-8"))}
    missing = [str(e) for e in extracted if e.key not in have]
    assert not missing, (
        f"{len(missing)} messages in the code are not in {shown(po)}; "
        f"run `make messages` and translate them:{listed(missing)}"
    )


@pytest.mark.parametrize("code", [code for code in TRANSLATED if (LOCALE / code / "allauth.po").exists()])
def test_the_words_for_allauths_pages_are_in_the_catalogue(code: str) -> None:
    """allauth's texts are not in the code makemessages reads: a language's own words for them are kept
    beside its catalogue, and ``make messages`` adds them back each time it rewrites it.
    """
    kept = LOCALE / code / "allauth.po"
    have = {e.key: e.translations for e in entries(po_of(code).read_text(encoding="utf-8"))}
    lost = [str(e) for e in entries(kept.read_text(encoding="utf-8")) if have.get(e.key) != e.translations]
    assert not lost, f"{shown(po_of(code))} lacks words kept in {shown(kept)}; run `make messages`:{listed(lost)}"
