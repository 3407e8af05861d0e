"""What a person writes, made fit to keep and to show to the other: the one way every form, API body and
domain step reads a person's words.

Words here reach someone who may be upset, so they must read exactly as they were written. Invisible
characters can make a reassurance look blank although it passed the "not blank" rule, and Unicode's
bidirectional overrides can make text read backwards, or a name swallow the sentence around it.
:func:`tidy` removes what has no business in a message; :class:`Writing` adds each kind of text's own
rules (whether it may be left empty, how long it may be, and what to say when it does not fit).
"""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from django import forms, template
from django.utils.functional import lazy
from django.utils.html import format_html

from breathingroom.refusals import Refused

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

# Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): they reorder what follows
# them. Pages isolate each person's words on their own (dir="auto"), so nobody needs to type these.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Invisible characters that carry no meaning in a message: zero-width space, word joiner, the byte
# order mark, the Mongolian vowel separator and the invisible operators.
INVISIBLE = frozenset("\u200b\u2060\u2061\u2062\u2063\u2064\ufeff\u180e")
# Characters that draw nothing although they are letters or symbols (Hangul fillers, the blank braille
# pattern), and so can make a message look empty.
DRAW_NOTHING = frozenset("\u115f\u1160\u3164\uffa0\u2800")
KEEP_CONTROLS = frozenset("\n\t")
# Joiners and direction marks mean something between letters, nothing at either end.
EDGE_MARKS = frozenset("\u200c\u200d\u200e\u200f\u061c")


def tidy(text: str) -> str:
    """``text`` in one canonical form: composed (NFC), with Unix line ends, without controls that do
    not belong in a message, and without white space (or anything invisible) at either end.

    Joiners (ZWJ, ZWNJ) and the left-to-right and right-to-left marks stay, since emoji and several
    scripts need them; they never count as something written (see :func:`looks_blank`).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for ch in text:
        if ch in BIDI_CONTROLS or ch in INVISIBLE:
            continue
        category = unicodedata.category(ch)
        if (category == "Cc" and ch not in KEEP_CONTROLS) or category == "Cs":
            continue  # NUL and the like, and halves of surrogate pairs: no database keeps them
        kept.append(ch)
    text = unicodedata.normalize("NFC", "".join(kept))
    start, end = 0, len(text)
    while start < end and _edge(text[start]):
        start += 1
    while end > start and _edge(text[end - 1]):
        end -= 1
    return text[start:end]


def looks_blank(text: str) -> bool:
    """Nothing in ``text`` would show on a screen."""
    return all(_edge(ch) or unicodedata.category(ch) in {"Cc", "Cf", "Mn", "Me"} for ch in text)


@cache
def written_pattern() -> str:
    """A regular expression for text in which something is written as :func:`tidy` and
    :func:`looks_blank` read it: at least one character that is neither dropped nor passed over, and no
    NUL anywhere. It reads the same in JSON Schema's, Python's and Rust's dialects, for an API document.
    """
    # A character counts alone: no two blank ones compose into a letter, and one that composition (NFC)
    # turns blank is blank here too. Halves of surrogate pairs are left out: no valid text has them.
    runs: list[list[int]] = []
    for code in range(sys.maxunicode + 1):
        if _blank(chr(code)):
            if runs and runs[-1][1] == code - 1:
                runs[-1][1] = code
            else:
                runs.append([code, code])
    blank = "".join(_in_class(start) + (f"-{_in_class(end)}" if end > start else "") for start, end in runs)
    return rf"^[^\u0000]*[^{blank}][^\u0000]*$"


# Only these can be blank, unless composition changes the character: letters, digits, punctuation,
# symbols and spacing marks always show, but for the few in DRAW_NOTHING.
_MAYBE_BLANK = frozenset({"Cc", "Cf", "Mn", "Me", "Zs", "Zl", "Zp"})


def _blank(ch: str) -> bool:
    category = unicodedata.category(ch)
    if category == "Cs" or (
        category not in _MAYBE_BLANK
        and ch not in DRAW_NOTHING
        and not ch.isspace()
        and unicodedata.is_normalized("NFC", ch)
    ):
        return False
    return looks_blank(tidy(ch))


def _in_class(code: int) -> str:
    # Escaped where the dialects agree on how (the Basic Multilingual Plane); beyond it, the character
    # itself, since each dialect escapes those its own way.
    return f"\\u{code:04x}" if code <= 0xFFFF else chr(code)


def _edge(ch: str) -> bool:
    # What may go from either end without changing what the text says. Combining marks and format
    # characters in general stay: Hindi ends words with vowel signs, and flags end with a tag.
    return ch.isspace() or ch in DRAW_NOTHING or ch in EDGE_MARKS or unicodedata.category(ch) in {"Zs", "Zl", "Zp"}


@dataclass(frozen=True)
class Writing:
    """One kind of text a person writes, with its own rules and its own words when it does not fit.

    ``empty`` is what to say when nothing was written; None means it may be left empty. ``too_long``
    may use ``%(n)s`` for the limit.
    """

    limit: int
    too_long: str | _StrPromise
    empty: str | _StrPromise | None = None

    def check(self, text: str, refuse: type[Refused]) -> str:
        """``text`` tidied, or ``refuse`` raised with this kind's message."""
        text = tidy(text)
        if looks_blank(text):
            text = ""
        if self.empty is not None and not text:
            raise refuse(self.empty)
        if len(text) > self.limit:
            raise refuse(self._too_long())
        return text

    def _too_long(self) -> str:
        return str(self.too_long) % {"n": self.limit}

    def field(self, **kwargs: Any) -> WrittenField:
        """The form field for this kind: the same tidying, limit and messages on pages."""
        kwargs.setdefault("required", self.empty is not None)
        # Forms are made once, at import: the message is put in the reader's language only when shown.
        messages: dict[str, str | _StrPromise] = {"max_length": lazy(self._too_long, str)()}
        if self.empty is not None:
            messages["required"] = self.empty
        kwargs["error_messages"] = {**messages, **kwargs.get("error_messages", {})}
        return WrittenField(max_length=self.limit, **kwargs)


class WrittenField(forms.CharField):
    """A form's text field that reads the words as :func:`tidy` does, so a page and the API agree
    on what was written, and text that only looks like something counts as nothing."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["strip"] = False  # tidy() strips more than white space
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        if not value:
            return value
        value = tidy(value)
        return "" if looks_blank(value) else value


register = template.Library()


@register.filter
def bdi(value: object) -> str:
    """A name or a few words inside a sentence of ours, isolated so that a right-to-left name cannot
    reorder the sentence around it (and ours cannot reorder it). Empty stays empty, for ``default``."""
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", value)
