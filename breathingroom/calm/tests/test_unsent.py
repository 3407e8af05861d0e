"""Write it, don't send it: notes nobody but their author ever reads."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from breathingroom import writing
from breathingroom.calm.forms import UnsentNoteForm
from breathingroom.calm.models import UnsentNote
from breathingroom.conftest import client_for, page_text

UNSENT = "/calm/unsent/"


def text(response) -> str:
    return page_text(response)


def delete_url(note: UnsentNote) -> str:
    return f"/calm/unsent/{note.pk}/delete/"


def test_the_page_says_plainly_that_nothing_is_sent(jo_client):
    page = text(jo_client.get(UNSENT))
    assert "<strong>Only you can see this. It is never sent.</strong>" in page
    assert '<textarea name="text" cols="40" rows="8" maxlength="5000"' in page
    assert "Nothing here yet." in page


def test_a_note_is_kept_and_shown_only_to_its_author(alex, alex_client, sam_client, robin_client):
    response = alex_client.post(UNSENT, {"text": "  You never listen.\nI am so tired of this.  "})
    assert response.status_code == 302
    assert response["Location"] == UNSENT
    note = UnsentNote.objects.get()
    assert note.person == alex
    assert note.text == "You never listen.\nI am so tired of this."

    page = text(alex_client.get(UNSENT))
    assert "Kept here. Nothing was sent." in page
    assert "You never listen.<br>I am so tired of this." in page

    for client in (sam_client, robin_client):
        other = text(client.get(UNSENT))
        assert "never listen" not in other
        assert "Nothing here yet." in other


def test_notes_are_listed_newest_first_with_times_in_the_authors_zone(jo, jo_client):
    start = datetime(2024, 12, 24, 22, 30, tzinfo=UTC)
    for i in range(3):
        UnsentNote.objects.create(person=jo, text=f"note-{i}", created_at=start + timedelta(days=i))
    page = text(jo_client.get(UNSENT))
    assert re.findall(r"note-(\d)", page) == ["2", "1", "0"]
    # Jo lives in Berlin: 22:30 UTC on Christmas Eve is half past eleven there.
    assert "Tuesday 24 December, 23:30" in page
    assert 'datetime="2024-12-24T23:30:00+01:00"' in page


def test_text_that_would_change_the_page_is_shown_as_text(alex_client):
    alex_client.post(UNSENT, {"text": "<script>alert(1)</script> & <b>bold</b>"})
    page = text(alex_client.get(UNSENT))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "There is nothing here yet. Even a few words are enough."),
        ("   \n  ", "There is nothing here yet. Even a few words are enough."),
        ("x" * 5001, "This is longer than 5000 characters, so it has not been kept yet."),
        ("y" * 200_000, "This is longer than 5000 characters, so it has not been kept yet."),
    ],
)
def test_empty_or_huge_notes_are_refused_with_a_message(alex_client, value, message):
    response = alex_client.post(UNSENT, {"text": value})
    assert response.status_code == 400
    page = text(response)
    assert f'<p class="error" id="id_text_error">{message}' in page
    assert re.search(r'aria-invalid="true" aria-describedby="id_text_helptext id_text_error"', page)
    assert not UnsentNote.objects.exists()


def test_a_note_of_exactly_the_limit_is_kept(alex_client):
    assert alex_client.post(UNSENT, {"text": "z" * 5000}).status_code == 302
    assert len(UnsentNote.objects.get().text) == 5000


def test_a_huge_request_is_refused_and_nothing_is_kept(alex_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = alex_client.post(UNSENT, {"text": "x" * 20_000})
    assert response.status_code == 400
    assert not UnsentNote.objects.exists()


def test_deleting_ones_own_note(alex, alex_client):
    note = UnsentNote.objects.create(person=alex, text="let it go")
    other = UnsentNote.objects.create(person=alex, text="keep this one")
    response = alex_client.post(delete_url(note), follow=True)
    assert response.redirect_chain == [(UNSENT, 302)]
    page = text(response)
    assert "The note is deleted." in page
    assert "let it go" not in page
    assert "keep this one" in page
    assert list(UnsentNote.objects.all()) == [other]


@pytest.mark.parametrize("who", ["sam", "robin", "jo"])
def test_nobody_else_can_delete_a_note(request, alex, who):
    note = UnsentNote.objects.create(person=alex, text="mine alone")
    response = client_for(request.getfixturevalue(who)).post(delete_url(note))
    assert response.status_code == 404
    assert "mine alone" not in text(response)
    assert UnsentNote.objects.filter(pk=note.pk).exists()


def test_deleting_asks_for_a_post(alex, alex_client):
    note = UnsentNote.objects.create(person=alex, text="still here")
    assert alex_client.get(delete_url(note)).status_code == 405
    assert UnsentNote.objects.filter(pk=note.pk).exists()


def test_notes_go_with_their_author(alex):
    UnsentNote.objects.create(person=alex, text="private")
    alex.delete()
    assert not UnsentNote.objects.exists()


@given(value=st.text(st.characters(exclude_categories=["Cc", "Cs"]), max_size=200))
def test_any_words_are_accepted_unless_they_only_look_written(value):
    assert UnsentNoteForm({"text": value}).is_valid() is not writing.looks_blank(writing.tidy(value))


@given(length=st.integers(0, 5100), letter=st.characters(exclude_categories=["Cc", "Cs", "Zs", "Zl", "Zp"]))
def test_the_limit_is_five_thousand_characters_in_any_script(length, letter):
    kept = writing.tidy(letter * length)
    written = not writing.looks_blank(kept)
    assert UnsentNoteForm({"text": letter * length}).is_valid() is (written and len(kept) <= 5000)
