"""Going through the first session: both move on together, answers stay private until both chose,
it can be put aside and picked up, and it ends in the couple's agreement."""

from __future__ import annotations

import pytest

from breathingroom.agreements import proposals
from breathingroom.breaks.tests.conftest import agree, proposal
from breathingroom.couples.models import NotPaired
from breathingroom.firstsession import together
from breathingroom.firstsession.describe import describe
from breathingroom.firstsession.models import FirstSession, Reader, Step
from breathingroom.firstsession.tests.conftest import SIGNAL, both_ready, told, until
from breathingroom.phrasebook import words
from breathingroom.phrasebook.words import signal_phrase_of

pytestmark = pytest.mark.django_db


def seen(session, couple, person):
    session.refresh_from_db()
    return describe(session, couple, person)


def test_either_partner_starts_it_and_both_are_told(alex, sam, couple):
    session = together.start(sam)
    assert session.step == Step.DANCE
    assert session.started_by == sam
    assert told(alex) == told(sam) == [{"session": str(session.pk), "step": "dance", "skipped": False}]


def test_starting_twice_is_one_session_and_tells_once(alex, sam, couple):
    first = together.start(alex)
    again = together.start(sam)
    assert again.pk == first.pk
    assert FirstSession.objects.count() == 1
    assert len(told(alex)) == 1


def test_one_partner_ready_does_not_move_the_screen(alex, sam, couple):
    session = together.start(alex)
    together.ready(alex, session.pk, Step.DANCE)
    assert seen(session, couple, alex).step == Step.DANCE
    assert seen(session, couple, alex).i_am_ready
    assert seen(session, couple, sam).partner_is_ready
    assert not seen(session, couple, sam).i_am_ready
    # Sam's phone is told that Alex is ready, so it can say so.
    assert len(told(sam)) == 2


def test_both_ready_moves_one_screen_and_a_second_tap_changes_nothing(alex, sam, couple):
    session = together.start(alex)
    session = both_ready(alex, sam, session)
    assert session.step == Step.LOOP
    # A tap that arrives late still names the screen it meant to leave: nothing moves.
    together.ready(alex, session.pk, Step.DANCE)
    together.ready(sam, session.pk, Step.DANCE)
    session.refresh_from_db()
    assert session.step == Step.LOOP
    assert not seen(session, couple, alex).i_am_ready


def test_a_double_tap_by_one_partner_is_said_once(alex, sam, couple):
    session = together.start(alex)
    together.ready(alex, session.pk, Step.DANCE)
    together.ready(alex, session.pk, Step.DANCE)
    session.refresh_from_db()
    assert session.step == Step.DANCE
    assert len(told(sam)) == 2


def test_ready_can_be_taken_back_while_the_partner_still_reads(alex, sam, couple):
    session = together.start(alex)
    together.ready(alex, session.pk, Step.DANCE)
    together.not_ready(alex, session.pk, Step.DANCE)
    together.ready(sam, session.pk, Step.DANCE)
    session.refresh_from_db()
    assert session.step == Step.DANCE
    assert seen(session, couple, alex).partner_is_ready


def test_sides_are_hidden_from_the_partner_until_both_chose(alex, sam, couple):
    session = until(alex, sam, Step.SIDES)

    together.choose_side(alex, session.pk, "reach")
    for_sam = seen(session, couple, sam)
    assert for_sam.partner_has_chosen
    assert for_sam.partner_side == ""
    assert "reach" not in str(told(sam))
    # Changing one's mind is fine while the other has not chosen.
    together.choose_side(alex, session.pk, "depends")

    together.choose_side(sam, session.pk, "step_back")
    for_alex, for_sam = seen(session, couple, alex), seen(session, couple, sam)
    assert (for_alex.my_side, for_alex.partner_side) == ("depends", "step_back")
    assert (for_sam.my_side, for_sam.partner_side) == ("step_back", "depends")
    assert for_alex.sides_meet == "depends"
    assert for_sam.partner_side_label() == "It depends"


def test_once_both_chose_the_answers_stay(alex, sam, couple):
    session = until(alex, sam, Step.SIDES)
    together.choose_side(alex, session.pk, "reach")
    together.choose_side(sam, session.pk, "reach")
    with pytest.raises(together.NotNow):
        together.choose_side(alex, session.pk, "step_back")
    # The same answer again is only a second tap.
    together.choose_side(alex, session.pk, "reach")
    assert seen(session, couple, alex).sides_meet == "same"


def test_nobody_leaves_the_sides_before_both_have_chosen(alex, sam, couple):
    session = until(alex, sam, Step.SIDES)
    together.choose_side(alex, session.pk, "reach")
    with pytest.raises(together.NotNow):
        together.ready(alex, session.pk, Step.SIDES)


def test_a_side_that_is_not_one_is_refused(alex, sam, couple):
    session = until(alex, sam, Step.SIDES)
    with pytest.raises(together.BadAnswer):
        together.choose_side(alex, session.pk, "pursue")
    assert not Reader.objects.exclude(side="").exists()


