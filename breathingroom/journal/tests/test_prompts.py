"""The prompts: several for each lens, stable keys, and every one in the project's own words."""

from __future__ import annotations

import re
from pathlib import Path

from breathingroom.journal.prompts import LENSES, PROMPT_KEY_LENGTH, PROMPTS, prompt

SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"
# Six words in a row shared with an essay would be borrowing a sentence, not an idea.
BORROWED = 6


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower().replace("\u2019", "'"))


def runs(text: str, n: int = BORROWED) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + n]) for i in range(len(found) - n + 1)}


def test_there_are_the_four_lenses_each_with_a_reason_and_several_prompts():
    assert [lens.key for lens in LENSES] == ["attachment", "accountability", "body", "closeness"]
    for lens in LENSES:
        assert str(lens.why).endswith(".")
        assert len(lens.prompts) >= 5, lens.key
        assert all(p.lens is lens for p in lens.prompts)


def test_keys_are_unique_fit_their_column_and_name_their_lens():
    keys = [p.key for lens in LENSES for p in lens.prompts]
    assert len(keys) == len(set(keys)) == len(PROMPTS)
    for lens in LENSES:
        for p in lens.prompts:
            assert re.fullmatch(r"[a-z_]+", p.key)
            assert len(p.key) <= PROMPT_KEY_LENGTH
            assert p.key.startswith(f"{lens.key}_")


def test_a_key_no_longer_offered_is_simply_no_prompt():
    assert prompt("body_right_now") is PROMPTS["body_right_now"]
    assert prompt("retired_long_ago") is None
    assert prompt("") is None


def test_no_prompt_or_lens_borrows_a_sentence_from_the_seeds():
    # The essays live beside a working copy, not in the repository: where they are absent (CI),
    # there is nothing to compare with, and this was already checked where the prompts were written.
    if not SEEDS.is_dir():
        return
    seeds = set().union(*(runs(path.read_text()) for path in SEEDS.glob("*.txt")))
    ours = [str(lens.why) for lens in LENSES] + [str(p.text) for p in PROMPTS.values()]
    assert [text for text in ours if runs(text) & seeds] == []
