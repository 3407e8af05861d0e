"""The coach's rules one by one: the right rule, on the right words, at the right place; the softer shape
keeps the person's own words; any text at all is read without harm; each language is one file."""

from __future__ import annotations

import re
import sys
import types

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from breathingroom.softstart import coach, languages
from breathingroom.softstart.languages import en
from breathingroom.softstart.tests.sentences_en import HARSH, SOFT

# The coach reads text, never the database: the first CI pass proves it.
pytestmark = pytest.mark.once


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# (text, rule, the words pointed out)
FLAGGED = [
    ("You never listen to me.", "absolute", "never"),
    ("Honestly you ALWAYS do this", "absolute", "ALWAYS"),
    ("Every time I try to talk, you walk away.", "absolute", "Every time"),
    ("Late again, as usual.", "absolute", "as usual"),
    ("Not once have you asked how my day was.", "absolute", "Not once have you"),
    ("You never came to my games.", "absolute", "never came"),
    ("It's all your fault.", "accusing", "It's all your fault"),
    ("How could you forget my birthday?", "accusing", "How could you"),
    ("You made me feel stupid in front of everyone.", "accusing", "You made me feel"),
    ("You don’t listen to a word I say.", "accusing", "You don’t listen"),  # noqa: RUF001
    ("You're so lazy.", "label", "You're so lazy"),
    ("You idiot, you locked us out.", "label", "You idiot"),
    ("ur such a slob", "label", "ur such a slob"),
    ("That's so selfish of you!", "label", "That's so selfish of you"),
    ("Oh great, you forgot again 🙄", "contempt", "🙄"),
    ("Oh great, you forgot again 🙄", "contempt", "Oh great"),
    ("Sure, whatever you say *rolls eyes*", "contempt", "*rolls eyes*"),
    ("Fine. 🤦🏽‍♀️", "contempt", "🤦🏽‍♀️"),
    ("Yeah right, like that'll happen", "contempt", "Yeah right"),
    ("You just want to be right.", "mind_reading", "You just want to be right"),
    ("I feel like you don't care, honestly", "mind_reading", "you don't care"),
    ("You dont care about me", "mind_reading", "You dont care about me"),
    ("If you do that again, I'm leaving.", "threat", "If you do that again, I'm leaving"),
    ("Do it or else.", "threat", "or else"),
    ("This is your LAST CHANCE.", "threat", "your LAST CHANCE"),
]


@pytest.mark.parametrize(("text", "rule", "words"), FLAGGED)
def test_each_rule_points_at_its_words(text, rule, words):
    advice = coach.check(text)
    start = text.index(words)
    assert (rule, start, start + len(words)) in [(f.rule, f.start, f.end) for f in advice.flags], advice.flags
    flag = next(f for f in advice.flags if f.rule == rule and f.start == start)
    assert flag.words == words
    assert advice.harsh


def test_each_flag_says_its_rule_and_why_in_a_calm_line():
    advice = coach.check("You never listen, you idiot 🙄")
    # In the order they come in the text.
    assert [(f.rule, f.name, f.words) for f in advice.flags] == [
        ("accusing", "Blame", "You never listen"),
        ("absolute", "Always or never", "never"),
        ("label", "A label", "you idiot"),
        ("contempt", "Contempt", "🙄"),
    ]
    never = advice.flags[1]
    assert never.why == (
        "“never” makes one moment the whole story, so they may argue with the word instead of hearing you; "
        "try naming this one time."
    )
    for flag in advice.flags:
        assert "\n" not in flag.why
        assert flag.why.count(".") <= 1
    assert advice.rules == ["Blame", "Always or never", "A label", "Contempt"]


def test_a_long_flag_is_quoted_by_its_start():
    text = "You only care about yourself and your friends and your phone and your games and your car."
    (flag,) = coach.check(text).flags
    assert flag.rule == "mind_reading"
    assert flag.why.startswith(f"“{text[: coach.LONGEST_QUOTE - 1].rstrip()}…”")


