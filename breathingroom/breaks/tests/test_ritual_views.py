"""The reconnection ritual's pages: both phones follow one ritual, and each keeps what is private."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.models import Break, CheckIn, NextTry, Outcome, Reconnection, Repair, Step, Timing
from breathingroom.breaks.tests.conftest import pass_time, until_reconnecting
from breathingroom.conftest import page_text

HOME = "/"
HTMX = {"HTTP_HX_REQUEST": "true"}
WORDS = "Back soon, love. I am settling, not leaving."
LONDON, NEW_YORK = "Europe/London", "America/New_York"
# The button's own apostrophe is typographic.
I_AM_HERE = "I\u2019m here"
ACTIONS = [
    "reconnect/back",
    "reconnect/check-in",
    "reconnect/move-on",
    "reconnect/breathe",
    "reconnect/more-minutes",
    "reconnect/go-on",
    "reconnect/said-back",
    "reconnect/heard",
    "reconnect/next-try",
    "reconnect/outcome",
]


def text(response) -> str:
    return page_text(response)


def visible(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", text(response))))


def at(brk: Break, action: str = "reconnect") -> str:
    return f"/space/{brk.id}/{action}/"


def without_tokens(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text(response))


def step_of(brk: Break) -> str:
    return Reconnection.objects.get(brk=brk).step


def shown(when: datetime, zone: str) -> str:
    """A date and time the way the ritual's summary writes it, in ``zone``."""
    local = when.astimezone(ZoneInfo(zone))
    return f"{local:%A} {local.day} {local:%B}, {local:%H:%M}"


def turn_heard(speaker_client, listener_client, brk, turn: str) -> None:
    assert listener_client.post(at(brk, "reconnect/said-back"), {"turn": turn}).status_code == 302
    assert speaker_client.post(at(brk, "reconnect/heard"), {"turn": turn, "heard": "yes"}).status_code == 302


@pytest.fixture
def brk(alex, couple) -> Break:
    """Alex took twenty minutes, and they have just passed."""
    return until_reconnecting(space.take_space(alex, 20, WORDS))


@pytest.fixture
def turns(brk, alex, sam) -> Break:
    reconnecting.check_in(alex, brk.id, 4)
    reconnecting.check_in(sam, brk.id, 5)
    return brk


@pytest.fixture
def outcome_step(turns, alex, sam) -> Break:
    for speaker, listener, turn in ((sam, alex, Step.FIRST_TURN), (alex, sam, Step.SECOND_TURN)):
        reconnecting.said_back(listener, turns.id, turn)
        reconnecting.heard(speaker, turns.id, turn, yes=True)
    reconnecting.name_next_try(alex, turns.id, "Name the break before I walk off")
    reconnecting.name_next_try(sam, turns.id, "Breathe before I follow")
    assert step_of(turns) == Step.OUTCOME
    return turns


# --- Who may open the ritual ------------------------------------------------------------------


@pytest.mark.parametrize(("method", "action"), [("get", "reconnect")] + [("post", a) for a in ACTIONS])
def test_anonymous_visitors_are_sent_to_log_in(client, brk, method, action):
    response = getattr(client, method)(at(brk, action))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(("method", "action"), [("post", "reconnect")] + [("get", a) for a in ACTIONS])
def test_wrong_methods_are_refused(alex_client, brk, method, action):
    assert getattr(alex_client, method)(at(brk, action)).status_code == 405
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(("method", "action"), [("get", "reconnect")] + [("post", a) for a in ACTIONS])
def test_an_outsider_finds_nothing_at_the_couples_ritual(robin_client, brk, method, action):
    form = {"strength": "3", "from_step": "check_in", "text": "x", "timing": "on_time", "repair": "repaired"}
    theirs = getattr(robin_client, method)(at(brk, action), form)
    nowhere = getattr(robin_client, method)(f"/space/{uuid.uuid4()}/{action}/", form)
    assert theirs.status_code == nowhere.status_code == 404
    assert without_tokens(theirs) == without_tokens(nowhere)
    assert WORDS not in text(theirs)
    assert not re.search(r"\b(Alex|Sam)\b", text(theirs))
    assert not CheckIn.objects.exists()
    assert not Outcome.objects.exists()
    assert Break.objects.get(pk=brk.pk).closed_at is None


