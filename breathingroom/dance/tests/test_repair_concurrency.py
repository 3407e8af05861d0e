"""Two presses at the same moment in the repair conversation, each on its own database connection."""

from __future__ import annotations

import pytest

from breathingroom.accounts.models import Person
from breathingroom.conftest import at_once, make_couple, make_person
from breathingroom.dance import repair
from breathingroom.dance.models import Episode, RepairAnswer, RepairConfirm, RepairStep, RepairTalk
from breathingroom.dance.tests.conftest import episode_with
from breathingroom.dance.tests.test_repair import through, write_both

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _own_channel_layer(settings):
    # Events still go out after each commit, to a layer no other test run shares.
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


@pytest.fixture
def couple_and_episode() -> tuple[Person, Person, Episode]:
    alex, sam = make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York")
    make_couple(alex, sam)
    return alex, sam, episode_with(alex, sam, "pursued", "withdrew")


def test_both_beginning_at_once_begin_one_talk(couple_and_episode):
    alex, sam, episode = couple_and_episode
    outcomes = at_once(lambda: repair.begin(alex, episode.id), lambda: repair.begin(sam, episode.id))
    assert all(isinstance(o, RepairTalk) for o in outcomes), outcomes
    assert {o.pk for o in outcomes} == {RepairTalk.objects.get().pk}


@pytest.mark.parametrize("attempt", range(2))
def test_both_done_at_once_move_exactly_one_step(couple_and_episode, attempt):
    alex, sam, episode = couple_and_episode
    repair.begin(alex, episode.id)
    write_both(alex, sam, episode, RepairStep.FELT)
    outcomes = at_once(
        lambda: repair.confirm(alex, episode.id, "felt"), lambda: repair.confirm(sam, episode.id, "felt")
    )
    assert all(isinstance(o, RepairTalk) for o in outcomes), outcomes
    assert RepairTalk.objects.get().step == RepairStep.SAW
    assert RepairConfirm.objects.filter(step="felt").count() == 2


def test_a_double_tap_on_done_counts_once(couple_and_episode):
    alex, sam, episode = couple_and_episode
    repair.begin(alex, episode.id)
    write_both(alex, sam, episode, RepairStep.FELT)
    repair.confirm(sam, episode.id, "felt")
    outcomes = at_once(
        lambda: repair.confirm(alex, episode.id, "felt"), lambda: repair.confirm(alex, episode.id, "felt")
    )
    assert all(isinstance(o, RepairTalk) for o in outcomes), outcomes
    # One step on, not two: the second tap named "felt", which was already behind.
    assert RepairTalk.objects.get().step == RepairStep.SAW
    assert RepairConfirm.objects.filter(person=alex).count() == 1


def test_both_choosing_at_once_at_the_end_decide_once(couple_and_episode):
    alex, sam, episode = couple_and_episode
    through(alex, sam, episode, RepairStep.KEEP)
    outcomes = at_once(
        lambda: repair.confirm(alex, episode.id, "keep", keep=True),
        lambda: repair.confirm(sam, episode.id, "keep", keep=False),
    )
    assert all(isinstance(o, RepairTalk) for o in outcomes), outcomes
    talk = RepairTalk.objects.get()
    assert talk.step == RepairStep.DONE
    assert not talk.kept
    assert not RepairAnswer.objects.exists()


def test_words_sent_as_the_partner_moves_on_are_refused_not_lost_in_a_later_step(couple_and_episode):
    alex, sam, episode = couple_and_episode
    repair.begin(alex, episode.id)
    write_both(alex, sam, episode, RepairStep.FELT)
    repair.confirm(alex, episode.id, "felt")
    outcomes = at_once(
        lambda: repair.confirm(sam, episode.id, "felt"),
        lambda: repair.write(alex, episode.id, "saw", "It went quiet."),
    )
    # Either the words came after the step moved (kept, in "saw") or before (refused: not at "saw" yet).
    moved, written = outcomes
    assert isinstance(moved, RepairTalk), outcomes
    if isinstance(written, Exception):
        assert isinstance(written, repair.WrongStep)
        assert not RepairAnswer.objects.filter(part="saw").exists()
    else:
        assert RepairAnswer.objects.get(part="saw").text == "It went quiet."
