"""The journal in the JSON API at /api/v1/journal, as a phone or a script sees it."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.utils import timezone

from breathingroom.api.pagination import LAST_PAGE
from breathingroom.api.tests.documented import assert_documented
from breathingroom.conftest import assert_json
from breathingroom.journal import entries
from breathingroom.journal.models import ENTRY_LENGTH, Entry
from breathingroom.journal.prompts import LENSES, PROMPTS

JOURNAL = "/api/v1/journal"
ENTRY = JOURNAL + "/{entry_id}"
SHARE = ENTRY + "/share"
NOBODYS = str(uuid.uuid4())


@pytest.fixture(autouse=True)
def _no_time_zone_left_active():
    yield
    timezone.deactivate()


def send(client: Client, method: str, path: str, body: object = None, **headers: str):
    if body is None:
        return getattr(client, method)(path, headers=headers)
    return getattr(client, method)(path, body, content_type="application/json", headers=headers)


def write(client: Client, text: str = "Tonight the house felt very quiet.", status: int = 201, **more) -> dict:
    return assert_json(send(client, "post", JOURNAL, {"text": text, **more}), status)


# --- Writing and reading -----------------------------------------------------------------------------


def test_an_entry_is_written_and_read_back_by_its_author(alex_client):
    made = write(alex_client, "  I needed air.\r\nThen I came back.  ", prompt="body_settles")
    assert made["text"] == "I needed air.\nThen I came back."
    assert made["prompt"] == {
        "key": "body_settles",
        "lens": "body",
        "text": str(PROMPTS["body_settles"].text),
    }
    assert (made["mine"], made["author"], made["shared"], made["version"]) == (True, "Alex", False, 1)
    assert (made["shared_at"], made["edited_at"], made["shared_with"]) == (None, None, None)
    assert assert_json(alex_client.get(ENTRY.format(entry_id=made["id"])), 200) == made


def test_the_list_is_newest_first_and_paged(alex, alex_client):
    for i in range(25):
        entries.write(alex, f"entry {i}")
    first = assert_json(alex_client.get(JOURNAL), 200)
    assert first["count"] == 25
    assert [e["text"] for e in first["items"]][:3] == ["entry 24", "entry 23", "entry 22"]
    assert len(first["items"]) == 20
    second = assert_json(alex_client.get(JOURNAL, {"page": 2}), 200)
    assert [e["text"] for e in second["items"]] == [f"entry {i}" for i in range(4, -1, -1)]
    assert assert_json(alex_client.get(JOURNAL, {"page": LAST_PAGE}), 200)["items"] == []


def test_prompts_are_listed_by_lens_with_stable_keys(alex_client):
    lenses = assert_json(alex_client.get(JOURNAL + "/prompts"), 200)
    assert [lens["key"] for lens in lenses] == ["attachment", "accountability", "body", "closeness"]
    assert all(lens["why"] and len(lens["prompts"]) >= 5 for lens in lenses)
    assert {p["key"] for lens in lenses for p in lens["prompts"]} == set(PROMPTS)
    assert lenses[0]["name"] == str(LENSES[0].name)


# --- Search ---------------------------------------------------------------------------------------------


def test_q_searches_ones_own_entries(alex, sam, couple, alex_client, sam_client):
    entries.write(alex, "Coffee with Zoë helped.")
    entries.write(alex, "A long day.")
    theirs = entries.write(sam, "Zoe came by.")
    entries.share(sam, theirs.pk)
    found = assert_json(alex_client.get(JOURNAL, {"q": "ZOE coffee"}), 200)
    assert [e["text"] for e in found["items"]] == ["Coffee with Zoë helped."]
    assert assert_json(alex_client.get(JOURNAL, {"q": "nothing-like-it"}), 200) == {"items": [], "count": 0}
    assert assert_json(alex_client.get(JOURNAL, {"q": "   "}), 200)["count"] == 2
    assert assert_json(sam_client.get(JOURNAL, {"q": "coffee"}), 200)["count"] == 0


def test_search_is_not_offered_over_what_a_partner_shares(alex, sam, couple, alex_client):
    response = alex_client.get(JOURNAL, {"whose": "partner", "q": "anything"})
    assert "Search looks through your own entries only" in assert_json(response, 400)["detail"]
    assert_documented(response, "GET", JOURNAL)


@pytest.mark.parametrize(
    "query",
    [{"q": "x" * 201}, {"whose": "theirs"}, {"page": 0}, {"page_size": 101}, {"page": "two"}],
)
def test_a_query_the_document_refuses_is_422(alex_client, query):
    assert_json(alex_client.get(JOURNAL, query), 422)


# --- Sharing -------------------------------------------------------------------------------------------


def test_a_shared_entry_is_readable_by_the_partner_until_unshared(alex, sam, couple, alex_client, sam_client):
    made = write(alex_client, "What I want you to know about Sundays.")
    path = ENTRY.format(entry_id=made["id"])
    assert_json(sam_client.get(path), 404)
    assert assert_json(sam_client.get(JOURNAL, {"whose": "partner"}), 200)["items"] == []

    shared = assert_json(send(alex_client, "post", SHARE.format(entry_id=made["id"])), 200)
    assert (shared["shared"], shared["shared_with"]) == (True, "Sam")
    assert assert_json(send(alex_client, "post", SHARE.format(entry_id=made["id"])), 200) == shared

    theirs = assert_json(sam_client.get(path), 200)
    assert (theirs["text"], theirs["mine"], theirs["author"], theirs["shared"]) == (made["text"], False, "Alex", True)
    # The partner is given the entry, not a view of the author's evenings.
    assert (theirs["version"], theirs["edited_at"], theirs["shared_with"]) == (None, None, None)
    listed = assert_json(sam_client.get(JOURNAL, {"whose": "partner"}), 200)
    assert [e["id"] for e in listed["items"]] == [made["id"]]
    assert assert_json(sam_client.get(JOURNAL), 200)["items"] == []

    edited = assert_json(send(alex_client, "patch", path, {"text": "Sundays, said more gently."}), 200)
    assert edited["version"] == 2
    assert assert_json(sam_client.get(path), 200)["text"] == "Sundays, said more gently."

    unshared = assert_json(send(alex_client, "delete", SHARE.format(entry_id=made["id"])), 200)
    assert (unshared["shared"], unshared["shared_at"]) == (False, None)
    missing = assert_json(sam_client.get(path), 404)
    assert missing == assert_json(sam_client.get(ENTRY.format(entry_id=NOBODYS)), 404)


def test_the_partner_may_read_a_shared_entry_and_do_nothing_else_with_it(alex, sam, couple, sam_client):
    entry = entries.write(alex, "Mine to change.")
    entries.share(alex, entry.pk)
    path = ENTRY.format(entry_id=entry.pk)
    assert_json(send(sam_client, "patch", path, {"text": "Changed by Sam."}), 404)
    assert_json(send(sam_client, "delete", path), 404)
    assert_json(send(sam_client, "delete", SHARE.format(entry_id=entry.pk)), 404)
    assert_json(send(sam_client, "post", SHARE.format(entry_id=entry.pk)), 404)
    assert Entry.objects.get().text == "Mine to change."
    assert Entry.objects.get().shared_in is not None


def test_sharing_without_a_partner_is_a_documented_409(jo, jo_client):
    made = write(jo_client)
    response = send(jo_client, "post", SHARE.format(entry_id=made["id"]))
    assert "you are not paired with anyone right now" in assert_json(response, 409)["detail"]
    assert_documented(response, "POST", SHARE)
    assert assert_json(jo_client.get(JOURNAL, {"whose": "partner"}), 200) == {"items": [], "count": 0}


def test_an_outsider_and_a_made_up_id_get_the_same_404(alex, alex_client, robin_client):
    entry = entries.write(alex, "Not for Robin.")
    for path in (ENTRY.format(entry_id=entry.pk), ENTRY.format(entry_id=NOBODYS), ENTRY.format(entry_id="not-an-id")):
        assert assert_json(robin_client.get(path), 404) == {"detail": "There is no such journal entry."}
    assert assert_json(alex_client.get(ENTRY.format(entry_id="not-an-id")), 404)["detail"]


# --- Bad input ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({}, "text"),
        ({"text": 5}, "text"),
        ({"text": None}, "text"),
        ({"text": ["words"]}, "text"),
        ({"text": "x" * (ENTRY_LENGTH + 1)}, "text"),
        ({"text": "A\x00B"}, None),
        ({"text": "\ud800"}, None),
        ({"text": "Words.", "prompt": 3}, "prompt"),
        ({"text": "Words.", "mood": "low"}, "mood"),
    ],
)
def test_a_body_of_the_wrong_shape_is_422_and_keeps_nothing(alex_client, body, where):
    errors = assert_json(send(alex_client, "post", JOURNAL, body), 422)["detail"]
    if where:
        assert any(where in error["loc"] for error in errors), errors
    assert not Entry.objects.exists()


@pytest.mark.parametrize(
    ("text", "prompt", "message"),
    [
        ("   ", "", "Nothing is written here yet"),
        ("\u200b\u2060", "", "Nothing is written here yet"),
        ("Words.", "made_up", "Choose one of the prompts"),
    ],
)
def test_words_the_domain_cannot_keep_are_a_400_with_its_reason(alex_client, text, prompt, message):
    response = send(alex_client, "post", JOURNAL, {"text": text, "prompt": prompt})
    assert message in assert_json(response, 400)["detail"]
    assert_documented(response, "POST", JOURNAL)


def test_a_body_that_is_not_json_or_far_too_big_is_refused_cleanly(alex_client):
    response = alex_client.post(JOURNAL, "{not json", content_type="application/json")
    assert response.status_code == 400
    huge = alex_client.post(JOURNAL, {"text": "x" * 3_000_000}, content_type="application/json")
    assert huge.status_code in (400, 413, 422)
    assert not Entry.objects.exists()


def test_a_request_sent_twice_with_its_key_keeps_one_entry(alex_client):
    first = assert_json(send(alex_client, "post", JOURNAL, {"text": "Once."}, **{"Idempotency-Key": "k-1"}), 201)
    again = assert_json(send(alex_client, "post", JOURNAL, {"text": "Once."}, **{"Idempotency-Key": "k-1"}), 201)
    assert again == first
    assert Entry.objects.count() == 1
    too_long = send(alex_client, "post", JOURNAL, {"text": "Once."}, **{"Idempotency-Key": "k" * 101})
    assert_json(too_long, 422)


def test_an_edit_over_an_older_version_is_a_documented_409(alex_client):
    made = write(alex_client, "First.")
    path = ENTRY.format(entry_id=made["id"])
    assert_json(send(alex_client, "patch", path, {"text": "Second.", "version": 1}), 200)
    response = send(alex_client, "patch", path, {"text": "Third, from an old copy.", "version": 1})
    assert "changed somewhere else" in assert_json(response, 409)["detail"]
    assert_documented(response, "PATCH", ENTRY)
    assert assert_json(alex_client.get(path), 200)["text"] == "Second."


@pytest.mark.parametrize("version", [0, -1, 2**31, True, "1", 1.5])
def test_a_version_that_is_not_a_version_is_422(alex_client, version):
    made = write(alex_client)
    response = send(alex_client, "patch", ENTRY.format(entry_id=made["id"]), {"text": "New.", "version": version})
    assert_json(response, 422)


def test_deleting_answers_204_then_404(alex_client):
    made = write(alex_client)
    path = ENTRY.format(entry_id=made["id"])
    assert send(alex_client, "delete", path).status_code == 204
    assert_json(send(alex_client, "delete", path), 404)
    assert_json(send(alex_client, "patch", path, {"text": "Too late."}), 404)
    assert_json(send(alex_client, "post", SHARE.format(entry_id=made["id"])), 404)
