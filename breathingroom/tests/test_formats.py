"""Dates and times are said the way the reader's language says them.

Templates and code name a format from breathingroom/formats/; each language's module spells it out.
"""

from __future__ import annotations

import re
from datetime import datetime
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

# Nothing here reads the database: the PostgreSQL pass would prove nothing new.
pytestmark = pytest.mark.once

TEMPLATES = Path(settings.BASE_DIR) / "breathingroom" / "templates"
# A date or time filter (or {% now %}) given a format spelled out rather than named; "c" is for machines.
SPELLED_OUT = re.compile(r"""(?:\|(?:date|time):|\{% now )(["'])(?!c\1)(?![A-Z_]+_FORMAT\1)([^"']*)\1""")

MOMENT = datetime(2025, 12, 3, 14, 30)


def names(language: str) -> set[str]:
    module = import_module(f"breathingroom.formats.{language}.formats")
    return {name for name in vars(module) if name.endswith("_FORMAT")}


def test_every_language_has_every_format() -> None:
    english = names("en")
    assert english
    for code, _name in settings.LANGUAGES:
        assert names(code) == english, f"breathingroom/formats/{code}/formats.py differs from English"


def test_templates_name_their_formats() -> None:
    found = [
        f"{path.relative_to(TEMPLATES)}: {m.group(2)}"
        for path in TEMPLATES.rglob("*.*")
        for m in SPELLED_OUT.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, f"Formats spelled out in English order; name one from breathingroom/formats/: {found}"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Wednesday 3 December 2025, 14:30 · 3 December · 14:30"),
        ("de", "Mittwoch, 3. Dezember 2025, 14:30 · 3. Dezember · 14:30"),
    ],
)
def test_a_moment_in_each_language(language: str, expected: str) -> None:
    template = Template(
        '{{ m|date:"WEEKDAY_DAY_MONTH_YEAR_TIME_FORMAT" }} · {{ m|date:"DAY_MONTH_FORMAT" }}'
        ' · {{ m|time:"CLOCK_FORMAT" }}'
    )
    with translation.override(language):
        assert template.render(Context({"m": MOMENT})) == expected