@pytest.mark.parametrize(("method", "action"), [("get", "reconnect")] + [("post", a) for a in ACTIONS])
def test_someone_without_a_partner_finds_nothing(jo_client, brk, method, action):
    response = getattr(jo_client, method)(at(brk, action), {"strength": "3"})
    assert response.status_code == 404
    assert WORDS not in text(response)
    assert not CheckIn.objects.exists()


# --- Before and at the time -------------------------------------------------------------------


def test_the_ritual_waits_for_the_time(alex_client, sam_client, alex, couple):
    brk = space.take_space(alex, 20, WORDS)
    for client in (alex_client, sam_client):
        response = client.get(at(brk))
        assert response.status_code == 302
        assert response["Location"] == HOME
    early = sam_client.post(at(brk, "reconnect/check-in"), {"strength": "3"}, follow=True)
    assert "It is not time to reconnect yet." in text(early)
    assert 'name="strength"' not in text(early)
    assert not CheckIn.objects.exists()


def test_at_the_time_both_are_asked_to_check_in(alex_client, sam_client, brk):
    for client, partner in ((alex_client, "Sam"), (sam_client, "Alex")):
        home = text(client.get(HOME))
        assert "Time to come back together" in home
        assert f'href="{at(brk)}"' in home
        page = client.get(at(brk))
        assert page.status_code == 200
        assert "Before talking, notice your body." in text(page)
        assert len(re.findall(r'type="radio" name="strength" value="\d+"', text(page))) == 11
        assert f"Waiting for {partner} to check in." in text(page)


@pytest.mark.parametrize("strength", ["11", "-1", "x", ""])
def test_a_check_in_outside_0_to_10_is_refused_beside_the_scale(alex_client, brk, strength):
    response = alex_client.post(at(brk, "reconnect/check-in"), {"strength": strength})
    assert response.status_code == 400
    assert 'id="strength-error"' in text(response)
    assert "Select a valid choice" in text(response) or "Choose a number from 0 to 10." in text(response)
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("strength", ["0", "10"])
def test_the_ends_of_the_scale_are_fine(alex_client, brk, strength):
    response = alex_client.post(at(brk, "reconnect/check-in"), {"strength": strength})
    assert response.status_code == 302
    assert response["Location"] == at(brk)
    assert CheckIn.objects.get().strength == int(strength)


def test_a_check_in_stays_private_unless_shared(alex_client, sam_client, brk):
    alex_client.post(at(brk, "reconnect/check-in"), {"strength": "6"})
    assert "You checked in at 6 out of 10." in text(alex_client.get(at(brk)))
    sams = visible(sam_client.get(at(brk)))
    assert "Alex has checked in." in sams
    assert not re.search(r"alex checked in at 6", sams, re.I)
    assert not re.search(r"\b6 out of 10", sams)


def test_a_shared_check_in_is_shown_to_the_partner(alex_client, sam_client, brk):
    alex_client.post(at(brk, "reconnect/check-in"), {"strength": "6", "shared": "on"})
    assert "Alex checked in at 6 out of 10." in text(sam_client.get(at(brk)))


def test_a_high_check_in_is_met_gently(alex_client, brk):
    alex_client.post(at(brk, "reconnect/check-in"), {"strength": "8"})
    assert "That is still high, and that is all right." in text(alex_client.get(at(brk)))


# --- Turns ------------------------------------------------------------------------------------


