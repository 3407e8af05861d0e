"""Words and numbers said inside a sentence, in the active language's way."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from breathingroom.sentences import inside_a_sentence, said_number

# Nothing here reads the database: the PostgreSQL pass would prove nothing new.
pytestmark = pytest.mark.once


@pytest.mark.parametrize(
    ("language", "value", "said"),
    [
        ("en", 4.5, "4.5"),
        ("de", 4.5, "4,5"),
        ("en", 4.0, "4"),
        ("de", 7.04, "7"),
        ("de", 6.96, "7"),
        ("de", 0.25, "0,2"),
    ],
)
def test_a_number_has_one_decimal_at_most_and_the_languages_mark(language, value, said):
    with translation.override(language):
        assert said_number(value) == said


@given(st.floats(min_value=0, max_value=10, allow_nan=False))
def test_german_and_english_say_the_same_number_with_their_own_mark(value):
    with translation.override("en"):
        english = said_number(value)
    with translation.override("de"):
        german = said_number(value)
    assert german == english.replace(".", ",")
    assert float(english) == pytest.approx(round(value, 1))


def test_only_english_lowers_a_listed_word():
    with translation.override("en"):
        assert inside_a_sentence("Lonely") == "lonely"
    with translation.override("de"):
        assert inside_a_sentence("Nähe") == "Nähe"


def test_no_template_lowers_words_itself():
    templates = Path(settings.BASE_DIR) / "breathingroom" / "templates"
    lowering = [
        f"{path.relative_to(templates)}:{number}"
        for path in templates.rglob("*.*")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "|lower" in line.replace(" ", "")
    ]
    assert not lowering, f"|lower breaks other languages' capitals; use |in_sentence: {lowering}"
