"""The repair conversation's page: what each partner sees at each step, with and without JavaScript."""

from __future__ import annotations

import html
import re
import uuid

import pytest
from django.urls import reverse

from breathingroom.conftest import page_text
from breathingroom.dance import repair
from breathingroom.dance.models import Episode, RepairAnswer, RepairStep, RepairTalk
from breathingroom.dance.tests.conftest import episode_with
from breathingroom.dance.tests.test_repair import through

HTMX = {"HX-Request": "true"}


@pytest.fixture
def episode(alex, sam, couple) -> Episode:
    return episode_with(alex, sam, "pursued", "withdrew")


def url(name: str, episode: Episode) -> str:
    return reverse(f"repair:{name}", args=[episode.id])


def test_before_it_begins_the_page_says_what_it_is_and_begins_it(alex_client, sam_client, episode):
    response = alex_client.get(url("repair", episode))
    text = page_text(response)
    assert "Talk it through together" in text
    assert "The loop is the problem here, not either of you." in text
    assert "When you begin, Sam is told and can join you." in text
    # Without JavaScript: a form, then back to the page.
    response = alex_client.post(url("begin", episode))
    assert response.status_code == 302
    assert response["Location"] == url("repair", episode)
    assert RepairTalk.objects.get().started_by.display_name == "Alex"
    text = page_text(sam_client.get(url("repair", episode)))
    assert "What I felt" in text
    assert "step 1 of 6" in text


def test_the_live_part_is_fetched_alone_and_followed_by_both(alex_client, episode):
    repair.begin(episode.started_by, episode.id)
    page = alex_client.get(url("repair", episode)).content.decode()
    live = re.search(r'data-live-url="([^"]+)"', page)
    assert live is not None
    assert live.group(1).startswith(url("repair", episode) + "?seen=")
    assert "repair.css" in page
    part = alex_client.get(url("repair", episode), headers=HTMX).content.decode()
    assert part.lstrip().startswith("<section")
    assert "<html" not in part
    # Asking again with nothing new changes nothing on the page; a change anywhere brings the part again.
    assert alex_client.get(html.unescape(live.group(1)), headers=HTMX).status_code == 204
    repair.pause(episode.started_by, episode.id)
    again = alex_client.get(html.unescape(live.group(1)), headers=HTMX)
    assert again.status_code == 200
    assert "You paused here." in page_text(again)


def test_the_first_step_offers_the_coach_and_words_for_feelings(alex_client, episode):
    repair.begin(episode.started_by, episode.id)
    page = alex_client.get(url("repair", episode)).content.decode()
    assert 'id="repair-felt"' in page
    assert "data-soft-start" in page
    assert 'data-soft-start-for="repair-felt"' in page
    assert "Words for feelings" in page
    assert "Unsure of us" in page


def test_writing_then_done_saves_and_waits_for_the_partner(alex, sam, alex_client, sam_client, episode):
    repair.begin(alex, episode.id)
    response = alex_client.post(url("write", episode), {"step": "felt", "felt": "I felt left behind.", "then": "done"})
    assert response.status_code == 302
    text = page_text(alex_client.get(url("repair", episode)))
    assert "You are done with this step. When Sam is too, you go on together." in text
    assert "I felt left behind." in text
    text = page_text(sam_client.get(url("repair", episode)))
    assert "Alex is done with this step." in text
    # Alex's words wait until Sam has written their own.
    assert "I felt left behind." not in text
    response = sam_client.post(url("write", episode), {"step": "felt", "felt": "I felt cornered."}, headers=HTMX)
    text = page_text(response)
    assert "From Alex" in text
    assert "I felt left behind." in text
    response = sam_client.post(url("write", episode), {"step": "felt", "felt": "I felt cornered.", "then": "done"})
    text = page_text(sam_client.get(url("repair", episode)))
    assert "How I saw it" in text
    assert "step 2 of 6" in text
    assert "What you both said so far" in text


def test_a_refusal_keeps_the_words_just_typed(alex, alex_client, episode):
    repair.begin(alex, episode.id)
    response = alex_client.post(url("write", episode), {"step": "felt", "felt": "x" * 2001})
    assert response.status_code == 400
    text = page_text(response)
    assert "Keep this to 2000 characters" in text
    assert "x" * 2001 in response.content.decode()
    response = alex_client.post(url("write", episode), {"step": "felt", "felt": "", "then": "done"}, headers=HTMX)
    assert response.status_code == 200
    assert "Write what you felt first" in page_text(response)