def test_once_both_checked_in_the_partner_who_waited_speaks_first(alex_client, sam_client, brk):
    alex_client.post(at(brk, "reconnect/check-in"), {"strength": "4"})
    sam_client.post(at(brk, "reconnect/check-in"), {"strength": "5"})
    assert step_of(brk) == Step.FIRST_TURN
    sams, alexs = text(sam_client.get(at(brk))), text(alex_client.get(at(brk)))
    assert "Your turn to speak" in sams
    assert "Alex listens, then says back what they heard." in sams
    assert "Sam speaks. You listen." in alexs
    assert "Your turn to speak" not in alexs

    turn_heard(sam_client, alex_client, brk, "first_turn")
    assert step_of(brk) == Step.SECOND_TURN
    assert "Your turn to speak" in text(alex_client.get(at(brk)))
    assert "Alex speaks. You listen." in text(sam_client.get(at(brk)))


def test_each_speaker_sees_only_their_own_notes(alex_client, sam_client, turns):
    notes = {"felt": "Felt cornered", "need": "Needed quiet", "my_part": "I slammed the door"}
    assert alex_client.post(at(turns, "prepare"), notes).status_code == 302
    turn_heard(sam_client, alex_client, turns, "first_turn")
    alexs = text(alex_client.get(at(turns)))
    assert "Your notes from the break (only you see them)" in alexs
    assert "I slammed the door" in alexs
    for step in ("second_turn", "try"):
        sams = text(sam_client.get(at(turns)))
        for note in notes.values():
            assert note not in sams
        if step == "second_turn":
            turn_heard(alex_client, sam_client, turns, step)
    assert "I slammed the door" not in text(sam_client.get(HOME))


def test_a_stale_or_repeated_move_changes_nothing(alex_client, sam_client, turns):
    stale = sam_client.post(at(turns, "reconnect/move-on"), {"from_step": "check_in"})
    assert stale.status_code == 302
    assert step_of(turns) == Step.FIRST_TURN
    refused = alex_client.post(at(turns, "reconnect/move-on"), {"from_step": "first_turn"})
    assert refused.status_code == 409
    assert "said back what they heard" in text(refused)
    turn_heard(sam_client, alex_client, turns, "first_turn")
    sam_client.post(at(turns, "reconnect/heard"), {"turn": "first_turn", "heard": "yes"})
    assert step_of(turns) == Step.SECOND_TURN
    sam_client.post(at(turns, "reconnect/move-on"), {"from_step": "nonsense"})
    assert step_of(turns) == Step.SECOND_TURN


def test_going_on_without_waiting_for_a_check_in(alex_client, sam_client, brk):
    alex_client.post(at(brk, "reconnect/check-in"), {"strength": "3"})
    assert "Go on without waiting" in text(alex_client.get(at(brk)))
    alex_client.post(at(brk, "reconnect/move-on"), {"from_step": "check_in"})
    assert step_of(brk) == Step.FIRST_TURN
    assert "Alex speaks. You listen." not in text(sam_client.get(at(brk)))
    assert "Your turn to speak" in text(sam_client.get(at(brk)))


# --- One thing to try, and how it went --------------------------------------------------------


def test_each_names_one_thing_to_try(alex_client, sam_client, turns):
    turn_heard(sam_client, alex_client, turns, "first_turn")
    turn_heard(alex_client, sam_client, turns, "second_turn")
    assert step_of(turns) == Step.TRY
    empty = alex_client.post(at(turns, "reconnect/next-try"), {"text": ""})
    assert empty.status_code == 400
    assert 'id="id_text_error"' in text(empty)
    assert not NextTry.objects.exists()

    assert alex_client.post(at(turns, "reconnect/next-try"), {"text": "Say when I will be back"}).status_code == 302
    assert "You will try:" in text(alex_client.get(at(turns)))
    assert "Alex will try:" in text(sam_client.get(at(turns)))
    assert "Say when I will be back" in text(sam_client.get(at(turns)))
    assert step_of(turns) == Step.TRY
    sam_client.post(at(turns, "reconnect/next-try"), {"text": "Let it be"})
    assert step_of(turns) == Step.OUTCOME
    assert "Save how it went" in text(alex_client.get(at(turns)))