@pytest.mark.parametrize(
    "text",
    [
        "I never want to lose you",
        "you matter to me",
        "you always make me laugh",
        "You always make me laugh 😂",
        "YOU ALWAYS MAKE ME LAUGH!!!",
        "you’re always so patient",  # noqa: RUF001
        "I feel like you're upset",
        "I feel like you’re upset.",  # noqa: RUF001
        "I feel like you’re upset 😟",  # noqa: RUF001
        "Do you always take the early train?",
        "It's not your fault",
        "Whatever you need, I'm here",
        "I'm such an idiot sometimes",
        "You never let me down ❤️",
        "",
        "   ",
        "🙂",
    ],
)
def test_gentle_words_are_left_alone_whatever_their_case_punctuation_or_emoji(text):
    advice = coach.check(text)
    assert advice.flags == ()
    assert not advice.harsh
    assert advice.softer is None


@pytest.mark.parametrize(
    "text",
    ["You never listen", "you NEVER listen!!", "you never listen 😤", "U never listen", "you never, ever listen"],
)
def test_harsh_words_are_found_whatever_their_case_punctuation_or_emoji(text):
    assert "absolute" in {flag.rule for flag in coach.check(text).flags}


@pytest.mark.parametrize(
    "text",
    ["You don't care", "You don’t care", "You dont care", "You do not care", "you DON'T care"],  # noqa: RUF001
)
def test_every_spelling_of_a_contraction_is_read_alike(text):
    (flag,) = coach.check(text).flags
    assert (flag.rule, flag.start, flag.end) == ("mind_reading", 0, len(text))


def test_offsets_count_characters_of_the_text_as_written_after_emoji_and_curly_apostrophes():
    text = "💔💔 Honestly? You’re such a slob."  # noqa: RUF001
    (flag,) = coach.check(text).flags
    assert text[flag.start : flag.end] == "You’re such a slob"  # noqa: RUF001
    assert (flag.start, flag.end) == (13, 31)


def test_a_letter_that_grows_when_lowered_keeps_every_offset_in_place():
    text = "İstanbul was lovely. You never call me."
    flags = coach.check(text).flags
    assert [text[f.start : f.end] for f in flags] == ["You never call", "never"]


@pytest.mark.parametrize(
    ("text", "softer"),
    [
        (
            "You never help with the kids.",
            "When you don't help with the kids, I feel …, I need …; would you help with the kids?",
        ),
        (
            "You always leave your dishes in the sink.",
            "When you leave your dishes in the sink, I feel …, I need …; would you …?",
        ),
        (
            "You never called me back yesterday.",
            "When you haven't called me back yesterday, I feel …, I need …; would you …?",
        ),
        ("You're never home on time.", "When you're not home on time, I feel …, I need …; would you …?"),
        (
            "You made me feel stupid in front of everyone.",
            "When …, I feel stupid in front of everyone, I need …; would you …?",
        ),
        ("How could you forget my birthday?", "When you forget my birthday, I feel …, I need …; would you …?"),
        ("You idiot, you locked us out.", "When you locked us out, I feel …, I need …; would you …?"),
        (
            "You always leave the lights on, I'm so tired of it, I need some help. Can you please switch them off?",
            "When you leave the lights on, I feel tired of it, I need some help; would you please switch them off?",
        ),
        ("You're so lazy.", "When …, I feel …, I need …; would you …?"),
        (
            "You never listen to me. I wish we had more time together.",
            "When you don't listen to me, I feel …, I need more time together; would you listen to me?",
        ),
        (
            "You never listen. I wish for more time with you.",
            "When you don't listen, I feel …, I need more time with you; would you listen?",
        ),
        (
            "You never listen. I wish you would hold me.",
            "When you don't listen, I feel …, I need …; would you hold me?",
        ),
        (
            "You never listen. I wish to be heard.",
            "When you don't listen, I feel …, I need to be heard; would you listen?",
        ),
        (
            "You never listen. I'd like to eat together.",
            "When you don't listen, I feel …, I need to eat together; would you listen?",
        ),
        (
            "You never listen. I wish it were different.",
            "When you don't listen and when I wish it were different, I feel …, I need …; would you listen?",
        ),
    ],
)
def test_the_softer_shape_keeps_the_persons_own_words(text, softer):
    assert coach.check(text).softer == softer


