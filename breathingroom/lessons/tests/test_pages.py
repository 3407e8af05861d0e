"""The lessons' pages, as a person reads them: the library, screen by screen, the question, and offers elsewhere."""

from __future__ import annotations

import re

from django.template import Context, Template
from django.test import RequestFactory

from breathingroom.conftest import page_text
from breathingroom.journal.models import Entry
from breathingroom.lessons import content, reading
from breathingroom.lessons.models import Progress

INDEX = "/lessons/"


def test_the_library_shows_each_lesson_and_where_i_am(alex, alex_client):
    reading.open_screen(alex, "waiting-well", 2)
    reading.finish(alex, "repair")
    page = page_text(alex_client.get(INDEX))
    for lesson in content.library("en"):
        assert lesson.title in page
        assert lesson.summary in page
    count = content.find("waiting-well", "en").count
    assert f"Up to screen 2 of {count}" in page
    assert 'href="/lessons/waiting-well/2/"' in page
    assert "Read</span>" in page
    assert 'href="/help/"' in page


def test_reading_a_lesson_screen_by_screen_records_how_far(alex, alex_client):
    lesson = content.find("taking-space-well", "en")
    first = page_text(alex_client.get("/lessons/taking-space-well/"))
    assert f'<h1 id="screen-title">{lesson.screens[0].title}</h1>' in first
    assert f"Screen 1 of {lesson.count}" in first
    assert 'href="/lessons/taking-space-well/2/" rel="next"' in first
    assert Progress.objects.get(person=alex).screen == 1

    last = page_text(alex_client.get(f"/lessons/taking-space-well/{lesson.count}/"))
    assert lesson.screens[-1].title in last
    assert 'href="/lessons/taking-space-well/question/" rel="next">To the question' in last
    assert Progress.objects.get(person=alex).screen == lesson.count


def test_a_screen_or_lesson_that_is_not_there_is_404(alex_client):
    for path in ("/lessons/nope/", "/lessons/repair/0/", "/lessons/repair/99/", "/lessons/nope/question/"):
        assert alex_client.get(path).status_code == 404, path
    assert alex_client.post("/lessons/nope/done/").status_code == 404


def test_the_question_turns_into_a_private_journal_entry(alex, alex_client):
    lesson = content.find("repair", "en")
    page = page_text(alex_client.get("/lessons/repair/question/"))
    assert lesson.reflection in page
    assert 'aria-describedby="question id_text_helptext"' in page
    key = re.search(r'name="key" value="([0-9a-f]{32})"', page).group(1)
    response = alex_client.post("/lessons/repair/question/", {"text": "A hug after a hard talk.", "key": key})
    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/journal/{entry.pk}/"
    shown = page_text(alex_client.get(response["Location"]))
    assert "Kept in your journal, with the question. Only you can read it." in shown
    assert lesson.reflection in shown
    assert "A hug after a hard talk." in shown
    assert Progress.objects.get(person=alex).done_at is not None


def test_an_empty_answer_is_asked_for_again_and_nothing_kept(alex_client):
    response = alex_client.post("/lessons/repair/question/", {"text": "  ", "key": "k"})
    assert response.status_code == 400
    assert "Write a line or two first" in page_text(response)
    assert not Entry.objects.exists()


def test_finishing_without_writing_marks_the_lesson_read(alex, alex_client):
    response = alex_client.post("/lessons/repair/done/", follow=True)
    assert response.redirect_chain == [("/lessons/", 302)]
    assert "“Repair” is marked as read." in page_text(response)
    assert not Entry.objects.exists()
    assert Progress.objects.get(person=alex).version == content.find("repair", "en").version


def test_raw_html_never_reaches_a_page(alex_client, monkeypatch):
    hostile = content.parse(
        "---\nslug: repair\norder: 6\nversion: 1\ntitle: <i>T</i>\nsummary: s\nreflection: <b>q</b>?\n---\n"
        "## <em>A</em>\n\n<script>alert(1)</script>\n\n## B\n\nb\n",
        "en/repair.md",
    )
    monkeypatch.setattr(content, "find", lambda slug, language=None: hostile)
    page = alex_client.get("/lessons/repair/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<i>T</i>" not in page
    assert "<em>A</em>" not in page
    question = alex_client.get("/lessons/repair/question/").content.decode()
    assert "<b>q</b>" not in question


def offer(person, slug: str) -> str:
    request = RequestFactory().get("/")
    request.user = person
    return Template("{% load lessons %}{% lesson_offer slug %}").render(Context({"request": request, "slug": slug}))


def test_an_offer_leads_to_the_lesson_and_says_where_i_am(alex):
    lesson = content.find("reasons-for-space", "en")
    fresh = offer(alex, "reasons-for-space")
    assert 'href="/lessons/reasons-for-space/"' in fresh
    assert lesson.title in fresh
    assert lesson.summary in fresh
    reading.open_screen(alex, "reasons-for-space", 3)
    begun = offer(alex, "reasons-for-space")
    assert 'href="/lessons/reasons-for-space/3/"' in begun
    assert f"up to screen 3 of {lesson.count}" in begun
    reading.finish(alex, "reasons-for-space")
    assert "A lesson you have read:" in offer(alex, "reasons-for-space")
    # A lesson that is gone loses the offer, not the page.
    assert offer(alex, "no-such-lesson").strip() == ""
