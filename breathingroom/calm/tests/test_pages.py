"""The calm pages that only show things: the tools, breathing, grounding and the reasons for space."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from breathingroom.calm.reasons import CLOSING, REASONS
from breathingroom.conftest import page_text

INDEX = "/calm/"
BREATHE = "/calm/breathe/"
GROUND = "/calm/ground/"
# The body check-in lives in its own app now; the old address only sends people there.
OLD_BODY = "/calm/body/"
BODY = "/body/"
UNSENT = "/calm/unsent/"
REASONS_PAGE = "/calm/reasons/"
ALL_PAGES = [INDEX, BREATHE, GROUND, UNSENT, REASONS_PAGE]
TOOLS = [BREATHE, GROUND, BODY, UNSENT, REASONS_PAGE]
DELETE_URLS = ["/calm/unsent/5f0c6a52-3f0e-4a8e-9d55-3c0f3f7f2a11/delete/"]


def text(response) -> str:
    return page_text(response)


def main(response) -> str:
    return text(response).split("<main", 1)[1].split("</main>", 1)[0]


def test_the_index_lists_every_tool_with_a_line_about_it(alex_client):
    page = main(alex_client.get(INDEX))
    assert "<h1>Calm your body</h1>" in page
    for url in TOOLS:
        assert f'href="{url}"' in page
    assert "in for four, out for six" in page
    assert "Your partner sees a check-in only if you choose to share it." in page


def test_the_breathing_page_has_its_circle_and_its_words_without_a_script(alex_client):
    page = main(alex_client.get(BREATHE))
    # The circle needs the script, so it starts hidden; the steps are there for everyone.
    pacer = re.search(r"<section[^>]*data-pacer[^>]*>", page, re.DOTALL)
    assert pacer is not None
    assert " hidden" in pacer.group(0)
    assert 'data-text-in="Breathe in…"' in pacer.group(0)
    assert 'data-text-out="Breathe out…"' in pacer.group(0)
    assert 'aria-live="polite"' in page
    assert "How to do it on your own" in page
    assert "count slowly to four" in page
    assert "count to six" in page
    assert re.search(r'<script type="module" src="/static/breathingroom/breathe.js">', text(alex_client.get(BREATHE)))


def test_grounding_lists_all_five_steps_without_a_script(alex_client):
    page = main(alex_client.get(GROUND))
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", page)
    assert headings == [
        "Five things you can see",
        "Four things you can touch",
        "Three things you can hear",
        "Two things you can smell",
        "One thing you can taste",
        "Notice how you are now",
    ]
    # None of the steps is hidden until the script takes over.
    assert "data-step hidden" not in page
    assert re.search(r"<button[^>]*data-ground-again hidden", page)


def test_the_reasons_come_from_their_module_with_a_question_each(alex_client):
    page = main(alex_client.get(REASONS_PAGE))
    assert len(REASONS) == 5
    for reason in REASONS:
        assert f'id="{reason.slug}"' in page
        assert str(reason.title) in page
        assert str(reason.question).replace("'", "&#x27;") in page
    assert page.count("Ask yourself") == len(REASONS)
    for paragraph in CLOSING:
        assert str(paragraph) in page
    assert "protecting the relationship, not a way out of it" in page
    assert "a time to come back" in page


def test_the_tools_include_needs_nothing_but_its_template(alex):
    nav = render_to_string("calm/_tools.html", {"user": alex})
    assert nav.count("<a ") == 5
    assert re.findall(r'href="([^"]+)"', nav) == TOOLS
    assert 'aria-label="Ways to calm your body"' in nav


def test_the_old_body_check_in_address_sends_bookmarks_to_the_new_one(alex_client):
    for method in ("get", "head"):
        response = getattr(alex_client, method)(OLD_BODY)
        assert response.status_code == 301
        assert response["Location"] == BODY
    assert "<h1>Check in with your body</h1>" in main(alex_client.get(OLD_BODY, follow=True))


def test_the_old_body_check_in_address_keeps_nothing_sent_to_it(alex_client):
    # A form from before the move, sent from a tab left open, is refused: nothing is kept here any more.
    assert alex_client.post(OLD_BODY, {"where": "chest"}).status_code == 405
    assert alex_client.get("/calm/body/5f0c6a52-3f0e-4a8e-9d55-3c0f3f7f2a11/delete/").status_code == 404


def test_every_page_has_one_heading_and_a_way_back(alex_client):
    for url in [*ALL_PAGES, BODY]:
        page = main(alex_client.get(url))
        assert page.count("<h1") == 1, url
        if url != INDEX:
            assert f'href="{INDEX}"' in page, url


def test_the_url_names(db):
    names = ["index", "breathe", "ground", "unsent", "reasons"]
    assert [reverse(f"calm:{name}") for name in names] == ALL_PAGES
    assert reverse("calm:body") == OLD_BODY


@pytest.mark.parametrize("url", [*ALL_PAGES, OLD_BODY])
def test_anonymous_visitors_are_sent_to_log_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize("url", [OLD_BODY, UNSENT, *DELETE_URLS])
def test_anonymous_visitors_cannot_write_or_delete(client, db, url):
    response = client.post(url, {"text": "hello"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("url", [INDEX, BREATHE, GROUND, REASONS_PAGE])
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_read_only_pages_refuse_other_methods(jo_client, url, method):
    assert getattr(jo_client, method)(url).status_code == 405


@pytest.mark.parametrize("url", [UNSENT])
@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_forms_refuse_other_methods(jo_client, url, method):
    assert getattr(jo_client, method)(url).status_code == 405


@pytest.mark.parametrize("url", DELETE_URLS)
def test_deleting_is_only_ever_a_post(jo_client, url):
    assert jo_client.get(url).status_code == 405


def test_read_only_pages_also_answer_head(jo_client):
    for url in [INDEX, BREATHE, GROUND, REASONS_PAGE]:
        assert jo_client.head(url).status_code == 200, url
