"""The cycle: the pattern each pair of moves makes, too few episodes, and only what both shared counts."""

from __future__ import annotations

import itertools

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from breathingroom.couples.models import Couple
from breathingroom.dance import episodes
from breathingroom.dance.cycle import ENOUGH, Pattern, cycle_of, pattern_of
from breathingroom.dance.models import Episode
from breathingroom.dance.tests.conftest import episode_with, side
from breathingroom.dance.vocabulary import FAMILY, Family, Move

TOWARDS = [m for m in Move if FAMILY.get(m) == Family.TOWARDS]
AWAY = [m for m in Move if FAMILY.get(m) == Family.AWAY]


@pytest.mark.parametrize(("mine", "theirs"), list(itertools.product(Move, Move)), ids=str)
def test_every_pair_of_moves_names_one_pattern_or_none(mine, theirs):
    found = pattern_of(mine, theirs)
    if Move.OTHER in (mine, theirs):
        assert found is None
    elif mine in TOWARDS and theirs in TOWARDS:
        assert found == Pattern.ATTACK_ATTACK
    elif mine in AWAY and theirs in AWAY:
        assert found == Pattern.WITHDRAW_WITHDRAW
    else:
        assert found == Pattern.PURSUE_WITHDRAW
    # The loop is the couple's: it reads the same from either side.
    assert pattern_of(theirs, mine) == found


def test_no_move_names_no_pattern():
    assert pattern_of(None, Move.WITHDREW) is None
    assert pattern_of(Move.PURSUED, None) is None


@pytest.mark.parametrize(
    ("alex_move", "sam_move", "pattern"),
    [
        (Move.PURSUED, Move.WITHDREW, Pattern.PURSUE_WITHDRAW),
        (Move.CRITICISED, Move.DEFENDED, Pattern.ATTACK_ATTACK),
        (Move.WENT_QUIET, Move.SHUT_DOWN, Pattern.WITHDRAW_WITHDRAW),
    ],
)
def test_the_pattern_is_named_once_there_are_enough_episodes(alex, sam, couple, alex_move, sam_move, pattern):
    for n in range(ENOUGH):
        cycle = cycle_of(couple, alex)
        assert cycle.episodes == n
        assert cycle.pattern is None
        assert "not enough yet" in cycle.not_enough
        episode_with(alex, sam, alex_move, sam_move)
    cycle = cycle_of(couple, alex)
    assert cycle.episodes == ENOUGH
    assert cycle.pattern == pattern
    assert cycle.not_enough == ""
    assert cycle_of(couple, sam).pattern == pattern


def test_each_partner_is_drawn_with_their_most_frequent_choices(alex, sam, couple):
    for _ in range(2):
        episode_with(alex, sam, Move.PURSUED, Move.WITHDREW, deeper="lonely", fear="being_left", need="reassurance")
    episode = episodes.start(sam)
    side(alex, episode, Move.CRITICISED, deeper="my own words: unseen", fear="not_mattering", need="to_be_heard")
    side(sam, episode, Move.WITHDREW, deeper="overwhelmed", fear="failing_you", need="time_alone")
    cycle = cycle_of(couple, alex)
    me, partner = cycle.partners
    assert (me.name, partner.name) == (alex.display_name, sam.display_name)
    assert me.move.value == Move.PURSUED
    assert me.move.times == 2
    assert me.deeper_feeling.words == "Lonely"
    assert me.fear.value == "being_left"
    assert partner.move.value == Move.WITHDREW
    assert partner.move.times == 3
    # The viewer is always first.
    assert cycle_of(couple, sam).partners[0].name == sam.display_name
    text = " ".join(cycle.sentences())
    assert f"When {alex.display_name} pursues" in text
    assert "not either of you" in text


def test_own_words_count_together_whatever_their_case(alex, sam, couple):
    for words in ("Unseen", "unseen ", "UNSEEN", "seen through"):
        episode_with(alex, sam, Move.PURSUED, Move.WITHDREW, deeper=words)
    me = cycle_of(couple, alex).partners[0]
    assert me.deeper_feeling.times == 3
    assert me.deeper_feeling.words.casefold().strip() == "unseen"