def test_sides_are_chosen_only_on_their_screen(alex, sam, couple):
    session = together.start(alex)
    with pytest.raises(together.NotNow):
        together.choose_side(alex, session.pk, "reach")


def test_the_signal_is_the_phrasebooks_and_needed_to_go_on(alex, sam, couple):
    session = until(alex, sam, Step.REASONS)
    session = both_ready(alex, sam, session)
    assert session.step == Step.SIGNAL
    with pytest.raises(together.NotNow):
        together.ready(alex, session.pk, Step.SIGNAL)
    together.set_signal(alex, session.pk, SIGNAL)
    assert signal_phrase_of(couple).words == SIGNAL
    assert seen(session, couple, sam).signal_phrase.words == SIGNAL
    session = both_ready(alex, sam, session)
    assert session.step == Step.AGREEMENT


def test_a_signal_set_before_the_session_is_already_there(alex, sam, couple):
    words.set_signal_phrase(sam, "Pause, love")
    session = until(alex, sam, Step.REASONS)
    session = both_ready(alex, sam, session)
    assert seen(session, couple, alex).signal_phrase.words == "Pause, love"
    assert both_ready(alex, sam, session).step == Step.AGREEMENT


def test_the_last_screen_is_not_left_by_a_tap(alex, sam, couple):
    session = until(alex, sam, Step.AGREEMENT)
    assert both_ready(alex, sam, session).step == Step.AGREEMENT


def test_a_proposal_written_from_the_last_screen_finishes_it_for_both(alex, sam, couple):
    until(alex, sam, Step.AGREEMENT)
    before = len(told(alex))
    proposals.propose(sam, proposal(words=SIGNAL))
    found = together.session_of(couple)
    assert found.step == Step.DONE
    assert found.finished_at is not None
    assert len(told(alex)) == before + 1
    for_alex = describe(found, couple, alex)
    assert for_alex.pending_from_partner
    assert for_alex.pending.version == 1


def test_a_proposal_made_before_the_last_screen_does_not_finish_it(alex, sam, couple):
    proposals.propose(sam, proposal())
    until(alex, sam, Step.AGREEMENT)
    assert together.session_of(couple).step == Step.AGREEMENT
    # Accepting it there does.
    proposals.accept(alex, 1)
    assert together.session_of(couple).step == Step.DONE


def test_an_agreement_in_force_can_be_kept(alex, sam, couple):
    agree(alex, sam)
    session = until(alex, sam, Step.AGREEMENT)
    assert together.keep_agreement(sam, session.pk).step == Step.DONE


def test_keeping_needs_an_agreement_in_force(alex, sam, couple):
    session = until(alex, sam, Step.AGREEMENT)
    with pytest.raises(together.NotNow):
        together.keep_agreement(sam, session.pk)


def test_either_can_put_it_aside_and_it_keeps_its_place(alex, sam, couple):
    session = until(alex, sam, Step.REASONS)
    together.ready(alex, session.pk, Step.REASONS)
    together.skip(sam, session.pk)
    for_alex = seen(session, couple, alex)
    assert for_alex.skipped
    assert not for_alex.skipped_by_me
    assert told(alex)[-1]["skipped"] is True
    with pytest.raises(together.PutAside):
        together.ready(sam, session.pk, Step.REASONS)

    # Picked up later, it is where it was, Alex's "ready" included.
    again = together.start(alex)
    assert again.pk == session.pk
    assert again.step == Step.REASONS
    for_sam = seen(again, couple, sam)
    assert not for_sam.skipped
    assert for_sam.partner_is_ready


def test_not_now_before_anyone_began_puts_it_aside_and_start_begins_it(alex, sam, couple):
    put_off = together.skip(sam)
    assert put_off.skipped
    assert put_off.started_by is None
    begun = together.start(alex)
    assert (begun.pk, begun.step, begun.started_by) == (put_off.pk, Step.DANCE, alex)


def test_a_session_that_is_done_begins_again_with_fresh_answers(alex, sam, couple):
    until(alex, sam, Step.AGREEMENT)
    proposals.propose(alex, proposal())
    assert together.session_of(couple).done
    again = together.start(sam)
    assert again.step == Step.DANCE
    assert again.finished_at is None
    assert not Reader.objects.filter(session=again).exists()


def test_leaving_and_coming_back_finds_the_same_screen(alex, sam, couple):
    until(alex, sam, Step.REASONS)
    # Nothing is kept in the page: asking again is the whole of coming back.
    assert together.session_of(couple).step == Step.REASONS


def test_another_couple_cannot_touch_it(alex, sam, couple, robin):
    session = together.start(alex)
    for move in (
        lambda: together.ready(robin, session.pk, Step.DANCE),
        lambda: together.skip(robin, session.pk),
        lambda: together.choose_side(robin, session.pk, "reach"),
    ):
        with pytest.raises(together.NoSuchSession):
            move()
    session.refresh_from_db()
    assert (session.step, session.skipped_at) == (Step.DANCE, None)


def test_someone_unpaired_cannot_start_one(jo):
    with pytest.raises(NotPaired):
        together.start(jo)
