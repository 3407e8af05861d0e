"""Tallies: equal values count together for one person, never across people, and survive a key change."""

from __future__ import annotations

from breathingroom.dance import episodes
from breathingroom.dance.cycle import cycle_of
from breathingroom.dance.models import Side
from breathingroom.dance.tests.conftest import episode_with
from breathingroom.vault import rotation
from breathingroom.vault.tallies import tally
from breathingroom.vault.tests.conftest import new_key


def test_one_persons_equal_values_share_a_tally_whatever_the_case_and_spacing():
    assert tally("Money", 1, "x") == tally("  money ", 1, "x") == tally("MONEY", 1, "x")
    assert tally("money", 1, "x") != tally("monday", 1, "x")


def test_tallies_differ_between_people_and_columns_and_show_nothing():
    assert tally("withdrew", 1, "side.move") != tally("withdrew", 2, "side.move")
    assert tally("withdrew", 1, "side.move") != tally("withdrew", 1, "side.fear")
    assert "withdrew" not in tally("withdrew", 1, "side.move")
    assert tally("", 1, "x") == tally("  ", 1, "x") == ""


def test_the_key_changes_every_tally(settings):
    before = tally("withdrew", 1, "side.move")
    settings.ENCRYPTION_KEYS = [new_key()]
    assert tally("withdrew", 1, "side.move") != before


def test_rotating_keys_counts_again_so_the_cycle_stays_the_same(settings, old_key, alex, sam, couple):
    for _ in range(3):
        episode_with(alex, sam, "pursued", "withdrew", fear="Being LEFT")
    before = cycle_of(couple, alex)
    tallies_before = set(Side.objects.values_list("move_tally", flat=True))
    settings.ENCRYPTION_KEYS = [new_key(), old_key]
    rotation.rotate_all(batch_size=2)
    settings.ENCRYPTION_KEYS = settings.ENCRYPTION_KEYS[:1]
    assert tallies_before.isdisjoint(Side.objects.values_list("move_tally", flat=True))
    after = cycle_of(couple, alex)
    assert after == before
    assert after.partners[0].fear.times == 3
    # A side written after the change counts with the ones before it.
    episode = episodes.start(alex)
    episodes.write_side(alex, episode.id, episodes.SideWords(move="pursued", fear="being left"))
    episodes.share_side(alex, episode.id)
    episodes.write_side(sam, episode.id, episodes.SideWords(move="withdrew"))
    episodes.share_side(sam, episode.id)
    assert cycle_of(couple, alex).partners[0].fear.times == 4