def test_a_side_not_shared_never_counts(alex, sam, couple):
    for _ in range(ENOUGH):
        episode_with(alex, sam, Move.PURSUED, Move.WITHDREW)
    # Sam writes a different move in more episodes but keeps them private.
    for _ in range(ENOUGH + 1):
        episode = episodes.start(alex)
        side(alex, episode, Move.PURSUED)
        side(sam, episode, Move.CRITICISED, share=False, fear="something sam keeps")
    cycle = cycle_of(couple, alex)
    assert cycle.episodes == ENOUGH
    assert cycle.partners[1].move.value == Move.WITHDREW
    assert "something sam keeps" not in " ".join(cycle.sentences())


def test_unsharing_takes_a_side_out_of_the_map_at_once(alex, sam, couple):
    shared = [episode_with(alex, sam, Move.PURSUED, Move.WITHDREW) for _ in range(ENOUGH)]
    assert cycle_of(couple, alex).pattern == Pattern.PURSUE_WITHDRAW
    episodes.unshare_side(sam, shared[0].id)
    cycle = cycle_of(couple, alex)
    assert cycle.episodes == ENOUGH - 1
    assert cycle.pattern is None
    episodes.share_side(sam, shared[0].id)
    assert cycle_of(couple, alex).pattern == Pattern.PURSUE_WITHDRAW


def test_another_couples_episodes_never_count(alex, sam, couple, robin):
    casey = Couple.objects.current_for(robin).partner_of(robin)
    for _ in range(ENOUGH):
        episode_with(robin, casey, Move.CRITICISED, Move.CRITICISED)
    cycle = cycle_of(couple, alex)
    assert cycle.episodes == 0
    assert all(p.move is None for p in cycle.partners)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=st.lists(st.tuples(st.sampled_from(list(Move)), st.sampled_from(list(Move))), max_size=5))
def test_the_pattern_always_follows_the_most_frequent_moves(alex, sam, couple, moves):
    Episode.objects.all().delete()
    for alex_move, sam_move in moves:
        episode_with(alex, sam, alex_move, sam_move)

    # Counted here in Python: the most frequent, a tie going to the latest.
    def most(seq):
        return max(reversed(seq), key=seq.count) if seq else None

    alex_most, sam_most = most([a for a, _ in moves]), most([b for _, b in moves])
    cycle = cycle_of(couple, alex)
    assert cycle.episodes == len(moves)
    assert (cycle.partners[0].move.value if moves else None) == alex_most
    assert (cycle.partners[1].move.value if moves else None) == sam_most
    assert cycle.pattern == (pattern_of(alex_most, sam_most) if len(moves) >= ENOUGH else None)


def test_the_loop_in_words_keeps_an_i_a_capital_and_lowers_only_a_listed_start(alex, sam, couple):
    for _ in range(ENOUGH):
        episode_with(alex, sam, Move.PURSUED, Move.WITHDREW, fear="it_getting_worse", need="Sam's NAME")
    text = " ".join(cycle_of(couple, alex).sentences())
    assert "fearing: that it would get worse if I stayed" in text
    assert "needing: Sam's NAME" in text


def test_the_loop_in_words_lowers_a_listed_word_only_in_english(alex, sam, couple):
    """German keeps a noun's capital ("Nähe"), so only English lowers what a list names with one."""
    for _ in range(ENOUGH):
        episode_with(alex, sam, Move.PURSUED, Move.WITHDREW, need="closeness")
    english = " ".join(cycle_of(couple, alex).sentences())
    with translation.override("de"):
        german = " ".join(cycle_of(couple, alex).sentences())
    assert "needing: closeness; and so" in english
    assert "Nähe" in german
    assert "nähe" not in german


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, "When Alex pursues, Sam feels something underneath; and so Sam withdraws."),
        (
            {"deeper": "lonely", "fear": "being_left", "need": "closeness"},
            "When Alex pursues, Sam feels lonely underneath, fearing: that you would leave me, "
            "needing: closeness; and so Sam withdraws.",
        ),
        (
            {"fear": "being_left"},
            "When Alex pursues, Sam feels something underneath, fearing: that you would leave me; "
            "and so Sam withdraws.",
        ),
        (
            {"need": "closeness"},
            "When Alex pursues, Sam feels something underneath, needing: closeness; and so Sam withdraws.",
        ),
    ],
)
def test_the_loop_in_words_is_one_whole_sentence_for_each_part_named(alex, sam, couple, options, expected):
    for _ in range(ENOUGH):
        episode_with(alex, sam, Move.PURSUED, Move.WITHDREW, **options)
    assert expected in cycle_of(couple, alex).sentences()
