"""The coach's page, which works without JavaScript, and the part of it fetched as a person types."""

from __future__ import annotations

import re

import pytest
from django.utils.html import escape

from breathingroom.conftest import page_text
from breathingroom.softstart import coach

# The coach reads text, never the database: the first CI pass proves its page.
pytestmark = pytest.mark.once

PAGE = "/soft-start/"
ADVICE = "/soft-start/advice/"


def test_the_page_shows_the_shape_a_box_and_says_nothing_is_sent(alex_client):
    page = page_text(alex_client.get(PAGE))
    assert "<h1>Start gently</h1>" in page
    for part in ("When …,", "I feel …,", "I need …;", "would you …?"):
        assert f"<strong>{part}</strong>" in page
    assert re.search(r'<textarea name="text"[^>]*data-soft-start[^>]*maxlength="2000"', page)
    assert 'data-soft-start-for="id_text"' in page
    assert "Check my words" in page
    assert "Nothing here is sent to Sam." in page
    assert 'data-copy="#id_text"' in page


def test_someone_without_a_partner_is_told_nothing_is_sent_to_anyone(jo_client):
    assert "Nothing here is sent to anyone." in page_text(jo_client.get(PAGE))


def test_checking_harsh_words_marks_them_numbered_and_says_each_rule_and_why(jo_client):
    response = jo_client.post(PAGE, {"text": "You're so lazy. You never help!"})
    assert response.status_code == 200
    page = page_text(response)
    assert "3 things to look at: A label, Blame, Always or never." in page
    assert (
        '<mark class="coach-mark">You&#x27;re so lazy</mark><sup class="coach-ref"><span class="visually-hidden">('
        '</span>1<span class="visually-hidden">: A label</span><span class="visually-hidden">)</span></sup>. '
    ) in page
    # Flags that overlap share one mark, with both their numbers.
    assert (
        '<mark class="coach-mark">You never help</mark><sup class="coach-ref"><span class="visually-hidden">('
        '</span>2<span class="visually-hidden">: Blame</span>, 3<span class="visually-hidden">: Always or never'
        '</span><span class="visually-hidden">)</span></sup>!'
    ) in page
    assert '<strong class="coach-rule">A label</strong> “You&#x27;re so lazy” says who they are' in page
    assert "When you don&#x27;t help, I feel …, I need …; would you help?" in page
    assert 'type="submit" name="use" value="When you don&#x27;t help, I feel …, I need …; would you help?"' in page
    # The words stay in the box, to keep working on.
    assert ">\nYou&#x27;re so lazy. You never help!</textarea>" in page


def test_use_this_puts_the_softer_shape_in_the_box_and_reads_it_again(jo_client):
    softer = coach.check("You never help!").softer
    page = page_text(jo_client.post(PAGE, {"text": "You never help!", "use": softer}))
    assert ">\n" + escape(softer) + "</textarea>" in page
    assert "This reads gently. Nothing here tends to start a fight." in page
    assert "Fill in each … with your own words when you are ready." in page


def test_gentle_words_are_said_to_read_gently(jo_client):
    page = page_text(jo_client.post(PAGE, {"text": "I never want to lose you."}))
    assert "This reads gently." in page
    assert "coach-mark" not in page
    assert 'name="use"' not in page


def test_too_many_words_are_refused_with_the_limit_and_kept_in_the_box(jo_client):
    response = jo_client.post(PAGE, {"text": "a" * 2001})
    assert response.status_code == 400
    assert "The coach reads up to 2000 characters at a time." in page_text(response)


def test_the_advice_alone_is_what_the_page_shows_under_the_box(jo_client):
    response = jo_client.post(ADVICE, {"text": "Whatever 🙄"})
    assert response.status_code == 200
    part = page_text(response)
    assert "<html" not in part
    assert "data-soft-start-summary>2 things to look at: Contempt.</p>" in part
    assert '<mark class="coach-mark">🙄</mark>' in part
    # Beside another form's box, "Use this" must never send that form.
    assert '<button type="button" name="use" value="When …, I feel …, I need …; would you …?"' in part


def test_the_advice_on_nothing_asks_for_a_few_words(jo_client):
    part = page_text(jo_client.post(ADVICE, {"text": ""}))
    assert "Write a few words, and the coach will read them with you." in part
    assert "data-soft-start-summary" not in part


def test_the_advice_on_too_many_words_says_so_as_an_alert(jo_client):
    response = jo_client.post(ADVICE, {"text": "a" * 2001})
    assert response.status_code == 400
    assert '<p class="error" role="alert">The coach reads up to 2000 characters' in page_text(response)


def test_the_advice_is_only_posted(jo_client):
    assert jo_client.get(ADVICE).status_code == 405


def test_the_coach_can_sit_beside_any_text_box(jo, rf):
    from django.template import engines

    template = engines["django"].from_string(
        '<textarea id="note" data-soft-start></textarea>{% include "softstart/_coach.html" with for="note" %}'
    )
    request = rf.get("/somewhere/")
    request.user = jo
    html = template.render({}, request)
    assert 'data-soft-start-for="note"' in html
    assert 'data-soft-start-url="/soft-start/advice/"' in html
    assert 'src="/static/breathingroom/softstart.js"' in html
    assert 'aria-live="polite"' in html
    assert '<a href="/soft-start/">Start gently</a>' in html
