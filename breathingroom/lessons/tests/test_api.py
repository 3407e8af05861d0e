"""The lessons in the JSON API: the library, one lesson, and "I have read it"."""

from __future__ import annotations

import pytest

from breathingroom.api.tests.documented import assert_documented
from breathingroom.conftest import assert_json
from breathingroom.lessons import content, reading

LESSONS = "/api/v1/lessons"


def test_the_library_lists_every_lesson_with_my_progress(alex, alex_client):
    reading.open_screen(alex, "repair", 2)
    response = alex_client.get(LESSONS)
    assert_documented(response, "GET", LESSONS)
    body = assert_json(response, 200)
    assert [item["slug"] for item in body] == [lesson.slug for lesson in content.library("en")]
    repair = next(item for item in body if item["slug"] == "repair")
    assert repair["progress"]["state"] == "started"
    assert repair["progress"]["screen"] == 2
    assert repair["progress"]["done_at"] is None
    assert "screens" not in repair
    assert {item["progress"]["state"] for item in body if item["slug"] != "repair"} == {"new"}


def test_one_lesson_has_its_screens_as_safe_html(alex_client):
    lesson = content.find("four-lenses", "en")
    response = alex_client.get(f"{LESSONS}/four-lenses")
    assert_documented(response, "GET", f"{LESSONS}/{{slug}}")
    body = assert_json(response, 200)
    assert body["title"] == lesson.title
    assert body["reflection"] == lesson.reflection
    assert body["language"] == "en"
    assert body["screen_count"] == len(body["screens"]) == lesson.count
    assert body["screens"][0] == {"title": lesson.screens[0].title, "html": str(lesson.screens[0].html)}
    # Reading it here records nothing.
    assert alex_client.get(LESSONS).json()[1]["progress"]["state"] == "new"


def test_an_unknown_lesson_is_404(alex_client):
    for response in (alex_client.get(f"{LESSONS}/nope"), alex_client.post(f"{LESSONS}/nope/done")):
        assert assert_json(response, 404)["detail"] == "There is no such lesson."


def test_done_records_completion_for_the_caller_alone_and_is_idempotent(alex_client, sam_client):
    first = assert_json(alex_client.post(f"{LESSONS}/repair/done"), 200)
    assert first["progress"]["state"] == "done"
    assert first["progress"]["version_done"] == content.find("repair", "en").version
    again = assert_json(alex_client.post(f"{LESSONS}/repair/done"), 200)
    assert again == first
    sams = {item["slug"]: item for item in assert_json(sam_client.get(LESSONS), 200)}
    assert sams["repair"]["progress"]["state"] == "new"


@pytest.mark.parametrize("method", ["get", "post"])
def test_signed_out_callers_are_answered_401(client, method):
    path = LESSONS if method == "get" else f"{LESSONS}/repair/done"
    assert_json(getattr(client, method)(path), 401)
