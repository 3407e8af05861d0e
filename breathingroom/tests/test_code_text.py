"""Every message the Python code asks gettext for reaches the translators as it is written.

``makemessages`` runs xgettext over the code, and xgettext sees only a plain string literal written
as the first argument of a gettext-family call (and the plural and the context). A call inside an
f-string is never extracted; a message built at run time (a variable, ``+``, ``%`` or ``.format``
before the call) is never in a catalogue; and a ``\\u2019`` escape is kept as those six characters,
so the message the code asks for at run time (with the apostrophe itself) is never the one translated. Each is
found here with Python's own parser, and xgettext, where installed, is asked to agree.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from breathingroom.tests.test_catalogues import LEFT_OUT, entries

# Nothing here reads the database: the PostgreSQL pass would prove nothing new.
pytestmark = pytest.mark.once

PACKAGE = Path(settings.BASE_DIR) / "breathingroom"

# How many leading arguments of each call are messages: the context first where there is one.
MESSAGE_ARGUMENTS = {
    "_": 1,
    "gettext": 1,
    "gettext_lazy": 1,
    "gettext_noop": 1,
    "ngettext": 2,
    "ngettext_lazy": 2,
    "pgettext": 2,
    "pgettext_lazy": 2,
    "npgettext": 3,
    "npgettext_lazy": 3,
}
CONTEXT_FIRST = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}
# The keywords makemessages gives xgettext for Python, beside xgettext's own (_, gettext, ngettext).
XGETTEXT_KEYWORDS = [
    "--keyword=gettext_noop",
    "--keyword=gettext_lazy",
    "--keyword=ngettext_lazy:1,2",
    "--keyword=pgettext:1c,2",
    "--keyword=npgettext:1c,2,3",
    "--keyword=pgettext_lazy:1c,2",
    "--keyword=npgettext_lazy:1c,2,3",
]
# An escape xgettext keeps as written: \u2019, \U0001F600, \N{RIGHT SINGLE QUOTATION MARK}, \x2d.
ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\(?:u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|x[0-9a-fA-F]{2})")

needs_xgettext = pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed")


@dataclass(frozen=True)
class Asked:
    """One gettext-family call: where it is, and what is wrong with it for the translators, if anything."""

    where: str
    call: str
    # (context, message) as Python reads them, for a call whose messages are all string literals.
    key: tuple[str, str] | None
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.call} ({self.problem})" if self.problem else f"{self.where}: {self.call}"


def code_files() -> list[Path]:
    """What makemessages reads of the Python code: not tests, static files, catalogues or migrations."""
    return sorted(p for p in PACKAGE.rglob("*.py") if not set(p.relative_to(PACKAGE).parts) & set(LEFT_OUT))


def called(node: ast.Call) -> str | None:
    name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
    return name if name in MESSAGE_ARGUMENTS else None


def asked(source: str, where: str = "<source>") -> Iterator[Asked]:
    """Every gettext-family call in ``source``, each with the problem that keeps it from translators."""
    tree = ast.parse(source)
    in_fstrings = {id(n) for f in ast.walk(tree) if isinstance(f, ast.JoinedStr) for n in ast.walk(f)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or (name := called(node)) is None:
            continue
        messages = node.args[: MESSAGE_ARGUMENTS[name]]
        text = ast.get_source_segment(source, node) or name
        at = f"{where}:{node.lineno}"
        values = [m.value for m in messages if isinstance(m, ast.Constant) and isinstance(m.value, str)]
        if len(values) < MESSAGE_ARGUMENTS[name]:
            yield Asked(at, text, None, "a message built in code, not a plain string literal")
            continue
        key = (values[0], values[1]) if name in CONTEXT_FIRST else ("", values[0])
        if id(node) in in_fstrings:
            yield Asked(at, text, key, "inside an f-string, which xgettext does not read")
        elif any(ESCAPE.search(ast.get_source_segment(source, m) or "") for m in messages):
            yield Asked(at, text, key, "an escape that xgettext keeps as written: write the character itself")
        else:
            yield Asked(at, text, key, "")


def all_asked() -> list[Asked]:
    return [
        found
        for path in code_files()
        for found in asked(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE.parent)))
    ]


def test_the_code_is_read() -> None:
    found = all_asked()
    assert len(found) > 500
    assert any(a.key and a.key[0] for a in found), "no message with a context was found"


def test_every_message_is_written_where_xgettext_finds_it() -> None:
    wrong = [str(a) for a in all_asked() if a.problem]
    assert not wrong, "Messages the translators never see:\n  " + "\n  ".join(wrong)


@needs_xgettext
def test_xgettext_extracts_every_message_the_code_asks_for(tmp_path: Path) -> None:
    files = tmp_path / "files"
    files.write_text("\n".join(str(p) for p in code_files()), encoding="utf-8")
    po = tmp_path / "django.po"
    subprocess.run(
        ["xgettext", "--language=Python", "--from-code=UTF-8", *XGETTEXT_KEYWORDS, "-o", str(po), "-f", str(files)],
        check=True,
        capture_output=True,
    )
    extracted = {e.key for e in entries(po.read_text(encoding="utf-8"))}
    lost = [str(a) for a in all_asked() if a.key is not None and a.key not in extracted]
    assert not lost, "Messages the code asks for that xgettext does not extract as such:\n  " + "\n  ".join(lost)


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ('_("Take a breath")', ""),
        ('_("Take a " "breath")', ""),
        ('pgettext("a button", "Back")', ""),
        ('ngettext("%(n)s minute", "%(n)s minutes", n)', ""),
        ('_("Alex’s apology")', ""),  # noqa: RUF001
        ("f\"{name} {_('and so')}.\"", "inside an f-string"),
        ("f\"{_('Most often: %(places)s.') % {'places': p}}\"", "inside an f-string"),
        ('_(f"Hello {name}")', "built in code"),
        ('_("Hello " + name)', "built in code"),
        ('gettext_lazy(WORDS["calm"])', "built in code"),
        ('pgettext(context, "Back")', "built in code"),
        ('ngettext("%(n)s minute", plural, n)', "built in code"),
        ('_("%(name)s\\u2019s apology")', "an escape"),
        ('_("7KQ2\\u2011M9XD")', "an escape"),
        ('_("\\N{EM DASH}")', "an escape"),
        ('_("a backslash \\\\u2019 written out")', ""),
        ('print("\\u2019")', None),
    ],
)
def test_the_check_finds_messages_translators_never_see(source: str, problem: str | None) -> None:
    found = list(asked(source))
    if problem is None:
        assert found == []
    else:
        assert len(found) == 1
        assert problem in found[0].problem if problem else found[0].problem == ""
