"""The first session's pages, as each partner's phone shows them."""

from __future__ import annotations

import re
from html import unescape

import pytest

from breathingroom.agreements import proposals
from breathingroom.breaks.tests.conftest import agree, proposal
from breathingroom.conftest import client_for, page_text
from breathingroom.firstsession import together
from breathingroom.firstsession.models import FirstSession, Step
from breathingroom.firstsession.tests.conftest import SIGNAL, until

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def visible(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", page_text(response))))


def page(session: FirstSession, action: str = "") -> str:
    return f"/first-session/{session.pk}/" + (f"{action}/" if action else "")


def test_home_offers_it_to_a_paired_couple_and_start_opens_it(alex, sam, couple):
    home = client_for(alex).get("/")
    assert "A first session together" in visible(home)
    response = client_for(alex).post("/first-session/start/")
    session = FirstSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == page(session)
    # Sam's Home says Alex began it, and leads there.
    home = visible(client_for(sam).get("/"))
    assert "Alex has started it. Join them whenever you are ready." in home
    assert page(session) in page_text(client_for(sam).get("/first-session/home-part/"))


def test_home_says_nothing_of_it_to_someone_unpaired(jo):
    assert "first session" not in visible(client_for(jo).get("/")).lower()
    assert client_for(jo).get("/first-session/").status_code == 404


def test_not_now_leaves_one_quiet_line_on_home(alex, sam, couple):
    response = client_for(sam).post("/first-session/not-now/", **HTMX)
    assert "put aside" in visible(response)
    home = visible(client_for(alex).get("/"))
    assert "A first session together" not in home
    assert "Your first session together is put aside. Pick it up when you are both ready." in home
    assert "Start together" in visible(client_for(alex).get("/first-session/"))


def test_the_index_sends_a_session_under_way_to_its_screen(alex, sam, couple):
    session = together.start(sam)
    response = client_for(alex).get("/first-session/")
    assert response.status_code == 302
    assert response["Location"] == page(session)


def test_each_screen_shows_one_idea_and_a_way_on(alex, sam, couple):
    session = together.start(alex)
    text = visible(client_for(alex).get(page(session)))
    assert "Screen 1 of 6" in text
    assert "Two moves, one dance" in text
    assert "Reaching" in text
    assert "Stepping back" in text
    assert "Ready to go on" in text
    assert "Put this aside for now" in text

    session = until(alex, sam, Step.LOOP)
    text = visible(client_for(sam).get(page(session)))
    assert "The loop is the problem" in text
    assert "not either of you" in text

    session = until(alex, sam, Step.REASONS)
    text = visible(client_for(sam).get(page(session)))
    assert "Why someone needs space" in text
    assert "not say something that cannot be taken back" in text


def test_ready_alone_says_waiting_to_one_and_no_hurry_to_the_other(alex, sam, couple):
    session = together.start(alex)
    response = client_for(alex).post(page(session, "ready"), {"from_step": "dance"}, **HTMX)
    assert response.status_code == 200
    assert "Waiting for Sam… no hurry." in visible(response)
    assert "Ready to go on" not in visible(response)
    text = visible(client_for(sam).get(page(session)))
    assert "Alex is ready to go on whenever you are. Take your time." in text
    assert "Screen 1 of 6" in text


def test_both_ready_moves_both_pages_without_scripts_too(alex, sam, couple):
    session = together.start(alex)
    client_for(alex).post(page(session, "ready"), {"from_step": "dance"})
    response = client_for(sam).post(page(session, "ready"), {"from_step": "dance"})
    assert response.status_code == 302
    assert response["Location"] == page(session)
    for person in (alex, sam):
        assert "Screen 2 of 6" in visible(client_for(person).get(page(session)))


def test_a_partners_side_is_not_in_the_page_until_both_chose(alex, sam, couple):
    session = until(alex, sam, Step.SIDES)
    response = client_for(alex).post(page(session, "side"), {"side": "step_back"}, **HTMX)
    assert "Your answer is in. Waiting for Sam to choose" in visible(response)
    sams = client_for(sam).get(page(session))
    assert "Alex has chosen. Their answer shows once you have chosen yours." in visible(sams)
    assert "I tend to step back" in visible(sams)  # as one of Sam's own choices, not as Alex's answer
    assert 'value="step_back" checked' not in page_text(sams)
    assert "Ready to go on" not in visible(sams)

    response = client_for(sam).post(page(session, "side"), {"side": "reach"}, **HTMX)
    text = visible(response)
    assert "You I tend to reach" in text
    assert "Alex I tend to step back" in text
    assert "One of each" in text
    assert "Ready to go on" in text


def test_a_side_that_is_not_one_is_answered_beside_the_form(alex, sam, couple):
    session = until(alex, sam, Step.SIDES)
    response = client_for(alex).post(page(session, "side"), {"side": "pursue"})
    assert response.status_code == 400
    assert "Choose whether you tend to reach, to step back, or that it depends." in visible(response)


def test_a_refusal_is_said_in_the_part(alex, sam, couple):
    session = until(alex, sam, Step.SIGNAL)
    response = client_for(alex).post(page(session, "ready"), {"from_step": "signal"}, **HTMX)
    assert response.status_code == 200
    assert "Choose your signal words together first." in visible(response)
    response = client_for(alex).post(page(session, "ready"), {"from_step": "signal"})
    assert response.status_code == 409


def test_the_signal_is_written_here_and_seen_by_both(alex, sam, couple):
    session = until(alex, sam, Step.SIGNAL)
    response = client_for(alex).post(page(session, "signal"), {"words": SIGNAL}, **HTMX)
    assert response.status_code == 200
    text = visible(client_for(sam).get(page(session)))
    assert "Your signal, written by Alex:" in text
    assert SIGNAL in text
    assert "Ready to go on" in text
    empty = client_for(alex).post(page(session, "signal"), {"words": "  "})
    assert empty.status_code == 400


def test_the_last_screen_leads_to_the_composer_and_a_proposal_ends_it(alex, sam, couple):
    session = until(alex, sam, Step.AGREEMENT)
    text = page_text(client_for(alex).get(page(session)))
    assert 'href="/agreement/propose/"' in text
    assert "Keep the one we have" not in text
    proposals.propose(alex, proposal(words=SIGNAL))
    sams = visible(client_for(sam).get(page(session)))
    assert "You did this together" in sams
    assert "Alex proposed version 1 of your agreement." in sams
    assert SIGNAL in sams
    alexs = visible(client_for(alex).get(page(session)))
    assert "It is in force once Sam accepts it." in alexs
    # Done, Home no longer offers it.
    assert "first session" not in visible(client_for(alex).get("/")).lower()


def test_an_agreement_in_force_can_be_kept_from_the_last_screen(alex, sam, couple):
    agree(alex, sam)
    session = until(alex, sam, Step.AGREEMENT)
    response = client_for(sam).post(page(session, "keep-agreement"), **HTMX)
    assert "Version 1 of your agreement is in force for you both." in visible(response)


def test_put_aside_shows_both_who_did_and_the_way_back(alex, sam, couple):
    session = until(alex, sam, Step.LOOP)
    client_for(sam).post(page(session, "skip"), **HTMX)
    assert "Sam put the session aside for now." in visible(client_for(alex).get(page(session)))
    assert "You put the session aside." in visible(client_for(sam).get(page(session)))
    text = visible(client_for(alex).get("/first-session/"))
    assert "It was put aside at screen 2 of 6" in text
    assert "Pick it up again" in text
    response = client_for(alex).post("/first-session/start/")
    assert response["Location"] == page(session)
    assert "The loop is the problem" in visible(client_for(sam).get(page(session)))


def test_a_page_from_before_a_new_start_is_not_found(alex, sam, couple):
    session = together.start(alex)
    assert client_for(sam).get(f"/first-session/{couple.pk}/").status_code == 404
    assert client_for(sam).get(page(session)).status_code == 200


@pytest.mark.parametrize("action", ["ready", "not-ready", "side", "signal", "keep-agreement", "skip"])
def test_moves_are_posted(alex, sam, couple, action):
    session = together.start(alex)
    assert client_for(alex).get(page(session, action)).status_code == 405


def test_the_live_part_alone_is_sent_to_a_refreshing_page(alex, sam, couple):
    session = together.start(alex)
    response = client_for(sam).get(page(session), **HTMX)
    text = page_text(response)
    assert text.lstrip().startswith('<section id="first-session"')
    assert f'data-live-url="{page(session)}"' in text


def test_a_session_done_can_be_gone_through_again_from_its_page(alex, sam, couple):
    until(alex, sam, Step.AGREEMENT)
    proposals.propose(sam, proposal())
    text = visible(client_for(alex).get("/first-session/"))
    assert "You went through it together on" in text
    assert "Go through it again" in text
    response = client_for(alex).post("/first-session/start/")
    assert "Screen 1 of 6" in visible(client_for(sam).get(response["Location"]))
