"""When the couple's own figures say they are stuck, and the suggestion of help that follows, once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.models import OVERDUE_AFTER, Break, Taker, minutes
from breathingroom.breaks.tests.conftest import until_reconnecting
from breathingroom.conftest import page_text
from breathingroom.help import stuck, suggestion
from breathingroom.help.models import Answer, HelpSuggestion

WORDS = "Back soon, love. I am settling, not leaving."


def a_break(
    alex, sam, *, timing: tuple[str, str] = ("on_time", "on_time"), repair: tuple[str, str] = ("repaired", "repaired")
) -> Break:
    """A whole break, taken by alex, with both outcomes recorded (which closes it)."""
    brk = until_reconnecting(space.take_space(alex, 20, WORDS))
    tomorrow = timezone.now() + timedelta(days=1)
    for person, t, r in ((alex, timing[0], repair[0]), (sam, timing[1], repair[1])):
        later = tomorrow if "not_yet" in (t, r) else None
        reconnecting.record_outcome(person, brk.id, t, r, later)
    brk.refresh_from_db()
    assert brk.closed_at is not None
    return brk


def came_back(brk: Break, after: int) -> None:
    """Everyone on the break came back ``after`` minutes past the agreed time."""
    Taker.objects.filter(brk=brk).update(back_at=brk.returns_at + minutes(after))


def came_back_late(brk: Break) -> None:
    came_back(brk, OVERDUE_AFTER + 5)


def test_a_new_couple_is_not_stuck(alex, sam, couple):
    assert stuck.sign_of(couple, alex) is None
    assert suggestion.due(alex) is None


def test_three_not_yets_in_a_row_are_a_sign(alex, sam, couple):
    a_break(alex, sam, repair=("not_yet", "repaired"))
    a_break(alex, sam, repair=("partly", "not_yet"))
    assert stuck.sign_of(couple, alex) is None
    a_break(alex, sam, repair=("not_yet", "not_yet"))
    assert stuck.sign_of(couple, alex) == stuck.Sign.REPAIRS_DO_NOT_HOLD
    assert suggestion.due(sam) == stuck.Sign.REPAIRS_DO_NOT_HOLD


def test_a_repair_that_held_since_breaks_the_run(alex, sam, couple):
    for _ in range(3):
        a_break(alex, sam, repair=("not_yet", "not_yet"))
    a_break(alex, sam)
    assert stuck.sign_of(couple, alex) is None


def test_late_returns_in_most_of_the_last_six_breaks_are_a_sign(alex, sam, couple):
    late = [a_break(alex, sam, timing=("late", "on_time")) for _ in range(2)]
    back_late = a_break(alex, sam)
    came_back_late(back_late)
    for _ in range(2):
        a_break(alex, sam)
    assert stuck.sign_of(couple, alex) is None
    came_back_late(a_break(alex, sam))
    assert stuck.sign_of(couple, alex) == stuck.Sign.LATE_RETURNS
    assert len(late) == 2


def test_coming_back_within_the_grace_is_not_late(alex, sam, couple):
    for _ in range(6):
        brk = a_break(alex, sam)
        came_back(brk, OVERDUE_AFTER - 1)
    assert stuck.sign_of(couple, alex) is None


def test_only_the_last_six_breaks_count(alex, sam, couple):
    for _ in range(4):
        a_break(alex, sam, timing=("late", "late"))
    for _ in range(3):
        a_break(alex, sam)
    assert stuck.sign_of(couple, alex) is None


def test_a_partners_outcome_not_yet_shown_is_not_read(alex, sam, couple):
    """Sam's "not yet" is Sam's own until both are in: it never tells alex anything through this card."""
    for _ in range(2):
        a_break(alex, sam, repair=("repaired", "not_yet"))
    brk = until_reconnecting(space.take_space(alex, 20, WORDS))
    reconnecting.record_outcome(sam, brk.id, "on_time", "not_yet", timezone.now() + timedelta(days=1))
    assert stuck.sign_of(couple, alex) is None
    assert stuck.sign_of(couple, sam) == stuck.Sign.REPAIRS_DO_NOT_HOLD


def test_the_sign_is_worked_out_once_until_the_next_event_and_afresh_after_it(alex, sam, couple):
    for _ in range(2):
        a_break(alex, sam, repair=("not_yet", "not_yet"))
    with CaptureQueriesContext(connection) as first:
        assert suggestion.due(alex) is None
    with CaptureQueriesContext(connection) as again:
        assert suggestion.due(alex) is None
    # The two questions over the couple's history are not asked again while nothing new happened.
    assert len(again) == len(first) - 2
    # The third "not yet", each step of it an event to both, is seen at once.
    a_break(alex, sam, repair=("not_yet", "not_yet"))
    assert suggestion.due(alex) == stuck.Sign.REPAIRS_DO_NOT_HOLD
    assert suggestion.due(sam) == stuck.Sign.REPAIRS_DO_NOT_HOLD


def test_nothing_is_suggested_during_a_break(alex, sam, couple):
    for _ in range(3):
        a_break(alex, sam, repair=("not_yet", "not_yet"))
    space.take_space(sam, 20, WORDS)
    assert suggestion.due(alex) is None


@pytest.mark.parametrize("said", list(Answer), ids=[a.value for a in Answer])
def test_once_answered_it_is_never_suggested_again(alex, sam, couple, said):
    for _ in range(3):
        a_break(alex, sam, repair=("not_yet", "not_yet"))
    suggestion.answer(alex, said)
    suggestion.answer(alex, Answer.READ)  # a second tap changes nothing
    assert HelpSuggestion.objects.get(person=alex).answer == said
    assert suggestion.due(alex) is None
    for _ in range(3):
        a_break(alex, sam, repair=("not_yet", "not_yet"))
    assert suggestion.due(alex) is None
    # Sam answers for Sam alone.
    assert suggestion.due(sam) == stuck.Sign.REPAIRS_DO_NOT_HOLD


def test_the_card_is_shown_when_stuck_and_goes_for_good_when_dismissed(alex, sam, couple, alex_client):
    card = "/help/suggestion/"
    assert alex_client.get(card, {"seen": ""}).status_code == 204
    for _ in range(3):
        a_break(alex, sam, repair=("not_yet", "not_yet"))
    page = page_text(alex_client.get(card))
    assert "Would some outside help be worth a look?" in page
    assert "ended with “not yet”" in page
    assert 'action="/help/suggestion/"' in page
    assert alex_client.get(card, {"seen": "repairs"}).status_code == 204

    answered = page_text(alex_client.post(card, {"answer": "dismissed"}, headers={"HX-Request": "true"}))
    assert "it will not be suggested again" in answered
    assert "Would some outside help" not in answered
    assert "Would some outside help" not in page_text(alex_client.get(card))


def test_reading_about_it_answers_it_and_opens_the_page(alex, sam, couple, alex_client):
    response = alex_client.post("/help/suggestion/", {"answer": "read"})
    assert response.status_code == 302
    assert response["Location"] == "/help/"
    assert HelpSuggestion.objects.get(person=alex).answer == Answer.READ


def test_a_dismissal_without_scripts_goes_home_saying_so(alex_client):
    response = alex_client.post("/help/suggestion/", {"answer": "dismissed"}, follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert "it will not be suggested again" in page_text(response)


def test_an_answer_that_is_not_one_is_refused(alex_client):
    assert alex_client.post("/help/suggestion/", {"answer": "maybe"}).status_code == 400
    assert not HelpSuggestion.objects.exists()
