"""Searching one's own journal, whose words the database holds only encrypted."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from breathingroom import writing
from breathingroom.journal import entries, search
from breathingroom.journal.models import Entry
from breathingroom.journal.search import Piece, excerpt, fold, words_of

db_examples = hsettings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def found(person, query: str) -> list[str]:
    return [entry.text for entry in search.search(person, query)[:]]


# --- Folding: case, accents and look-alikes ------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "searched"),
    [
        ("Zoë", "zoe"),
        ("ZOË", "Zoë"),
        ("café", "CAFE"),
        ("cafe\u0301", "café"),  # an accent typed as its own character
        ("Straße", "strasse"),
        ("İstanbul", "istanbul"),
        ("ﬁnally", "finally"),  # a ligature
        ("\uff21\uff4c\uff45\uff58", "alex"),  # full-width letters
        ("ΣΟΦΊΑ", "σοφια"),
        ("Привет", "привет"),
        ("naïve", "NAIVE"),
    ],
)
def test_case_accents_and_look_alikes_make_no_difference(alex, written, searched):
    entry = entries.write(alex, f"I wrote {written} here.")
    assert found(alex, searched) == [entry.text]


def test_every_word_must_appear_in_any_order_as_a_word_or_part_of_one(alex):
    entries.write(alex, "Calmer after the walk. The rain helped.")
    entries.write(alex, "The walk was cold.")
    assert found(alex, "rain walk") == ["Calmer after the walk. The rain helped."]
    assert found(alex, "calm") == ["Calmer after the walk. The rain helped."]
    assert found(alex, "walk") == ["The walk was cold.", "Calmer after the walk. The rain helped."]
    assert found(alex, "walk snow") == []


@pytest.mark.parametrize("query", ["", "   ", "\u200b", "\u0301\u0301", "\x00"])
def test_a_query_with_nothing_searchable_has_no_words(query):
    assert words_of(query) == ()


def test_a_query_s_words_are_folded_and_each_kept_once():
    assert words_of("  Café  cafe\tMORE \u202e") == ("cafe", "more")


# --- Only one's own ----------------------------------------------------------------------------------


def test_a_search_reads_only_the_searchers_rows_and_only_their_words(alex, sam, couple):
    entries.write(sam, "lantern by the door")
    shared = entries.write(sam, "lantern on the stairs")
    entries.share(sam, shared.pk)
    entries.write(alex, "a lantern of my own")
    with CaptureQueriesContext(connection) as queries:
        result = search.search(alex, "lantern")
    assert len(result) == 1
    [sql] = [q["sql"] for q in queries.captured_queries]
    selected = sql.split(" FROM ")[0]
    assert '"text"' in selected
    assert '"id"' in selected
    assert "prompt" not in selected
    assert "shared" not in selected
    assert '"person_id" = ' in sql
    assert found(sam, "own") == []


@db_examples
@given(text=st.text(max_size=400), pick=st.integers(min_value=0))
def test_any_word_written_is_found_by_its_author_only(alex, sam, couple, robin, text, pick):
    assume(not writing.looks_blank(writing.tidy(text)))
    pieces = text.split()
    assume(pieces)
    word = pieces[pick % len(pieces)]
    assume(words_of(word) and len(word) <= search.QUERY_LENGTH)
    Entry.objects.all().delete()
    entry = entries.write(alex, text)
    entries.share(alex, entry.pk)  # shared or not: search is one's own words only
    assert [e.pk for e in search.search(alex, word)[:]] == [entry.pk]
    assert [e.pk for e in search.search(alex, word.upper())[:]] == [entry.pk]
    assert search.search(sam, word)[:] == []
    assert search.search(robin, word)[:] == []


@db_examples
@given(
    word=st.text(alphabet="aeiouncszy", min_size=1, max_size=12),
    marks=st.lists(st.sampled_from("\u0301\u0300\u0308\u0302\u0327\u030c"), max_size=4),
)
def test_accents_added_anywhere_are_still_found_without_them(alex, word, marks):
    accented = "".join(ch + (marks[i] if i < len(marks) else "") for i, ch in enumerate(word))
    Entry.objects.all().delete()
    entries.write(alex, f"before {accented} after")
    assert len(search.search(alex, word)) == 1
    assert len(search.search(alex, accented.upper())) == 1


@given(text=st.text(max_size=200))
def test_folding_a_text_is_folding_each_character(text):
    assert fold(text) == "".join(fold(ch) for ch in text)


# --- Results: newest first, a page at a time, with the words marked ----------------------------------


def test_results_are_newest_first_and_a_page_fetches_only_its_rows(alex):
    for i in range(25):
        entries.write(alex, f"entry {i}: the same worry again")
    result = search.search(alex, "worry")
    assert len(result) == 25
    with CaptureQueriesContext(connection) as queries:
        page = result[10:20]
    assert len(queries.captured_queries) == 1
    assert [e.text.split(":")[0] for e in page] == [f"entry {i}" for i in range(14, 4, -1)]


def test_an_entry_deleted_after_the_search_drops_out_of_its_page(alex):
    first = entries.write(alex, "one worry")
    entries.write(alex, "two worries")
    result = search.search(alex, "worr")
    entries.delete(alex, first.pk)
    assert [e.text for e in result[:]] == ["two worries"]


def test_an_excerpt_marks_each_word_where_it_was_written():
    pieces = excerpt("Zoë said the café was closed, so we walked home.", words_of("zoe CAFE"))
    assert pieces == [
        Piece("Zoë", match=True),
        Piece(" said the "),
        Piece("café", match=True),
        Piece(" was closed, so we walked home."),
    ]


def test_a_long_entry_is_shown_around_its_first_match():
    text = " ".join(["quiet"] * 100) + " the lighthouse at dusk " + " ".join(["still"] * 100)
    pieces = excerpt(text, words_of("lighthouse"))
    assert pieces[0] == Piece("…")
    assert pieces[-1] == Piece("…")
    shown = "".join(p.text for p in pieces)
    assert len(shown) < 300
    assert [p.text for p in pieces if p.match] == ["lighthouse"]
    # No word is cut in half at either end.
    assert shown.startswith(("… quiet", "…quiet"))
    assert shown.rstrip("…").endswith(("still ", "still"))


@given(text=st.text(min_size=1, max_size=300), query=st.text(min_size=1, max_size=20))
def test_an_excerpt_is_always_made_of_the_words_as_written(text, query):
    pieces = excerpt(text, words_of(query))
    shown = "".join(p.text for p in pieces).removeprefix("…").removesuffix("…")
    assert shown in text
    words = words_of(query)
    assert any(p.match for p in pieces) == any(word in fold(text) for word in words)


def test_a_plain_word_found_in_lower_case_is_found_folded_for_every_character():
    # What lets a search skip folding most entries: wherever a character lowers to plain letters,
    # folding gives the same letters in the same place, so a plain word running through it, into it
    # or out of it is found in both (U+0130 lowers to "i" and a dot, and folds to "i").
    different = []
    for code in range(0x80, 0x110000):
        ch = chr(code)
        lowered, folded = ch.lower(), fold(ch)
        runs = re.findall(r"[\x00-\x7f]+", lowered)
        if not runs:
            continue
        same = (
            folded == lowered
            if lowered.isascii()
            else all(run in folded for run in runs)
            and folded.startswith(re.match(r"[\x00-\x7f]*", lowered).group())
            and folded.endswith(re.search(r"[\x00-\x7f]*$", lowered).group())
        )
        if not same:
            different.append(hex(code))
    assert different == []


@db_examples
@given(text=st.text(max_size=200), query=st.text(max_size=20))
def test_the_quick_way_finds_exactly_what_folding_finds(text, query):
    words = words_of(query)
    assume(words)
    assert search.found_in(text, words) == all(word in fold(text) for word in words)