def test_not_yet_needs_a_time_to_talk_again(sam_client, outcome_step):
    response = sam_client.post(at(outcome_step, "reconnect/outcome"), {"timing": "on_time", "repair": "not_yet"})
    assert response.status_code == 400
    assert "Not yet is fine. Choose when you will talk again." in text(response)
    assert Break.objects.get().closed_at is None
    assert not Outcome.objects.exists()


def test_the_time_to_talk_again_is_read_in_the_persons_own_zone(alex_client, sam_client, outcome_step, sam):
    local = (timezone.now().astimezone(ZoneInfo(NEW_YORK)) + timedelta(days=2)).replace(
        hour=12, minute=30, second=0, microsecond=0
    )
    form = {"timing": "late", "repair": "not_yet", "next_talk_at": local.strftime("%Y-%m-%dT%H:%M")}
    response = sam_client.post(at(outcome_step, "reconnect/outcome"), form)
    assert response.status_code == 302
    view = Outcome.objects.get()
    assert view.next_talk_at == local
    assert view.next_talk_at.utcoffset() == timedelta(0)
    assert (view.timing, view.repair, view.person) == (Timing.LATE, Repair.NOT_YET, sam)
    alex_client.post(at(outcome_step, "reconnect/outcome"), {"timing": "late", "repair": "partly"})
    assert Break.objects.get().closed_at is not None
    assert shown(local, NEW_YORK) in text(sam_client.get(at(outcome_step)))
    assert shown(local, LONDON) in text(alex_client.get(at(outcome_step)))


def test_a_time_to_talk_again_in_the_past_is_refused(sam_client, outcome_step):
    past = timezone.now().astimezone(ZoneInfo(NEW_YORK)) - timedelta(hours=1)
    form = {"timing": "on_time", "repair": "not_yet", "next_talk_at": past.strftime("%Y-%m-%dT%H:%M")}
    response = sam_client.post(at(outcome_step, "reconnect/outcome"), form)
    assert response.status_code == 400
    assert "within the next two weeks" in text(response)
    assert not Outcome.objects.exists()


def test_each_view_is_shown_side_by_side_once_both_are_in(alex_client, sam_client, outcome_step):
    response = alex_client.post(at(outcome_step, "reconnect/outcome"), {"timing": "on_time", "repair": "repaired"})
    assert response.status_code == 302
    assert response["Location"] == at(outcome_step)
    alexs = visible(alex_client.get(at(outcome_step)))
    assert "Sam has not recorded theirs yet." in alexs
    assert "Repaired" in alexs
    sams = visible(sam_client.get(at(outcome_step)))
    assert "Save how it went" in sams
    assert "data-view" not in text(sam_client.get(at(outcome_step)))  # Alex's answer waits for Sam's

    assert (
        sam_client.post(at(outcome_step, "reconnect/outcome"), {"timing": "late", "repair": "partly"}).status_code
        == 302
    )
    for client, mine, theirs in (
        (alex_client, "Name the break before I walk off", "Sam will try"),
        (sam_client, "Breathe before I follow", "Alex will try"),
    ):
        page = visible(client.get(at(outcome_step)))
        assert "Thank you both for coming back." in page
        assert "Back on time" in page
        assert "Back late" in page
        assert "Repaired" in page
        assert "Partly" in page
        assert f"You will try {mine}" in page
        assert theirs in page
        assert "Talk again" not in page
    assert "All is calm" in text(alex_client.get(HOME))
    # Sent twice, the same answer changes nothing; a different one is refused.
    same = alex_client.post(at(outcome_step, "reconnect/outcome"), {"timing": "on_time", "repair": "repaired"})
    assert same.status_code == 302
    other = sam_client.post(at(outcome_step, "reconnect/outcome"), {"timing": "late", "repair": "repaired"})
    assert other.status_code == 409
    assert "already been recorded" in text(other)
    assert Outcome.objects.get(person__display_name="Sam").repair == Repair.PARTLY


# --- From an htmx page ------------------------------------------------------------------------


def partial(response) -> str:
    assert response.status_code == 200
    assert "<html" not in text(response)
    assert text(response).lstrip().startswith('<section id="ritual"')
    return text(response)


