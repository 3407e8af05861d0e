"""The repair conversation in the domain: every step, both confirming, what shows to whom, pausing, keeping."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from breathingroom.accounts.models import Person
from breathingroom.couples.models import NotPaired
from breathingroom.dance import episodes, repair
from breathingroom.dance.models import ANSWER_LENGTH, Episode, RepairAnswer, RepairConfirm, RepairStep, RepairTalk
from breathingroom.dance.repair_describe import describe_repair
from breathingroom.dance.tests.conftest import episode_with
from breathingroom.events.models import Event
from breathingroom.writing import tidy

# What each partner writes at each step: enough for "done" (and an apology, so it can be answered).
WORDS: dict[str, dict[str, str]] = {
    RepairStep.FELT: {"felt": "I felt scared, {name} here."},
    RepairStep.SAW: {
        "saw": "How {name} saw it: the evening went quiet all at once.",
        "summary_of_partner": "What {name} heard: you needed a pause.",
        "makes_sense": "It makes sense to {name} that you wanted to be close.",
    },
    RepairStep.PAST: {"past": "Doors closing, when {name} was small."},
    RepairStep.MY_PART: {"my_part": "{name} kept asking, louder each time.", "apology": "{name} is sorry."},
    RepairStep.PLAN: {"plan": "{name} will say when they are coming back."},
}


def words_of(person: Person, step: str, *, answers: bool) -> dict[str, str]:
    return {
        key: text.format(name=person.display_name)
        for key, text in WORDS[step].items()
        if bool(repair.PART[key].answers) == answers
    }


def write_both(alex: Person, sam: Person, episode: Episode, step: str) -> None:
    # Each writes their own words first; the parts about the other's words open after.
    for answers in (False, True):
        for person in (alex, sam):
            if words := words_of(person, step, answers=answers):
                repair.write_many(person, episode.id, words)


def through(
    alex: Person, sam: Person, episode: Episode, until: str, *, keep: tuple[bool, bool] = (True, True)
) -> RepairTalk:
    """Begin the talk (or take it where it is) and go through each step before ``until``, both writing and done."""
    talk = repair.begin(alex, episode.id)
    for step in repair.ORDER[repair.ORDER.index(RepairStep(talk.step)) : repair.ORDER.index(RepairStep(until))]:
        if step == RepairStep.KEEP:
            repair.confirm(alex, episode.id, step, keep=keep[0])
            talk = repair.confirm(sam, episode.id, step, keep=keep[1])
            continue
        write_both(alex, sam, episode, step)
        repair.confirm(alex, episode.id, step)
        talk = repair.confirm(sam, episode.id, step)
    talk.refresh_from_db()
    assert talk.step == until
    return talk


def seen(episode: Episode, viewer: Person, partner: Person):
    found, talk, _partner = repair.talk_of(viewer, episode.id)
    return describe_repair(found, talk, viewer, partner)


def part_of(view, key: str):
    return next(p for s in view.steps for p in s.parts if p.key == key)


def updates(person: Person) -> list[dict]:
    return [e.data for e in Event.objects.filter(recipient=person, type=repair.UPDATED).order_by("seq")]


@pytest.fixture
def episode(alex, sam, couple) -> Episode:
    return episode_with(alex, sam, "pursued", "withdrew")


# --- Beginning ------------------------------------------------------------------------------------


def test_either_partner_begins_and_asking_again_is_the_same_talk(alex, sam, episode):
    talk = repair.begin(sam, episode.id)
    assert talk.step == RepairStep.FELT
    assert talk.started_by == sam
    assert repair.begin(alex, episode.id) == talk
    assert repair.begin(sam, episode.id) == talk
    assert RepairTalk.objects.count() == 1
    # Both pages hear of it once: which episode and which step.
    assert updates(alex) == updates(sam) == [{"episode": str(episode.id), "step": "felt", "begun": True}]


def test_before_it_begins_the_view_says_so(alex, sam, episode):
    view = seen(episode, alex, sam)
    assert not view.begun
    assert view.step is None
    assert view.steps == []


def test_someone_from_another_couple_finds_nothing(robin, episode):
    for attempt in (
        lambda: repair.begin(robin, episode.id),
        lambda: repair.talk_of(robin, episode.id),
        lambda: repair.write(robin, episode.id, "felt", "mine"),
        lambda: repair.confirm(robin, episode.id, "felt"),
        lambda: repair.pause(robin, episode.id),
    ):
        with pytest.raises(episodes.NoSuchEpisode):
            attempt()


def test_someone_without_a_partner_is_told_calmly(jo, episode):
    with pytest.raises(NotPaired) as refused:
        repair.begin(jo, episode.id)
    assert str(refused.value.message) == "You are not in a couple."


def test_nothing_can_be_written_or_confirmed_before_it_begins(alex, episode):
    with pytest.raises(repair.NotBegun):
        repair.write(alex, episode.id, "felt", "I felt alone.")
    with pytest.raises(repair.NotBegun):
        repair.confirm(alex, episode.id, "felt")


# --- Each step --------------------------------------------------------------------------------


def test_felt_each_speaks_first_and_sees_the_other_after(alex, sam, episode):
    repair.begin(alex, episode.id)
    repair.write(sam, episode.id, "felt", "I felt cornered.")
    # Alex has not written yet: Sam's words wait, so Alex's are not shaped by them.
    assert part_of(seen(episode, alex, sam), "felt").partner is None
    repair.write(alex, episode.id, "felt", "I felt left behind.")
    assert part_of(seen(episode, alex, sam), "felt").partner == "I felt cornered."
    assert part_of(seen(episode, sam, alex), "felt").partner == "I felt left behind."


def test_a_step_moves_on_only_when_both_are_done(alex, sam, episode):
    repair.begin(alex, episode.id)
    with pytest.raises(repair.WrongStep) as refused:
        repair.confirm(alex, episode.id, "felt")
    assert "Write what you felt first" in str(refused.value.message)
    repair.write(alex, episode.id, "felt", "I felt left behind.")
    talk = repair.confirm(alex, episode.id, "felt")
    assert talk.step == RepairStep.FELT
    view = seen(episode, sam, alex)
    assert view.current.partner_confirmed
    assert not view.current.i_confirmed
    repair.write(sam, episode.id, "felt", "I felt cornered.")
    talk = repair.confirm(sam, episode.id, "felt")
    assert talk.step == RepairStep.SAW
    assert updates(alex)[-1] == {"episode": str(episode.id), "step": "saw"}


def test_saw_the_summary_opens_once_both_told_how_they_saw_it(alex, sam, episode):
    through(alex, sam, episode, RepairStep.SAW)
    repair.write(alex, episode.id, "saw", "It went quiet and I panicked.")
    with pytest.raises(repair.NotOpenYet):
        repair.write(alex, episode.id, "summary_of_partner", "You needed quiet.")
    assert not part_of(seen(episode, alex, sam), "summary_of_partner").open
    repair.write(sam, episode.id, "saw", "I was flooded and needed a minute.")
    view = seen(episode, alex, sam)
    assert part_of(view, "saw").partner == "I was flooded and needed a minute."
    assert part_of(view, "summary_of_partner").open
    repair.write(alex, episode.id, "summary_of_partner", "You were flooded and needed a minute.")
    # "Done" asks for what I heard and what makes sense, too.
    with pytest.raises(repair.WrongStep):
        repair.confirm(alex, episode.id, "saw")
    repair.write(alex, episode.id, "makes_sense", "It makes sense that you stepped away.")
    repair.confirm(alex, episode.id, "saw")
    # Sam reads what Alex heard of Sam's side at once: being understood is not held back.
    assert part_of(seen(episode, sam, alex), "summary_of_partner").partner == "You were flooded and needed a minute."


def test_past_and_plan_need_a_line_each(alex, sam, episode):
    through(alex, sam, episode, RepairStep.PAST)
    with pytest.raises(repair.WrongStep, match="If nothing comes, say so"):
        repair.confirm(alex, episode.id, "past")
    through(alex, sam, episode, RepairStep.PLAN)
    with pytest.raises(repair.WrongStep, match="one thing you will try"):
        repair.confirm(alex, episode.id, "plan")


def test_my_part_an_apology_is_answered_only_once_it_shows(alex, sam, episode):
    through(alex, sam, episode, RepairStep.MY_PART)
    repair.write_many(sam, episode.id, {"my_part": "I walked off mid-sentence.", "apology": "I am sorry I walked off."})
    # Alex has not written their own part yet, so Sam's apology has not shown.
    with pytest.raises(repair.NotOpenYet, match="apology"):
        repair.write(alex, episode.id, "acceptance", "I accept it.")
    repair.write_many(alex, episode.id, {"my_part": "I followed you.", "regret": "Raising my voice."})
    view = seen(episode, alex, sam)
    assert part_of(view, "apology").partner == "I am sorry I walked off."
    assert part_of(view, "acceptance").open
    repair.write(alex, episode.id, "acceptance", "I accept it, thank you.")
    # Alex wrote no apology: Sam has none to answer.
    assert not part_of(seen(episode, sam, alex), "acceptance").open
    with pytest.raises(repair.NotOpenYet):
        repair.write(sam, episode.id, "acceptance", "Thank you.")
    # Regret, apology and its answer are each person's to give: only their own part is needed.
    repair.confirm(alex, episode.id, "my_part")
    assert repair.confirm(sam, episode.id, "my_part").step == RepairStep.PLAN


def test_words_change_until_done_and_empty_words_take_them_away(alex, sam, episode):
    repair.begin(alex, episode.id)
    repair.write(alex, episode.id, "felt", "Angry.")
    repair.write(alex, episode.id, "felt", "Scared, underneath the anger.")
    assert RepairAnswer.objects.get(person=alex).text == "Scared, underneath the anger."
    assert repair.write(alex, episode.id, "felt", "   ") is None
    assert not RepairAnswer.objects.filter(person=alex).exists()
    repair.write(alex, episode.id, "felt", "Scared.")
    repair.confirm(alex, episode.id, "felt")
    with pytest.raises(repair.WrongStep, match="done with this step"):
        repair.write(alex, episode.id, "felt", "Something else.")
    with pytest.raises(repair.WrongStep, match="another step"):
        repair.write(sam, episode.id, "plan", "Later.")


def test_words_too_long_or_for_no_part_are_refused(alex, episode):
    repair.begin(alex, episode.id)
    with pytest.raises(repair.BadWords, match=str(ANSWER_LENGTH)):
        repair.write(alex, episode.id, "felt", "x" * (ANSWER_LENGTH + 1))
    with pytest.raises(repair.BadWords):
        repair.write(alex, episode.id, "verdict", "You were wrong.")
    assert not RepairAnswer.objects.exists()


# --- "Done", twice and out of turn ------------------------------------------------------------


def test_done_twice_or_for_a_step_behind_moves_one_step(alex, sam, episode):
    through(alex, sam, episode, RepairStep.SAW)
    # A late second tap on "felt", from either, changes nothing.
    assert repair.confirm(alex, episode.id, "felt").step == RepairStep.SAW
    assert repair.confirm(sam, episode.id, "felt").step == RepairStep.SAW
    write_both(alex, sam, episode, RepairStep.SAW)
    repair.confirm(alex, episode.id, "saw")
    repair.confirm(alex, episode.id, "saw")
    assert RepairConfirm.objects.filter(person=alex, step="saw").count() == 1
    assert RepairTalk.objects.get().step == RepairStep.SAW


def test_done_for_a_step_not_yet_come_is_refused(alex, sam, episode):
    repair.begin(alex, episode.id)
    with pytest.raises(repair.WrongStep, match="has not come yet"):
        repair.confirm(alex, episode.id, "plan")
    with pytest.raises(repair.BadWords):
        repair.confirm(alex, episode.id, "done")


# --- Pausing ----------------------------------------------------------------------------------


def test_either_pauses_both_see_it_and_either_goes_on_where_it_was(alex, sam, episode):
    through(alex, sam, episode, RepairStep.PAST)
    repair.write(alex, episode.id, "past", "Being left at school.")
    repair.pause(sam, episode.id)
    repair.pause(alex, episode.id)  # pausing again changes nothing
    for viewer, partner, by_me in ((alex, sam, False), (sam, alex, True)):
        view = seen(episode, viewer, partner)
        assert view.paused
        assert view.paused_by_me is by_me
        assert not any(p.open for p in view.current.parts)
    with pytest.raises(repair.Paused):
        repair.write(alex, episode.id, "past", "Something more.")
    with pytest.raises(repair.Paused):
        repair.confirm(alex, episode.id, "past")
    talk = repair.resume(alex, episode.id)
    assert talk.paused_at is None
    assert talk.step == RepairStep.PAST
    assert repair.resume(sam, episode.id).paused_at is None
    # Where it was, words and all.
    assert part_of(seen(episode, alex, sam), "past").mine == "Being left at school."
    assert [e["step"] for e in updates(sam)][-2:] == ["past", "past"]


# --- Keeping, or letting go ---------------------------------------------------------------------


def test_kept_only_when_both_say_yes(alex, sam, episode):
    talk = through(alex, sam, episode, RepairStep.DONE, keep=(True, True))
    assert talk.kept
    assert talk.finished_at is not None
    view = seen(episode, sam, alex)
    assert view.finished
    assert view.kept
    assert part_of(view, "felt").partner == "I felt scared, Alex here."
    assert RepairAnswer.objects.filter(talk=talk).count() > 10


@pytest.mark.parametrize("keep", [(True, False), (False, True), (False, False)], ids=str)
def test_otherwise_every_word_is_let_go(alex, sam, episode, keep):
    through(alex, sam, episode, RepairStep.KEEP)
    repair.confirm(alex, episode.id, "keep", keep=keep[0])
    # Until both chose, the other's choice is not shown.
    assert seen(episode, sam, alex).my_keep is None
    assert RepairAnswer.objects.exists()
    talk = repair.confirm(sam, episode.id, "keep", keep=keep[1])
    assert talk.step == RepairStep.DONE
    assert not talk.kept
    assert not RepairAnswer.objects.exists()
    view = seen(episode, alex, sam)
    assert view.finished
    assert view.kept is False
    assert view.said == []


def test_keeping_needs_a_choice_and_an_ended_talk_takes_no_more(alex, sam, episode):
    through(alex, sam, episode, RepairStep.KEEP)
    with pytest.raises(repair.BadWords, match="keep it"):
        repair.confirm(alex, episode.id, "keep")
    through(alex, sam, episode, RepairStep.DONE)
    assert repair.begin(sam, episode.id).step == RepairStep.DONE
    assert repair.confirm(alex, episode.id, "keep", keep=False).kept  # a late tap changes nothing
    for attempt in (
        lambda: repair.write(alex, episode.id, "plan", "More."),
        lambda: repair.pause(alex, episode.id),
    ):
        with pytest.raises(repair.Over):
            attempt()


def test_events_carry_the_step_never_the_words(alex, sam, episode):
    through(alex, sam, episode, RepairStep.DONE)
    for person in (alex, sam):
        for data in updates(person):
            assert set(data) - {"begun"} == {"episode", "step"}
    assert [d["step"] for d in updates(alex)][-1] == "done"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=ANSWER_LENGTH + 5))
def test_any_words_are_kept_as_written_or_refused_with_a_reason(alex, sam, episode, text):
    repair.begin(alex, episode.id)
    if len(tidy(text)) > ANSWER_LENGTH:
        with pytest.raises(repair.BadWords, match=str(ANSWER_LENGTH)):
            repair.write(alex, episode.id, "felt", text)
        return
    answer = repair.write(alex, episode.id, "felt", text)
    view = seen(episode, alex, sam)
    if answer is None:
        assert part_of(view, "felt").mine == ""
    else:
        assert part_of(view, "felt").mine == answer.text == tidy(text)
