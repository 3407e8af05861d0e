"""Everything a person writes is read one way: what only looks written counts as nothing, nothing can
make words read backwards, and pages isolate each person's words from the sentences around them."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from breathingroom import writing
from breathingroom.accounts.models import Person
from breathingroom.breaks import space
from breathingroom.breaks.tests.conftest import REASSURANCE
from breathingroom.conftest import PASSWORD

LOOK_BLANK = ["\u200b", "\u2060\ufeff", "\u202e", "\u2066\u2069", "\u3164", "\u2800", "\u00a0\u2003", "\u200d\u200c"]
OVERRIDES = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize("text", LOOK_BLANK)
def test_text_that_draws_nothing_is_blank(text):
    assert writing.looks_blank(writing.tidy(text))


@given(st.text())
def test_tidy_is_idempotent_and_leaves_nothing_that_reorders_or_hides(text):
    tidied = writing.tidy(text)
    assert writing.tidy(tidied) == tidied
    assert not set(OVERRIDES) & set(tidied)
    assert "\x00" not in tidied
    assert tidied == tidied.strip()
    tidied.encode("utf-8")  # no half of a surrogate pair survives


# Mostly the characters that may pass for nothing, so that text of only those comes up often.
MAYBE_BLANK = st.characters(categories=["Cc", "Cf", "Mn", "Me", "Zs", "Zl", "Zp"]) | st.sampled_from("\u3164\u2800a")


@given(st.text(MAYBE_BLANK | st.characters(), max_size=6))
def test_the_pattern_an_api_document_shows_finds_writing_exactly_where_writing_does(text):
    assume("\x00" not in text)  # the pattern also refuses NUL, as all text the API reads
    written = not writing.looks_blank(writing.tidy(text))
    assert bool(re.fullmatch(writing.written_pattern(), text)) == written


def test_line_ends_are_one_kind_and_inner_lines_stay():
    assert writing.tidy("  first\r\nsecond\rthird  \n") == "first\nsecond\nthird"


# --- Names: the settings page, the API and sign-up read them alike -------------------------------


@pytest.mark.parametrize("name", ["\u200b\u200b", "\u202e", "\u3164"])
def test_a_name_that_only_looks_written_is_refused_on_the_page_and_by_the_api(alex_client, alex, name):
    page = alex_client.post("/settings/", {"display_name": name, "time_zone": "Europe/London"})
    assert page.status_code == 400
    assert "Please enter a name your partner will recognise." in page.content.decode()
    api = alex_client.patch("/api/v1/me", json.dumps({"display_name": name}), content_type="application/json")
    assert api.status_code == 422
    alex.refresh_from_db()
    assert alex.display_name == "Alex"


def test_a_name_keeps_its_letters_and_loses_its_overrides(alex_client, alex):
    response = alex_client.patch(
        "/api/v1/me", json.dumps({"display_name": "\u202eAlex\u202c"}), content_type="application/json"
    )
    assert response.status_code == 200
    alex.refresh_from_db()
    assert alex.display_name == "Alex"


def test_sign_up_reads_the_name_the_same_way(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "ria@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "\ufeff Ria\u200b ",
            "time_zone": "UTC",
        },
    )
    assert response.status_code == 302
    assert Person.objects.get(email="ria@example.com").display_name == "Ria"


# --- Showing them ------------------------------------------------------------------------------


def test_the_partner_sees_right_to_left_words_isolated_from_the_page_around_them(alex, sam_client, couple):
    alex.display_name = "\u0633\u0627\u0631\u0627"  # a right-to-left name
    alex.save(update_fields=["display_name"])
    space.take_space(alex, 30, "\u0633\u0623\u0639\u0648\u062f \u2014 " + REASSURANCE)

    page = sam_client.get("/").content.decode()

    assert "<bdi>\u0633\u0627\u0631\u0627</bdi> is taking some space" in page
    assert '<blockquote class="reassurance" dir="auto">\u0633\u0623\u0639\u0648\u062f' in page


def test_a_reassurance_typed_with_an_override_reaches_the_partner_as_written(alex_client, sam_client):
    response = alex_client.post("/space/", {"reassurance": "\u202eBack at eight\u202c", "length": "20"})
    assert response.status_code == 302
    page = sam_client.get("/").content.decode()
    assert '<blockquote class="reassurance" dir="auto">Back at eight</blockquote>' in page
    assert "\u202e" not in page