def test_the_ritual_refreshes_as_a_partial(alex_client, sam_client, brk):
    assert "Before talking, notice your body." in partial(alex_client.get(at(brk), **HTMX))
    assert "You checked in at 3" in partial(alex_client.post(at(brk, "reconnect/check-in"), {"strength": "3"}, **HTMX))
    assert "Choose a number from 0 to 10." in partial(
        sam_client.post(at(brk, "reconnect/check-in"), {"strength": "x"}, **HTMX)
    )
    assert "Your turn to speak" in partial(sam_client.post(at(brk, "reconnect/check-in"), {"strength": "2"}, **HTMX))
    assert "I said it back" in partial(alex_client.get(at(brk), **HTMX))
    partial(alex_client.post(at(brk, "reconnect/said-back"), {"turn": "first_turn"}, **HTMX))
    asked = partial(sam_client.get(at(brk), **HTMX))
    assert "Alex said back what they heard. Did it feel like you were heard?" in asked
    again = partial(sam_client.post(at(brk, "reconnect/heard"), {"turn": "first_turn", "heard": "not_quite"}, **HTMX))
    assert "Alex will try again." in again
    assert "Not quite yet. Ask Sam what you missed" in partial(alex_client.get(at(brk), **HTMX))
    partial(alex_client.post(at(brk, "reconnect/said-back"), {"turn": "first_turn"}, **HTMX))
    moved = partial(sam_client.post(at(brk, "reconnect/heard"), {"turn": "first_turn", "heard": "yes"}, **HTMX))
    assert "Alex speaks. You listen." in moved
    partial(sam_client.post(at(brk, "reconnect/said-back"), {"turn": "second_turn"}, **HTMX))
    partial(alex_client.post(at(brk, "reconnect/heard"), {"turn": "second_turn", "heard": "yes"}, **HTMX))
    assert "You will try:" in partial(alex_client.post(at(brk, "reconnect/next-try"), {"text": "Pause"}, **HTMX))
    partial(sam_client.post(at(brk, "reconnect/next-try"), {"text": "Wait"}, **HTMX))
    refused = partial(sam_client.post(at(brk, "reconnect/outcome"), {"timing": "on_time", "repair": "not_yet"}, **HTMX))
    assert "Not yet is fine." in refused
    done = partial(sam_client.post(at(brk, "reconnect/outcome"), {"timing": "on_time", "repair": "partly"}, **HTMX))
    assert "Alex has not recorded theirs yet." in done
    both = partial(alex_client.post(at(brk, "reconnect/outcome"), {"timing": "on_time", "repair": "partly"}, **HTMX))
    assert "Thank you both for coming back." in both


# --- Late back --------------------------------------------------------------------------------


@pytest.fixture
def overdue(alex, couple) -> Break:
    """Alex took twenty minutes, and eleven more have passed since."""
    return pass_time(space.take_space(alex, 20, WORDS), 31)


def test_a_late_return_is_named_gently_on_both_sides(alex_client, sam_client, overdue):
    assert overdue.is_overdue()
    assert "Alex is not back yet." in text(sam_client.get(HOME))
    assert "Alex is not back yet." in text(sam_client.get(at(overdue)))
    assert "It is a little past the time you chose." in text(alex_client.get(HOME))
    alexs = text(alex_client.get(at(overdue)))
    assert "Let your partner know you are here, or that you need a few more minutes." in alexs
    assert f'action="{at(overdue, "reconnect/back")}"' in alexs
    assert I_AM_HERE in alexs

    response = alex_client.post(at(overdue, "reconnect/back"))
    assert response.status_code == 302
    assert response["Location"] == at(overdue)
    assert not Break.objects.get().is_overdue()
    assert "not back yet" not in text(sam_client.get(HOME))
    assert "not back yet" not in text(sam_client.get(at(overdue)))
    assert I_AM_HERE not in text(alex_client.get(at(overdue)))
    assert "a little past the time" not in text(alex_client.get(HOME))


