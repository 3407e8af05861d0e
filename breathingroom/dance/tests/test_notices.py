"""What a partner's closed phone is told of episodes: that something happened, never the words."""

from __future__ import annotations

from breathingroom.couples import pairing
from breathingroom.dance import episodes
from breathingroom.dance.tests.conftest import side
from breathingroom.events.models import Event
from breathingroom.notify.notices import notice_for

PRIVATE = "what the evening stirred up"


def last(person, type: str) -> Event:
    return Event.objects.filter(recipient=person, type=type).order_by("-seq").first()


def test_a_begun_episode_is_told_gently_with_a_link(alex, sam, couple):
    episode = episodes.start(alex)
    notice = notice_for(last(sam, episodes.STARTED), sam)
    assert notice.title == "Alex would like to look back on a hard moment with you"
    assert "stays yours until you share it" in notice.body
    assert notice.url == f"/dance/{episode.id}/"


def test_a_shared_side_is_told_without_its_words(alex, sam, couple):
    episode = episodes.start(alex)
    side(alex, episode, "withdrew", trigger=PRIVATE)
    notice = notice_for(last(sam, episodes.SIDE_SHARED), sam)
    assert notice.title == "Alex shared their side with you"
    assert PRIVATE not in f"{notice.title} {notice.body}"
    assert notice.url == f"/dance/{episode.id}/"


def test_a_side_unshared_or_a_couple_ended_by_the_time_it_is_sent_is_no_news(alex, sam, couple):
    episode = episodes.start(alex)
    side(alex, episode, "withdrew")
    shared = last(sam, episodes.SIDE_SHARED)
    episodes.unshare_side(alex, episode.id)
    assert notice_for(shared, sam) is None
    assert notice_for(last(sam, episodes.SIDE_SHARED), sam) is None  # the unshare itself
    episodes.share_side(alex, episode.id)
    again = last(sam, episodes.SIDE_SHARED)
    started = last(sam, episodes.STARTED)
    pairing.leave(alex)
    assert notice_for(again, sam) is None
    assert notice_for(started, sam) is None


def test_a_begun_repair_is_told_to_the_other_only_while_it_is_open(alex, sam, couple):
    from breathingroom.dance import repair

    episode = episodes.start(alex)
    repair.begin(sam, episode.id)
    notice = notice_for(last(alex, repair.UPDATED), alex)
    assert notice.title == "Sam would like to talk it through with you"
    assert notice.url == f"/dance/{episode.id}/repair/"
    assert notice_for(last(sam, repair.UPDATED), sam) is None  # the one who began it knows
    repair.write(alex, episode.id, "felt", PRIVATE)
    assert notice_for(last(alex, repair.UPDATED), alex) is None  # a step is news for an open page only