def test_words_for_a_step_that_moved_on_meanwhile_are_shown_to_copy(alex, sam, alex_client, episode):
    through(alex, sam, episode, RepairStep.SAW)
    response = alex_client.post(url("write", episode), {"step": "felt", "felt": "One more thing I felt."})
    assert response.status_code == 409
    text = page_text(response)
    assert "These words were not saved" in text
    assert "One more thing I felt." in text
    assert "One more thing I felt." not in {a.text for a in RepairAnswer.objects.all()}


def test_words_sent_as_the_partner_paused_are_shown_to_copy(alex, sam, alex_client, episode):
    repair.begin(alex, episode.id)
    repair.pause(sam, episode.id)
    response = alex_client.post(url("write", episode), {"step": "felt", "felt": "Words typed before I saw it."})
    assert response.status_code == 409
    text = page_text(response)
    assert "The talk is paused." in text
    assert "Sam paused here." in text
    assert "These words were not saved" in text
    assert "Words typed before I saw it." in text


def test_the_summary_waits_for_both_views(alex, sam, alex_client, episode):
    through(alex, sam, episode, RepairStep.SAW)
    text = page_text(alex_client.get(url("repair", episode)))
    assert "Once you have both written how you saw it, Sam\u2019s words show here" in text
    assert 'name="summary_of_partner"' not in alex_client.get(url("repair", episode)).content.decode()
    repair.write(alex, episode.id, "saw", "It went quiet.")
    repair.write(sam, episode.id, "saw", "I was flooded.")
    page = alex_client.get(url("repair", episode)).content.decode()
    assert "How Sam saw it" in page
    assert "I was flooded." in page
    assert 'name="summary_of_partner"' in page
    assert "What I heard Sam say" in page


def test_pausing_shows_on_both_pages_and_either_goes_on(alex, sam, alex_client, sam_client, episode):
    repair.begin(alex, episode.id)
    alex_client.post(url("pause", episode))
    assert "You paused here." in page_text(alex_client.get(url("repair", episode)))
    page = sam_client.get(url("repair", episode)).content.decode()
    assert "Alex paused here." in page_text(sam_client.get(url("repair", episode)))
    assert 'name="felt"' not in page
    sam_client.post(url("resume", episode))
    assert 'name="felt"' in sam_client.get(url("repair", episode)).content.decode()


def test_keeping_it_and_letting_it_go_read_kindly(alex, sam, alex_client, sam_client, episode):
    through(alex, sam, episode, RepairStep.KEEP)
    text = page_text(alex_client.get(url("repair", episode)))
    assert "It is kept only if you both say yes." in text
    assert "What you both said" in text
    assert "Sam will say when they are coming back." in text
    alex_client.post(url("confirm", episode), {"step": "keep", "keep": "yes"})
    assert "You chose to keep it. Waiting for Sam to choose." in page_text(alex_client.get(url("repair", episode)))
    assert "Sam has chosen" not in page_text(alex_client.get(url("repair", episode)))
    assert "Alex has chosen." in page_text(sam_client.get(url("repair", episode)))
    sam_client.post(url("confirm", episode), {"step": "keep", "keep": "no"})
    text = page_text(alex_client.get(url("repair", episode)))
    assert "It is let go. The words you wrote here are deleted, for both of you." in text
    assert "Sam will say when they are coming back." not in text


def test_kept_it_stays_to_read(alex, sam, sam_client, episode):
    through(alex, sam, episode, RepairStep.DONE)
    text = page_text(sam_client.get(url("repair", episode)))
    assert "You both chose to keep it." in text
    assert "What Alex felt" in text
    assert "I felt scared, Alex here." in text
    assert 'action="' + url("pause", episode) not in sam_client.get(url("repair", episode)).content.decode()


def test_outsiders_find_nothing_and_someone_alone_is_told_calmly(robin_client, jo_client, episode):
    nothing = reverse("repair:repair", args=[uuid.uuid4()])
    theirs = robin_client.get(url("repair", episode))
    assert theirs.status_code == robin_client.get(nothing).status_code == 404
    alone = jo_client.get(url("repair", episode))
    assert alone.status_code == 404
    assert "Talking it through needs the two of you" in page_text(alone)
    refused = jo_client.post(url("begin", episode))
    assert refused.status_code == 404
    assert "Talking it through needs the two of you" in page_text(refused)


def test_the_way_in_from_an_episode_says_where_the_talk_is(alex, sam, episode, rf):
    from django.template.loader import render_to_string

    from breathingroom.dance.describe import describe

    def entry() -> str:
        return render_to_string("dance/_repair_entry.html", {"episode": describe(Episode.objects.get(), alex, sam)})

    assert "Talk it through together" in entry()
    repair.begin(alex, episode.id)
    assert "Go on talking it through" in entry()
    through(alex, sam, episode, RepairStep.DONE)
    assert "Your talk about it" in entry()
