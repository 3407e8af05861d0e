"""How each language says a harsh start-up: one module a language, named by its code (``en.py``, ``de.py``),
data only, and here how it is found and read for :mod:`breathingroom.softstart.coach`.

A language module holds

- ``HARSH``: for each rule (``absolute``, ``accusing``, ``label``, ``contempt``, ``mind_reading``,
  ``threat``), its patterns;
- ``PARTS``: for each part of the softer shape (``feel``, ``need``, ``ask``), patterns whose ``part``
  group is the person's own words for it;
- ``SHAPE``, the softer shape with ``{when}``, ``{feel}``, ``{need}`` and ``{ask}``, and ``BLANK``, what
  stands in a part the person has not said yet;
- ``GENTLER``: how each absolute is said in the softer shape ("" leaves it out);
- ``FUNCTION_WORDS``: words with no content of their own (a thought made only of these is left out);

and, if it needs them, ``WORDS`` and ``CONTRACTIONS`` (used in patterns), ``UNLESS`` (for each rule,
what makes a match gentle after all), ``REWORD`` (pairs of a pattern and the words it becomes in the
softer shape), ``ASK_FROM`` (patterns whose ``part`` is a request hidden in a complaint), ``LONGEST_ASK``,
``AND_WHEN`` (what joins two things that happened), ``LEAD_WORDS`` (words the shape's own "When" makes
unneeded), ``ALWAYS_CAPITAL``, and ``NEVER`` with the names after it in ``en.py`` (how "never" is said
gently, by where it stands).

A pattern is a regular expression over the text in lower case, with curly apostrophes and quotes made
straight, in which

- a space stands for any run of spaces or line breaks;
- ``{name}`` stands for any entry of the module's ``WORDS[name]`` (entries may use ``{name}`` too);
- a contraction in ``CONTRACTIONS`` also matches its other spellings ("don't", "do not", "dont");
- ``(?P<flag>…)`` marks the words to point out; without it the whole match is pointed out;
- a pattern matches whole words only.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from django.utils.translation import get_language

FALLBACK = "en"


@dataclass(frozen=True)
class Language:
    """A language's module with its patterns read."""

    harsh: dict[str, tuple[re.Pattern[str], ...]]
    unless: dict[str, tuple[re.Pattern[str], ...]]
    parts: dict[str, tuple[re.Pattern[str], ...]]
    ask_from: tuple[re.Pattern[str], ...]
    reword: tuple[tuple[re.Pattern[str], str], ...]
    module: ModuleType


def active() -> Language:
    """The active language's patterns: ``en-gb`` tries ``en_gb``, then ``en``; English when there are none."""
    code = (get_language() or FALLBACK).lower()
    for name in (code.replace("-", "_"), code.split("-")[0], FALLBACK):
        found = compiled(name)
        if found is not None:
            return found
    raise LookupError(f"There is no languages/{FALLBACK}.py.")  # pragma: no cover


@cache
def compiled(name: str) -> Language | None:
    """The patterns of ``languages/<name>.py`` read, or None when there is no such file."""
    path = f"{__name__}.{name}"
    try:
        module = importlib.import_module(path)
    except ModuleNotFoundError as missing:
        if missing.name == path:
            return None
        raise
    read = _Reader(module)
    return Language(
        harsh={rule: tuple(map(read, patterns)) for rule, patterns in module.HARSH.items()},
        unless={rule: tuple(map(read, patterns)) for rule, patterns in getattr(module, "UNLESS", {}).items()},
        parts={slot: tuple(map(read, patterns)) for slot, patterns in module.PARTS.items()},
        ask_from=tuple(map(read, getattr(module, "ASK_FROM", ()))),
        reword=tuple((read(pattern), words) for pattern, words in getattr(module, "REWORD", ())),
        module=module,
    )


_NAME = re.compile(r"\{([a-z_]+)\}")
# A match must begin at the start of a word (or with a character that is no letter) and end likewise.
_WORD_START = r"(?:(?<!\w)(?=\w)|(?!\w))"
_WORD_END = r"(?:(?<=\w)(?!\w)|(?<!\w))"
# Names inside names go at most this deep.
_DEEPEST = 5


class _Reader:
    """Turns a language's pattern into a regular expression, as this module's docstring says."""

    def __init__(self, module: ModuleType) -> None:
        self.words: dict[str, list[str]] = getattr(module, "WORDS", {})
        self.spellings = {key: [key, *others] for key, others in getattr(module, "CONTRACTIONS", {}).items()}
        keys = sorted(self.spellings, key=len, reverse=True)
        self.contraction = re.compile(r"(?<![\w'])(" + "|".join(map(re.escape, keys)) + r")(?![\w'])") if keys else None

    def __call__(self, pattern: str) -> re.Pattern[str]:
        for _depth in range(_DEEPEST):
            expanded = _NAME.sub(lambda m: "(?:" + "|".join(self.words[m.group(1)]) + ")", pattern)
            if expanded == pattern:
                break
            pattern = expanded
        if self.contraction is not None:
            pattern = self.contraction.sub(lambda m: "(?:" + "|".join(self.spellings[m.group(1)]) + ")", pattern)
        pattern = pattern.replace(" ", r"\s+")
        return re.compile(_WORD_START + "(?:" + pattern + ")" + _WORD_END)