def test_saying_i_am_here_from_an_htmx_page(alex_client, overdue):
    assert I_AM_HERE not in partial(alex_client.post(at(overdue, "reconnect/back"), **HTMX))


def test_ten_minutes_late_is_not_yet_overdue(alex_client, sam_client, alex, couple):
    brk = pass_time(space.take_space(alex, 20, WORDS), 29)
    assert "not back yet" not in text(sam_client.get(HOME))
    assert I_AM_HERE not in text(alex_client.get(at(brk)))


def test_the_waiting_partner_has_no_i_am_here_to_press(sam_client, overdue):
    assert I_AM_HERE not in text(sam_client.get(at(overdue)))


def panel_signature(response) -> str:
    return re.search(r"\?seen=(\w+)", text(response)).group(1)


def test_someone_late_asks_for_a_few_more_minutes_from_home_and_both_see_until_when(alex_client, sam_client, overdue):
    more = at(overdue, "reconnect/more-minutes")
    alexs_home = text(alex_client.get(HOME))
    assert f'action="{more}"' in alexs_home
    assert "I need a few more minutes:" in alexs_home
    sams_panel = panel_signature(sam_client.get(HOME))

    response = alex_client.post(more, {"minutes": "10"})
    assert response.status_code == 302
    assert response["Location"] == at(overdue)
    until = Reconnection.objects.get(brk=overdue).more_until
    assert timezone.now() + timedelta(minutes=9) < until <= timezone.now() + timedelta(minutes=10)

    # The waiting partner's open panel is not left as it was, and says until when, on their own clock.
    assert sam_client.get(reverse("breaks:now") + f"?seen={sams_panel}").status_code == 200
    sams = visible(sam_client.get(HOME))
    assert "Alex needs a few more minutes and will be back by" in sams
    assert f"{until.astimezone(ZoneInfo(NEW_YORK)):%H:%M}" in sams
    assert "not back yet" not in sams
    alexs = visible(alex_client.get(HOME))
    assert "Sam knows you need a few more minutes, until" in alexs
    assert f"{until.astimezone(ZoneInfo(LONDON)):%H:%M}" in alexs
    assert I_AM_HERE in text(alex_client.get(at(overdue)))  # still to come back, on the ritual's page


def test_the_few_more_minutes_on_home_are_the_ritual_s_own_bound(alex_client, sam_client, overdue, alex):
    more = at(overdue, "reconnect/more-minutes")
    assert more not in text(sam_client.get(HOME))  # the one waiting has nothing to be late for
    for _ in range(reconnecting.MOST_MORE_TIMES):
        reconnecting.more_minutes(alex, overdue.id, 5)
    assert more not in text(alex_client.get(HOME))
    assert alex_client.post(more, {"minutes": "5"}).status_code == 409


# --- A break replaced by a new one ------------------------------------------------------------


def test_a_replaced_break_has_no_ritual_to_start(alex_client, alex, brk):
    space.take_space(alex, 30, "Again, sorry.")
    assert Break.objects.get(pk=brk.pk).closed_at is not None
    page = alex_client.get(at(brk), follow=True)
    assert "A newer break replaced this one" in text(page)
    assert 'name="strength"' not in text(page)
    alex_client.post(at(brk, "reconnect/check-in"), {"strength": "3"})
    assert not CheckIn.objects.exists()
    assert not Reconnection.objects.filter(brk=brk).exists()


def test_a_check_in_too_early_leaves_no_ritual_behind(alex_client, sam_client, alex, couple):
    brk = space.take_space(alex, 20, WORDS)
    sam_client.post(at(brk, "reconnect/check-in"), {"strength": "3"})
    assert not Reconnection.objects.exists()
    alex_client.post(at(brk, "extend"), {"minutes": "15", "reassurance": WORDS})
    brk = until_reconnecting(Break.objects.get())
    alex_client.get(at(brk))
    assert Reconnection.objects.get(brk=brk).started_at == brk.reconnect_at
