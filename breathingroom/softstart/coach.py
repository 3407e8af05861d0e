"""The soft-start coach: points out the words that tend to start a fight, says why, and offers the same
thought in a gentler shape ("When …, I feel …, I need …; would you …?").

It reads by rules, never by guessing: each rule is a list of patterns, and each flag names its rule,
says why in a line of our own, and gives where it sits in the text (``start`` and ``end`` count
characters, Unicode code points, as Python does). The rules are

- ``absolute``: always, never, every time, aimed at the other person;
- ``accusing``: a "you" statement that puts what they did wrong first ("you ruined…", "how could you…");
- ``label``: a name for who they are instead of what they did ("you're so lazy", "idiot");
- ``contempt``: sarcasm, mockery, an eye roll ("yeah, right", "🙄");
- ``mind_reading``: telling them what they think or want ("you just want…", "you don't care");
- ``threat``: a threat or an ultimatum ("or else", "if you do that again, I'm leaving").

How a language says these lives in ``languages/<code>.py``, chosen by the active language (``en-gb``
tries ``en_gb`` and then ``en``), English when there is none: adding a language is adding that one
file (``languages/__init__.py`` says what it holds and how its patterns are read). Patterns read the
text in lower case, with curly apostrophes and quotes made straight, character for character, so every
offset is one in the text as written. A harsh match that overlaps a match of the rule's ``UNLESS``
patterns is gentle after all ("you always make me laugh", "do you always take the early train?").

Offering the coach beside any text box
--------------------------------------

Mark the textarea with ``data-soft-start`` and include the coach after it, naming the textarea::

    <textarea name="text" id="id_text" data-soft-start></textarea>
    {% include "softstart/_coach.html" with for="id_text" %}

(in a form class: ``forms.Textarea(attrs={"data-soft-start": ""})``). The include brings its own
script and stylesheet, and may sit inside another form (its "Use this" never sends that form) or in a
part of a live page that htmx swaps in (give that part an id and ``hx-preserve`` to keep what was
typed). As the person types, the script asks ``softstart:advice`` and shows what it says under the box,
with "Use this" to put the softer shape in the box. Nothing is kept or sent: the coach only reads, and
the words stay in the box until the person does something with them. Without JavaScript the include
says where the coach can be found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from breathingroom.refusals import Refused
from breathingroom.softstart.languages import Language, active
from breathingroom.writing import Writing

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

RULES = ("absolute", "accusing", "label", "contempt", "mind_reading", "threat")

NAMES: dict[str, _StrPromise] = {
    "absolute": _("Always or never"),
    "accusing": _("Blame"),
    "label": _("A label"),
    "contempt": _("Contempt"),
    "mind_reading": _("Mind-reading"),
    "threat": _("A threat or ultimatum"),
}
WHY: dict[str, _StrPromise] = {
    "absolute": _(
        "“%(words)s” makes one moment the whole story, so they may argue with the word instead of hearing "
        "you; try naming this one time."
    ),
    "accusing": _(
        "“%(words)s” puts what they did wrong first, which tends to start a defence; try saying what "
        "happened and how it landed on you."
    ),
    "label": _(
        "“%(words)s” says who they are rather than what they did, and people defend who they are; try "
        "naming the one thing that happened."
    ),
    "contempt": _(
        "“%(words)s” can sound like looking down on them, which hurts more than any words; try saying "
        "plainly what hurt."
    ),
    "mind_reading": _(
        "“%(words)s” tells them what they think or want, which they can only deny; try saying what you "
        "felt, and ask what was going on for them."
    ),
    "threat": _(
        "“%(words)s” turns the talk into winning and losing; try saying what you need, and what you will "
        "do to look after yourself."
    ),
}
# A flag longer than this is quoted in its why by its start.
LONGEST_QUOTE = 48

SOFT_START_LENGTH = 2000
SOFT_START_WORDS = Writing(
    limit=SOFT_START_LENGTH,
    too_long=_("The coach reads up to %(n)s characters at a time. Try a few sentences on their own."),
)


class TooLongToCheck(Refused):
    status = 422


@dataclass(frozen=True)
class Flag:
    """Words in the text that tend to start a fight, by which rule."""

    rule: str
    start: int
    end: int
    words: str

    @property
    def name(self) -> str:
        return str(NAMES[self.rule])

    @property
    def why(self) -> str:
        words = " ".join(self.words.split())
        if len(words) > LONGEST_QUOTE:
            words = words[: LONGEST_QUOTE - 1].rstrip() + "…"
        return str(WHY[self.rule]) % {"words": words}


@dataclass(frozen=True)
class Piece:
    """A stretch of the text, for showing it with its flags: ``notes`` are the number (from 1) and rule's
    name of each flag over it. Flags that overlap share one stretch, so no mark is cut in two."""

    text: str
    notes: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class Advice:
    """What the coach says about a text: its flags, in the order they come, and a softer shape of it
    (None when it already reads gently)."""

    text: str
    flags: tuple[Flag, ...]
    softer: str | None

    @property
    def harsh(self) -> bool:
        return bool(self.flags)

    @property
    def rules(self) -> list[str]:
        """The names of the rules flagged, each once, in the order they first come."""
        return list(dict.fromkeys(flag.name for flag in self.flags))

    def pieces(self) -> list[Piece]:
        found = []
        at = 0
        for start, end in _joined([(flag.start, flag.end) for flag in self.flags]):
            if at < start:
                found.append(Piece(self.text[at:start], ()))
            notes = tuple((n, f.name) for n, f in enumerate(self.flags, 1) if start <= f.start and f.end <= end)
            found.append(Piece(self.text[start:end], notes))
            at = end
        if at < len(self.text):
            found.append(Piece(self.text[at:], ()))
        return found


def check(text: str) -> Advice:
    """What the coach says about ``text``, in the active language.

    Nothing is kept: the text is read and forgotten. Text longer than the coach reads is refused
    (:class:`TooLongToCheck`), whoever asks.
    """
    SOFT_START_WORDS.check(text, TooLongToCheck)
    language = active()
    flags = _flags(text, language)
    return Advice(text, flags, _softer(text, flags, language) if flags else None)


# --- Finding the flags -------------------------------------------------------------------------------

# Right and left single quotes, the modifier apostrophe, the grave and acute accents, the prime.
_APOSTROPHES = dict.fromkeys(map(ord, "\u2019\u2018\u02bc`\u00b4\u2032"), "'")
_QUOTES = dict.fromkeys(map(ord, "\u201c\u201d\u201e\u2033\u00ab\u00bb"), '"')


def _fold(text: str) -> str:
    """``text`` as patterns read it, character for character, so every offset stays the same."""
    text = text.translate(_APOSTROPHES).translate(_QUOTES)
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def _flags(text: str, language: Language) -> tuple[Flag, ...]:
    folded = _fold(text)
    found: list[tuple[int, int, int]] = []  # (start, end, rule's place), overlapping ones of a rule joined
    for place, rule in enumerate(RULES):
        gentle = [
            m.span()
            for pattern in language.unless.get(rule, ())
            for m in pattern.finditer(folded)
            if m.end() > m.start()
        ]
        spans: list[tuple[int, int]] = []
        for pattern in language.harsh.get(rule, ()):
            for match in pattern.finditer(folded):
                if any(start < match.end() and match.start() < end for start, end in gentle):
                    continue
                start, end = match.span("flag") if "flag" in pattern.groupindex else match.span()
                start, end = _trimmed(folded, start, end)
                if start < end:
                    spans.append((start, end))
        for start, end in _joined(spans):
            found.append((start, end, place))
    found.sort()
    return tuple(Flag(RULES[place], start, end, text[start:end]) for start, end, place in found)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _joined(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and start < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


# --- The softer shape --------------------------------------------------------------------------------

# Rules whose words the softer shape leaves out; absolutes are said gently, blame is reworded.
_LEFT_OUT = {"label", "contempt", "mind_reading", "threat"}
_FRAGMENT_EDGES = " \t,:\u2013\u2014-()[]…"  # with the en and em dashes
_MOST_ROUNDS = 3
# The parts of the shape the person's own words may already say, in the order they are looked for.
_SLOTS = ("feel", "need", "ask")


def _softer(text: str, flags: tuple[Flag, ...], language: Language) -> str:
    shaped = _shape(_gentler(text, flags, language, leave_out=_LEFT_OUT), language)
    # What the shape itself makes harsh (words that meet in a new way) is reworded where a pattern says
    # how, and otherwise kept: the shape never leaves out more of the person's words than was flagged.
    for _round in range(_MOST_ROUNDS):
        again = tuple(flag for flag in _flags(shaped, language) if flag.rule != "absolute")
        if not again:
            break
        shaped = _shape(_gentler(shaped, again, language, leave_out=set()), language)
    return shaped


def _gentler(text: str, flags: tuple[Flag, ...], language: Language, *, leave_out: set[str]) -> str:
    """``text`` with the flagged words reworded, said gently or left out.

    Words a ``REWORD`` pattern finds are reworded whatever their rule; otherwise an absolute is said
    gently, blame stays (the shape's "When …" turns it into what happened), and the rest is left out.
    """
    folded = _fold(text)
    reworded: list[tuple[int, int]] = []
    edits: list[tuple[int, int, str]] = []
    for flag in flags:
        if flag.rule == "absolute":
            continue
        if any(pattern.search(folded, flag.start, flag.end) for pattern, _words in language.reword):
            reworded.append((flag.start, flag.end))
        elif flag.rule in leave_out:
            edits.append((flag.start, flag.end, ""))
    dropped = _joined([(start, end) for start, end, _words in edits])
    edits = [(start, end, "") for start, end in dropped]
    for flag in flags:
        if flag.rule == "absolute" and not any(s < flag.end and flag.start < e for s, e in dropped):
            edits.append((flag.start, flag.end, _gently(folded, flag, language.module)))
    edits = _apart(edits)
    # Each reworded stretch is found again in the text as it is after the edits, and reworded there.
    moved = [
        (start + _shift(edits, start), end + _shift(edits, end))
        for start, end in _joined(reworded)
        if not any(s <= start and end <= e for s, e in dropped)
    ]
    text = _edited(text, edits)
    for start, end in sorted(moved, reverse=True):
        stretch = text[start:end]
        for pattern, words in language.reword:
            match = pattern.search(_fold(stretch))
            if match is not None:
                said = stretch[: match.start()] + _padded(words) + stretch[match.end() :]
                text = text[:start] + _cased(stretch, said) + text[end:]
                break
    return text


def _apart(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``edits`` in order, without any that overlaps one before it."""
    kept: list[tuple[int, int, str]] = []
    for edit in sorted(edits):
        if not kept or edit[0] >= kept[-1][1]:
            kept.append(edit)
    return kept


def _shift(edits: list[tuple[int, int, str]], at: int) -> int:
    """How far the character at ``at`` moves once ``edits`` are made."""
    return sum(len(_padded(words)) - (end - start) for start, end, words in edits if end <= at)


def _padded(words: str) -> str:
    return f" {words} " if words else " "


def _edited(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, words in reversed(edits):
        text = text[:start] + _cased(text[start:end], _padded(words)) + text[end:]
    return text


def _cased(before: str, after: str) -> str:
    """``after`` begins with a capital where ``before`` began a sentence with one."""
    stripped = after.lstrip()
    if before[:1].isupper() and before[1:2].islower() and stripped[:1].islower():
        at = len(after) - len(stripped)
        return after[:at] + stripped[0].upper() + stripped[1:]
    return after


def _gently(folded: str, flag: Flag, words: ModuleType) -> str:
    said = " ".join(folded[flag.start : flag.end].split())
    never = getattr(words, "NEVER", None)
    if never is None or not re.match(never, said):
        return str(words.GENTLER.get(said, ""))
    verb = re.sub(never, "", said, count=1).strip()
    if verb in words.PRESENT_OF:
        return f"{words.NEVER_PAST_OTHER} {words.PRESENT_OF[verb]}"
    before = folded[: flag.start].split()
    after = folded[flag.end :].split()
    if before and before[-1].strip(",") in words.NEVER_AFTER:
        return str(words.NEVER_NOT)
    if after and re.fullmatch(words.NEVER_PAST_ALIKE, after[0].strip(".,!?;")):
        return str(words.NEVER_PAST)
    return str(words.NEVER_OTHERWISE)


def _shape(text: str, language: Language) -> str:
    words = language.module
    folded = _fold(text)
    taken: list[tuple[int, int]] = []
    said: dict[str, str] = {}
    for slot in _SLOTS:
        for pattern in language.parts.get(slot, ()):
            match = next(
                (m for m in pattern.finditer(folded) if not any(s < m.end() and m.start() < e for s, e in taken)),
                None,
            )
            if match is not None:
                said[slot] = _tidy(text[match.start("part") : match.end("part")], words)
                taken.append(match.span())
                break
    situation = text
    for start, end in sorted(taken, reverse=True):
        situation = situation[:start] + "\n" + situation[end:]
    fragments = [_fragment(piece, words) for piece in re.split(r"[.!?;\n]+", situation)]
    when = getattr(words, "AND_WHEN", " ").join(fragment for fragment in fragments if fragment)
    if not said.get("ask"):
        # Asked of one thing that happened, never of two joined ("would you listen and when …?").
        said["ask"] = next(filter(None, (_ask_from(fragment, language) for fragment in fragments)), "")
    filled = {slot: said.get(slot) or words.BLANK for slot in _SLOTS}
    return str(words.SHAPE.format(when=when or words.BLANK, **filled))


def _fragment(piece: str, words: ModuleType) -> str:
    piece = _tidy(piece, words)
    while True:
        first, _space, rest = piece.partition(" ")
        if _fold(first).strip(",") not in getattr(words, "LEAD_WORDS", ()):
            break
        piece = rest.lstrip(_FRAGMENT_EDGES)
    if all(word in words.FUNCTION_WORDS for word in re.findall(r"[\w']+", _fold(piece))):
        return ""
    return _lowered(piece, words)


def _tidy(piece: str, words: ModuleType) -> str:
    piece = " ".join(piece.split())
    piece = re.sub(r"\s+([,;:!?.])", r"\1", piece)
    piece = re.sub(r",(\s*,)+", ",", piece)
    return _lowered(piece.strip(_FRAGMENT_EDGES + "?.!;"), words)


def _lowered(piece: str, words: ModuleType) -> str:
    """A thought put inside the shape's sentence begins in lower case, unless it begins with a name."""
    first = _fold(piece).split(" ", 1)[0]
    if first in words.FUNCTION_WORDS and first not in getattr(words, "ALWAYS_CAPITAL", ()):
        return piece[0].lower() + piece[1:]
    return piece


def _ask_from(when: str, language: Language) -> str:
    for pattern in language.ask_from:
        match = pattern.search(_fold(when))
        if match is not None:
            asked = when[match.start("part") : match.end("part")].strip(_FRAGMENT_EDGES)
            if len(asked.split()) <= getattr(language.module, "LONGEST_ASK", 8):
                return asked
    return ""
