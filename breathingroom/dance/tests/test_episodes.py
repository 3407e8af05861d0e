"""Episodes and sides in the domain: beginning, writing, sharing, and who may see what."""

from __future__ import annotations

import pytest

from breathingroom.breaks import space
from breathingroom.breaks.tests.conftest import agree, until_reconnecting
from breathingroom.couples import pairing
from breathingroom.couples.models import NotPaired
from breathingroom.dance import episodes
from breathingroom.dance.describe import describe
from breathingroom.dance.models import FEAR_LENGTH, TRIGGER_LENGTH, Episode, Side
from breathingroom.dance.tests.conftest import side
from breathingroom.events.models import Event

WORDS = "Back soon. I am settling, not leaving."


def test_either_partner_begins_an_episode_and_the_other_is_told(alex, sam, couple):
    episode = episodes.start(sam)
    assert episode.couple == couple
    assert episode.brk is None
    told = Event.objects.get(recipient=alex, type=episodes.STARTED)
    assert told.data == {"episode": str(episode.id), "by": sam.display_name}
    assert not Event.objects.filter(recipient=sam, type=episodes.STARTED).exists()


def test_without_a_partner_there_is_no_episode_to_begin(jo):
    with pytest.raises(NotPaired):
        episodes.start(jo)


def test_an_episode_after_a_break_is_that_breaks_one_episode(alex, sam, couple):
    agree(alex, sam)
    brk = until_reconnecting(space.take_space(alex, 20, WORDS))
    first = episodes.start(alex, brk.id)
    assert episodes.start(sam, brk.id) == first
    assert first.happened_at == brk.started_at
    assert Episode.objects.count() == 1


def test_no_looking_back_while_the_break_is_still_on(alex, sam, couple):
    agree(alex, sam)
    brk = space.take_space(alex, 20, WORDS)
    with pytest.raises(episodes.StillOnBreak):
        episodes.start(sam, brk.id)


def test_another_couples_break_is_refused_like_one_that_never_was(alex, sam, couple, robin):
    agree(alex, sam)
    brk = until_reconnecting(space.take_space(alex, 20, WORDS))
    with pytest.raises(episodes.NoSuchEpisode):
        episodes.start(robin, brk.id)


def test_a_request_sent_twice_begins_one_episode(alex, couple):
    assert episodes.start(alex, key="k-1") == episodes.start(alex, key="k-1")
    assert episodes.start(alex, key="k-2") != episodes.start(alex, key="k-1")
    with pytest.raises(episodes.NotKept):
        episodes.start(alex, key="x" * 101)


def test_a_side_is_private_until_shared_and_private_again_when_unshared(alex, sam, couple):
    episode = episodes.start(alex)
    side(alex, episode, "pursued", share=False, fear="being_left", trigger="He looked at his phone again")
    seen_by_sam = describe(episodes.find(sam, episode.id), sam, alex)
    assert seen_by_sam.partner is None
    assert seen_by_sam.mine is None
    episodes.share_side(alex, episode.id)
    seen_by_sam = describe(episodes.find(sam, episode.id), sam, alex)
    assert seen_by_sam.partner.fear.words == "That you would leave me"
    assert seen_by_sam.partner.trigger.words == "He looked at his phone again"
    assert seen_by_sam.partner.version is None  # only the author needs it
    episodes.unshare_side(alex, episode.id)
    assert describe(episodes.find(sam, episode.id), sam, alex).partner is None
    assert [e.data["shared"] for e in Event.objects.filter(recipient=sam, type=episodes.SIDE_SHARED)] == [True, False]


def test_sharing_twice_tells_once_and_nothing_to_share_is_refused(alex, sam, couple):
    episode = episodes.start(alex)
    with pytest.raises(episodes.NothingToShare):
        episodes.share_side(alex, episode.id)
    side(alex, episode, "withdrew")
    episodes.share_side(alex, episode.id)
    assert Event.objects.filter(recipient=sam, type=episodes.SIDE_SHARED).count() == 1
    assert episodes.unshare_side(sam, episode.id) is None  # nothing written: nothing changes


def test_changing_a_shared_side_keeps_it_shared_and_tells_the_partner(alex, sam, couple):
    episode = episodes.start(alex)
    side(alex, episode, "withdrew")
    written = Side.objects.get(person=alex)
    episodes.write_side(alex, episode.id, episodes.SideWords(move="went_quiet"), version=written.version)
    written.refresh_from_db()
    assert written.move == "went_quiet"
    assert written.version == 2
    assert written.shared_at is not None
    assert Event.objects.filter(recipient=sam, type=episodes.SIDE_SHARED).count() == 2


def test_a_change_from_an_older_copy_is_refused_and_saves_nothing(alex, couple):
    episode = episodes.start(alex)
    side(alex, episode, "withdrew", share=False)
    episodes.write_side(alex, episode.id, episodes.SideWords(move="shut_down"), version=1)
    with pytest.raises(episodes.ChangedElsewhere):
        episodes.write_side(alex, episode.id, episodes.SideWords(move="pursued"), version=1)
    assert Side.objects.get(person=alex).move == "shut_down"


def test_the_same_words_again_make_no_new_version(alex, couple):
    episode = episodes.start(alex)
    side(alex, episode, "withdrew", share=False, need="time_alone")
    side(alex, episode, "withdrew", share=False, need="time_alone")
    assert Side.objects.get(person=alex).version == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("move", "sulked"),
        ("move", ""),
        ("trigger", "x" * (TRIGGER_LENGTH + 1)),
        ("fear", "x" * (FEAR_LENGTH + 1)),
        ("need", 42),
    ],
    ids=["unknown-move", "no-move", "long-trigger", "long-fear", "number"],
)
def test_words_that_do_not_fit_are_refused_with_a_message(alex, couple, field, value):
    episode = episodes.start(alex)
    words = {"move": "withdrew", field: value}
    with pytest.raises(episodes.NotKept) as refused:
        episodes.write_side(alex, episode.id, episodes.SideWords(**words))
    assert str(refused.value.message)
    assert not Side.objects.exists()


def test_words_are_tidied_before_they_are_kept(alex, couple):
    episode = episodes.start(alex)
    episodes.write_side(alex, episode.id, episodes.SideWords(move="withdrew", trigger="  dishes\x00 again \u200b "))
    assert Side.objects.get().trigger == "dishes again"


def test_an_outsider_and_an_ex_cannot_find_the_episode(alex, sam, couple, robin):
    episode = episodes.start(alex)
    with pytest.raises(episodes.NoSuchEpisode):
        episodes.find(robin, episode.id)
    pairing.leave(sam)
    with pytest.raises(episodes.NoSuchEpisode):
        episodes.find(sam, episode.id)
    with pytest.raises(episodes.NoSuchEpisode):
        episodes.find(alex, episode.id)
    assert list(episodes.of(alex)) == []
