"""The journal's pages, as a person reads them: writing, reading again, editing, deleting, searching."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from breathingroom.conftest import page_text
from breathingroom.journal import entries
from breathingroom.journal.models import ENTRY_LENGTH, Entry
from breathingroom.journal.prompts import LENSES, PROMPTS

JOURNAL = "/journal/"
WRITE = "/journal/write/"
SEARCH = "/journal/search/"


def url(entry: Entry, step: str = "") -> str:
    return f"/journal/{entry.pk}/{step + '/' if step else ''}"


def test_an_empty_journal_invites_a_first_line(jo_client):
    page = page_text(jo_client.get(JOURNAL))
    assert "Only you can read what you write here, unless you choose to share an entry." in page
    assert "Nothing written yet. Whenever you are ready, a line or two is a good start." in page
    # Nothing to search yet, and no partner to share with: neither is offered.
    assert 'role="search"' not in page
    assert "Shared with you" not in page


def test_writing_keeps_the_entry_and_shows_it_to_its_author_alone(alex, alex_client, sam_client, robin_client):
    page = page_text(alex_client.get(WRITE))
    assert 'maxlength="10000"' in page
    key = re.search(r'name="key" value="([0-9a-f]{32})"', page).group(1)
    response = alex_client.post(WRITE, {"text": "  The evening went sideways.\nI went for a walk.  ", "key": key})
    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(entry)
    assert entry.text == "The evening went sideways.\nI went for a walk."

    page = page_text(alex_client.get(url(entry)))
    assert "Kept. Only you can read it." in page
    assert "<p>The evening went sideways.<br>I went for a walk.</p>" in page
    assert "Only you can read this entry. If you share it, Sam is told" in page
    assert "Share with Sam" in page

    listed = page_text(alex_client.get(JOURNAL))
    assert "The evening went sideways." in listed
    for client in (sam_client, robin_client):
        assert "sideways" not in page_text(client.get(JOURNAL))
        assert client.get(url(entry)).status_code == 404


def test_pressing_keep_twice_keeps_one_entry(alex_client):
    form = {"text": "Once is enough.", "key": "a" * 32}
    first, second = alex_client.post(WRITE, form), alex_client.post(WRITE, form)
    assert first["Location"] == second["Location"]
    assert Entry.objects.count() == 1


def test_writing_from_a_prompt_shows_it_above_the_words_and_keeps_it(alex, alex_client):
    page = page_text(alex_client.get(WRITE, {"prompt": "body_right_now"}))
    assert str(PROMPTS["body_right_now"].text) in page
    assert 'aria-describedby="prompt-text id_text_helptext"' in page
    assert 'name="prompt" value="body_right_now"' in page
    alex_client.post(WRITE, {"text": "My jaw is tight.", "prompt": "body_right_now"})
    entry = Entry.objects.get()
    assert entry.prompt == "body_right_now"
    shown = page_text(alex_client.get(url(entry)))
    assert str(PROMPTS["body_right_now"].text) in shown
    assert "The body" in shown


def test_an_unknown_prompt_is_quietly_left_out_and_a_forged_one_refused(alex_client):
    page = page_text(alex_client.get(WRITE, {"prompt": "<b>made_up</b>"}))
    assert '<input type="hidden" name="prompt" id="id_prompt">' in page
    assert "made_up" not in page
    response = alex_client.post(WRITE, {"text": "Words.", "prompt": "made_up"})
    assert response.status_code == 400
    assert "Choose one of the prompts, or write without one." in page_text(response)
    assert not Entry.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "Nothing is written here yet. A line or two is enough to keep."),
        ("\x00\u200b", "Nothing is written here yet. A line or two is enough to keep."),
        ("x" * (ENTRY_LENGTH + 1), f"This entry is longer than {ENTRY_LENGTH} characters"),
    ],
)
def test_words_that_cannot_be_kept_are_answered_beside_the_form_and_kept_in_it(alex_client, text, message):
    response = alex_client.post(WRITE, {"text": text})
    assert response.status_code == 400
    assert message in page_text(response)
    assert not Entry.objects.exists()


def test_the_prompts_page_offers_every_lens_with_its_reason(alex_client):
    page = page_text(alex_client.get("/journal/prompts/"))
    for lens in LENSES:
        assert str(lens.name) in page
        assert str(lens.why) in page
        for prompt in lens.prompts:
            assert f'href="/journal/write/?prompt={prompt.key}"' in page


def test_entries_are_listed_newest_first_a_page_at_a_time_in_the_authors_zone(jo, jo_client):
    start = datetime(2024, 12, 24, 22, 30, tzinfo=UTC)
    for i in range(13):
        Entry.objects.create(person=jo, text=f"note-{i:02d}", created_at=start + timedelta(days=i))
    page = page_text(jo_client.get(JOURNAL))
    assert re.findall(r"note-(\d\d)", page) == [f"{i:02d}" for i in range(12, 2, -1)]
    assert "Page 1 of 2" in page
    older = page_text(jo_client.get(JOURNAL, {"page": 2}))
    assert re.findall(r"note-(\d\d)", older) == ["02", "01", "00"]
    # Jo lives in Berlin: 22:30 UTC on Christmas Eve is half past eleven there.
    assert "Tuesday 24 December 2024, 23:30" in older
    assert jo_client.get(JOURNAL, {"page": "999"}).status_code == 200
    assert jo_client.get(JOURNAL, {"page": "nonsense"}).status_code == 200


def test_editing_shows_the_words_and_keeps_the_change(alex, alex_client):
    entry = entries.write(alex, "First draft.")
    page = page_text(alex_client.get(url(entry, "edit")))
    assert "First draft.</textarea>" in page
    assert 'name="version" value="1"' in page
    response = alex_client.post(url(entry, "edit"), {"text": "Second thoughts.", "version": "1"})
    assert response["Location"] == url(entry)
    shown = page_text(alex_client.get(url(entry)))
    assert "Your changes are kept." in shown
    assert "Second thoughts." in shown
    assert "changed " in shown


def test_an_edit_from_an_older_copy_keeps_both_words_in_view(alex, alex_client):
    entry = entries.write(alex, "First draft.")
    entries.edit(alex, entry.pk, "Changed on the phone.")
    response = alex_client.post(url(entry, "edit"), {"text": "Changed on the laptop.", "version": "1"})
    assert response.status_code == 409
    page = page_text(response)
    assert "This entry was changed somewhere else after you opened it" in page
    assert "Changed on the laptop.</textarea>" in page
    assert "What it says now" in page
    assert "Changed on the phone." in page
    assert 'name="version" value="2"' in page
    assert Entry.objects.get().text == "Changed on the phone."
    # Saving again, now knowingly, keeps the laptop's words.
    alex_client.post(url(entry, "edit"), {"text": "Changed on the laptop.", "version": "2"})
    assert Entry.objects.get().text == "Changed on the laptop."


def test_an_edit_without_its_version_or_with_a_strange_one_is_refused(alex, alex_client):
    entry = entries.write(alex, "First draft.")
    for version in ("", "two", "0", "-1", str(2**40)):
        assert alex_client.post(url(entry, "edit"), {"text": "New.", "version": version}).status_code == 400
    assert Entry.objects.get().text == "First draft."


def test_deleting_asks_first_and_works_without_a_script(alex, alex_client):
    entry = entries.write(alex, "Something I no longer need.")
    confirm = page_text(alex_client.get(url(entry, "delete")))
    assert "Delete this entry?" in confirm
    assert "cannot be brought back" in confirm
    assert f'<form method="post" action="{url(entry, "delete")}"' in confirm
    assert Entry.objects.exists()
    response = alex_client.post(url(entry, "delete"))
    assert response["Location"] == JOURNAL
    assert "The entry is deleted." in page_text(alex_client.get(JOURNAL))
    assert not Entry.objects.exists()
    assert alex_client.post(url(entry, "delete")).status_code == 404


def test_sharing_and_unsharing_from_the_entry_page(alex, sam, alex_client, sam_client):
    entry = entries.write(alex, "I miss our Sunday walks.")
    alex_client.post(url(entry, "share"))
    page = page_text(alex_client.get(url(entry)))
    assert "Shared. Sam can read this entry until you stop sharing it." in page
    assert "Sam can read this entry, and any changes you make to it, until you stop sharing it." in page
    assert "Shared with Sam" in page_text(alex_client.get(JOURNAL))
    edit = page_text(alex_client.get(url(entry, "edit")))
    assert "Sam can read this entry. Once you keep your changes, Sam reads the new words instead." in edit

    theirs = page_text(sam_client.get(url(entry)))
    assert "From Alex\u2019s journal" in theirs
    assert "I miss our Sunday walks." in theirs
    assert "Alex is not told whether you opened it." in theirs
    assert "Edit" not in theirs
    assert "Delete" not in theirs
    assert "Stop sharing" not in theirs

    alex_client.post(url(entry, "unshare"))
    assert "Private again. Only you can read this entry." in page_text(alex_client.get(url(entry)))
    assert sam_client.get(url(entry)).status_code == 404


def test_someone_without_a_partner_is_told_why_an_entry_stays_private(jo, jo_client):
    entry = entries.write(jo, "Just for me.")
    page = page_text(jo_client.get(url(entry)))
    assert "Only you can read this entry." in page
    assert "Share with" not in page
    response = jo_client.post(url(entry, "share"), follow=True)
    assert "you are not paired with anyone right now. The entry stays private." in page_text(response)


# --- Search ------------------------------------------------------------------------------------------


def test_searching_finds_ones_own_words_and_marks_them(alex, sam, alex_client, sam_client):
    entries.write(alex, "Zoë called; I felt calmer after.")
    entries.write(alex, "Nothing much today.")
    shared = entries.write(sam, "Zoe again, on my side.")
    entries.share(sam, shared.pk)
    response = alex_client.post(SEARCH, {"q": "zoe CALM"})
    page = page_text(response)
    assert response.status_code == 200
    assert "One entry has these words" in page
    assert "<mark>Zoë</mark> called; I felt <mark>calm</mark>er after." in page
    assert "Nothing much" not in page
    assert "my side" not in page
    # The title never carries the words searched for.
    assert "<title>Search your journal ·" in page


def test_an_empty_result_says_so_kindly(alex, alex_client):
    entries.write(alex, "The walk helped.")
    page = page_text(alex_client.post(SEARCH, {"q": "lighthouse"}))
    assert "No entry has “lighthouse” yet" in page
    assert "Try fewer words, or another way of saying it." in page


def test_the_search_field_sends_its_words_in_a_post_never_in_an_address(alex, alex_client):
    entries.write(alex, "Something.")
    page = page_text(alex_client.get(JOURNAL))
    assert '<form method="post" action="/journal/search/" role="search"' in page
    assert "what you search for is not kept" in page


def test_many_results_are_paged_by_buttons_that_carry_the_search(alex, alex_client):
    for i in range(12):
        entries.write(alex, f"worry number {i}")
    page = page_text(alex_client.post(SEARCH, {"q": "worry"}))
    assert "12 entries have these words" in page
    assert "Page 1 of 2" in page
    assert '<input type="hidden" name="q" value="worry">' in page
    second = page_text(alex_client.post(SEARCH, {"q": "worry", "page": "2"}))
    assert re.findall(r"worry</mark> number (\d+)", second) == ["1", "0"]


def test_a_blank_search_goes_back_to_the_journal_and_a_huge_one_is_refused(alex_client):
    assert alex_client.post(SEARCH, {"q": "   "})["Location"] == JOURNAL
    response = alex_client.post(SEARCH, {"q": "x" * 201})
    assert response.status_code == 400
    assert "Search for a few words: up to 200 characters." in page_text(response)
    assert alex_client.get(SEARCH).status_code == 200


def test_every_page_is_for_its_person_alone_and_kept_by_no_browser(alex, alex_client):
    entry = entries.write(alex, "Private.")
    for path in (JOURNAL, WRITE, "/journal/prompts/", SEARCH, url(entry), url(entry, "edit"), url(entry, "delete")):
        response = alex_client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path


@pytest.mark.parametrize("path", ["share", "unshare", "delete"])
def test_a_change_is_never_made_by_a_get(alex, alex_client, path):
    entry = entries.write(alex, "Stays as it is.")
    response = alex_client.get(url(entry, path))
    assert response.status_code in (200, 405)
    assert Entry.objects.get().shared_in is None
