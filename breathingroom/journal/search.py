"""Searching a person's own journal, although the database holds the words only encrypted.

The database cannot look inside an encrypted column, so SQL ``LIKE`` has nothing to match. Two ways
were weighed:

- A keyed "blind index": beside each entry, a keyed hash (HMAC) of every word in it, which the
  database can match exactly. Fast at any size, but it leaks: a copy of the database shows how many
  distinct words each entry has, which entries share words, and how often each hashed word recurs,
  which over a few thousand entries lets common words be guessed by their frequency. It finds whole
  words only (no "calm" in "calmer" unless every prefix is hashed too, which leaks more), must be
  rebuilt when its key changes, and is a second copy of the words to keep in step on every edit.
- Decrypt and scan: read only the searching person's own rows, only their id and words, open each
  in the app and look in it there. Nothing more is stored, so a copy of the database says nothing
  new, and it finds any part of a word. The cost grows with the number of entries one person has
  (never with anyone else's): opening an entry takes a few hundredths of a millisecond and folding
  one that is not plain letters about as long again, so 3,000 entries of ordinary length take about
  a quarter of a second on a small two-core machine, as ``bench/journal_search.py`` measures. Most
  entries are settled without folding (see ``found_in``).

So the journal decrypts and scans. Matching ignores case and accents: both the words and the
query are compared in one folded form (compatibility decomposition, full case folding, combining
marks removed), so "Zoë", "ZOE" and "zoe" find each other. Every word of the query must appear in
an entry for it to be found, in any order, as a word or part of one.

What is searched for is private too. The pages send it in the body of a POST, never in an address,
so it stays out of browser history, server access logs and Referer headers; the API takes ``?q=``
as its document says, so clients should know that their query sits in the request line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, overload
from uuid import UUID

from breathingroom.journal.models import Entry
from breathingroom.writing import tidy

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person

QUERY_LENGTH = 200
# Around the first match, what a result shows of an entry: a little before, more after.
BEFORE_MATCH = 60
AFTER_MATCH = 180
# How far an excerpt's edge may move to reach a space (text in some scripts has none).
WIDEN_AT_MOST = 24
# Rows read from the database at a time: a person's whole journal is never held at once.
CHUNK = 500


@cache
def _is_mark(ch: str) -> bool:
    """A combining mark: what accents are made of once a letter is decomposed.

    Every character with a combining class counts, so the marks that decomposition reorders among
    themselves all go, and folding a text gives the same as folding each of its characters.
    """
    return bool(unicodedata.combining(ch)) or unicodedata.category(ch) in {"Mn", "Me"}


def fold(text: str) -> str:
    """``text`` in the one form search compares: without case, accents or compatibility variants."""
    if text.isascii():
        return text.lower()  # the same as the rest below, for text that has nothing else to fold
    text = unicodedata.normalize("NFKD", text).casefold()
    # Full case folding can give back a letter with its accent still attached ("İ"): decompose again.
    if not unicodedata.is_normalized("NFKD", text):
        text = unicodedata.normalize("NFKD", text)
    # Each different character is looked at once: far faster than going through the text.
    for mark in [ch for ch in set(text) if _is_mark(ch)]:
        text = text.replace(mark, "")
    return text


def words_of(query: str) -> tuple[str, ...]:
    """The folded words of ``query``, each once; none when nothing searchable was written."""
    folded = (fold(tidy(part)) for part in tidy(query).split())
    return tuple(dict.fromkeys(word for word in folded if word))


def found_in(text: str, words: tuple[str, ...]) -> bool:
    """Every one of ``words`` (folded) appears in ``text`` once it is folded."""
    if all(word.isascii() for word in words):
        # Most entries are settled here without the cost of folding them. A word of plain letters
        # found in the text in lower case is found in it folded too (no character lowers to plain
        # letters that folding turns into others), and in a text of plain letters lower case is
        # folding.
        lowered = text.lower()
        if all(word in lowered for word in words):
            return True
        if text.isascii():
            return False
    folded = fold(text)
    return all(word in folded for word in words)


def search(person: Person, query: str) -> Found:
    """``person``'s own entries in which every word of ``query`` appears, newest first.

    Only this person's rows are read, and of them only the id and the words.
    """
    words = words_of(query)
    rows = Entry.objects.written_by(person).newest_first().values_list("id", "text")
    ids = [pk for pk, text in rows.iterator(chunk_size=CHUNK) if found_in(text, words)]
    return Found(ids, words)


@dataclass
class Found(Sequence[Entry]):
    """The entries found, as a list a paginator can count and slice: only a page's rows are fetched."""

    ids: list[UUID]
    words: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> Entry: ...

    @overload
    def __getitem__(self, index: slice) -> list[Entry]: ...

    def __getitem__(self, index: int | slice) -> Entry | list[Entry]:
        if isinstance(index, int):
            return self[index : index + 1 or None][0]
        ids = self.ids[index]
        by_id = Entry.objects.filter(pk__in=ids).select_related("person").in_bulk()
        # An entry deleted since the search simply drops out of its page.
        return [by_id[pk] for pk in ids if pk in by_id]


@dataclass(frozen=True)
class Piece:
    text: str
    match: bool = False


@cache
def _folded_char(ch: str) -> str:
    return fold(ch)


def excerpt(text: str, words: tuple[str, ...]) -> list[Piece]:
    """A short stretch of ``text`` around the first place ``words`` appear, with each appearance marked.

    Found on the folded text and marked on the words as written, so "Zoë" is marked where "zoe" was
    searched for.
    """
    # Folding each character alone gives the same text as folding it whole (see ``_marks``), and says
    # which written character each folded one came from.
    folded: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        part = _folded_char(ch)
        folded.append(part)
        origin.extend([i] * len(part))
    whole = "".join(folded)
    spans: list[tuple[int, int]] = []
    for word in words:
        at = whole.find(word)
        while at != -1:
            spans.append((origin[at], origin[at + len(word) - 1] + 1))
            at = whole.find(word, at + len(word))
    spans = _merged(spans)
    first = spans[0][0] if spans else 0
    start, end = _widened(text, max(0, first - BEFORE_MATCH), min(len(text), first + AFTER_MATCH))
    pieces = [Piece("…")] if start > 0 else []
    at = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start > at:
            pieces.append(Piece(text[at:span_start]))
        pieces.append(Piece(text[span_start:span_end], match=True))
        at = span_end
    if at < end:
        pieces.append(Piece(text[at:end]))
    if end < len(text):
        pieces.append(Piece("…"))
    return pieces


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _widened(text: str, start: int, end: int) -> tuple[int, int]:
    """Move the edges of an excerpt out to the nearest spaces, so no word is cut in half where a space is near."""
    earliest, latest = max(0, start - WIDEN_AT_MOST), min(len(text), end + WIDEN_AT_MOST)
    while start > earliest and not text[start - 1].isspace():
        start -= 1
    while end < latest and not text[end].isspace():
        end += 1
    return start, end