def test_text_longer_than_the_coach_reads_is_refused_calmly():
    with pytest.raises(coach.TooLongToCheck) as refused:
        coach.check("a" * (coach.SOFT_START_LENGTH + 1))
    assert str(refused.value.message) == (
        "The coach reads up to 2000 characters at a time. Try a few sentences on their own."
    )
    assert refused.value.status == 422
    assert coach.check("a" * coach.SOFT_START_LENGTH).flags == ()


# --- Languages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["en", "en-gb", "en-us", "de", "pt-br", "xx"])
def test_a_language_without_its_own_file_is_read_in_english(code):
    with translation.override(code):
        assert [f.rule for f in coach.check("You never listen").flags] == ["accusing", "absolute"]


@pytest.fixture
def esperanto():
    """A language added the way any is: one data module in languages/."""
    name = "breathingroom.softstart.languages.eo"
    module = types.ModuleType(name)
    module.HARSH = {"absolute": [r"vi (?P<flag>ĉiam|neniam)"]}
    module.UNLESS = {"absolute": [r"vi ĉiam ridigas min"]}
    module.PARTS = {"feel": [r"mi sentas min (?P<part>[^.,]+)"]}
    module.SHAPE = "Kiam {when}, mi sentas min {feel}, mi bezonas {need}; ĉu vi {ask}?"
    module.BLANK = "…"
    module.GENTLER = {"ĉiam": ""}
    module.FUNCTION_WORDS = {"vi", "mi", "min"}
    sys.modules[name] = module
    languages.compiled.cache_clear()
    yield
    del sys.modules[name]
    languages.compiled.cache_clear()


def test_a_language_is_added_by_adding_its_one_file(esperanto):
    with translation.override("eo"):
        advice = coach.check("Vi ĉiam forgesas la ŝlosilojn. Mi sentas min laca.")
        assert [(f.rule, f.words) for f in advice.flags] == [("absolute", "ĉiam")]
        assert advice.flags[0].why.startswith("“ĉiam”")
        assert advice.softer == "Kiam vi forgesas la ŝlosilojn, mi sentas min laca, mi bezonas …; ĉu vi …?"
        assert coach.check("Vi ĉiam ridigas min").flags == ()
    # English is untouched.
    assert coach.check("Vi ĉiam forgesas").flags == ()


def test_every_english_pattern_reads():
    language = languages.compiled("en")
    assert language is not None
    assert sum(map(len, language.harsh.values())) == sum(map(len, en.HARSH.values()))


# --- Any text at all ----------------------------------------------------------------------------------

PIECES = (
    [text for text, _rule in HARSH]
    + SOFT
    + [
        "you",
        "never",
        "always",
        "’",  # noqa: RUF001
        "…",
        "🙄",
        "🤦🏽‍♀️",
        "❤️",
        "\n",
        ",",
        "?",
        "I feel",
        "I need",
        "would you",
        "please",
        "when",
        "{when}",
        "%(words)s",
        "İ",
        "ß",
        "\u0301",
        "\u200d",
    ]
)
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=8).map(" ".join)
ANY_TEXT = st.text(max_size=coach.SOFT_START_LENGTH) | texts


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[\w']+", coach._fold(text)) if w not in en.FUNCTION_WORDS}


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_any_text_is_read_without_harm_and_every_flag_lies_inside_it(text):
    advice = coach.check(text)
    assert advice.harsh == bool(advice.flags)
    assert (advice.softer is None) == (not advice.harsh)
    for flag in advice.flags:
        assert 0 <= flag.start < flag.end <= len(text)
        assert flag.words == text[flag.start : flag.end]
        assert flag.rule in coach.RULES
        assert flag.why
    assert [(f.start, f.end) for f in advice.flags] == sorted((f.start, f.end) for f in advice.flags)
    assert "".join(piece.text for piece in advice.pieces()) == text


@settings(max_examples=300, deadline=None)
@given(texts)
def test_the_softer_shape_keeps_every_content_word_the_coach_did_not_point_out(text):
    advice = coach.check(text)
    if advice.softer is None:
        return
    left = "".join(" " if any(f.start <= i < f.end for f in advice.flags) else ch for i, ch in enumerate(text))
    assert _content(left) <= _content(advice.softer), (text, advice.softer)
