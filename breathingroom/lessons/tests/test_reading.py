"""Reading lessons in the domain: progress kept per person, versions, and the reflection kept in the journal."""

from __future__ import annotations

from dataclasses import replace

import pytest

from breathingroom.journal import entries
from breathingroom.journal.models import Entry
from breathingroom.lessons import content, describe, reading
from breathingroom.lessons.describe import State
from breathingroom.lessons.models import Progress


def newer(monkeypatch, slug: str) -> content.Lesson:
    """The lesson as if its words had changed since: its version one higher."""
    lesson = content.find(slug, "en")
    changed = replace(lesson, version=lesson.version + 1)
    original = content.find
    monkeypatch.setattr(content, "find", lambda s, language=None: changed if s == slug else original(s, language))
    return changed


def test_nothing_is_recorded_before_a_lesson_is_opened(alex):
    views = describe.every(alex)
    assert [v.state for v in views] == [State.NEW] * 6
    assert [v.screen for v in views] == [0] * 6


def test_opening_screens_keeps_the_furthest_one(alex, sam):
    reading.open_screen(alex, "repair", 1)
    reading.open_screen(alex, "repair", 3)
    _lesson, progress = reading.open_screen(alex, "repair", 2)
    assert progress.screen == 3
    view = describe.one(alex, "repair")
    assert (view.state, view.screen, view.resume_at) == (State.STARTED, 3, 3)
    # Sam's reading is Sam's own.
    assert describe.one(sam, "repair").state == State.NEW


@pytest.mark.parametrize("number", [0, -1, 99], ids=["zero", "negative", "past-the-end"])
def test_a_screen_that_is_not_there_is_refused(alex, number):
    with pytest.raises(reading.NoSuchLesson):
        reading.open_screen(alex, "repair", number)
    assert not Progress.objects.exists()


def test_an_unknown_lesson_is_refused(alex):
    for step in (lambda: reading.finish(alex, "nope"), lambda: reading.open_screen(alex, "nope", 1)):
        with pytest.raises(reading.NoSuchLesson):
            step()
    with pytest.raises(reading.NoSuchLesson):
        reading.reflect(alex, "nope", "words")


def test_finishing_records_the_version_once(alex):
    lesson = content.find("waiting-well", "en")
    first = reading.finish(alex, "waiting-well")
    assert (first.version, first.screen) == (lesson.version, lesson.count)
    again = reading.finish(alex, "waiting-well")
    assert again.done_at == first.done_at
    assert Progress.objects.count() == 1
    assert describe.one(alex, "waiting-well").state == State.DONE


def test_a_lesson_changed_since_it_was_read_is_offered_again_and_finished_anew(alex, monkeypatch):
    first = reading.finish(alex, "repair")
    changed = newer(monkeypatch, "repair")
    assert describe.one(alex, "repair").state == State.CHANGED
    again = reading.finish(alex, "repair")
    assert again.version == changed.version
    assert again.done_at > first.done_at
    assert describe.one(alex, "repair").state == State.DONE


def test_a_reflection_becomes_a_private_journal_entry_and_finishes_the_lesson(alex, sam, couple):
    lesson = content.find("coming-back-well", "en")
    entry = reading.reflect(alex, "coming-back-well", "  That I was scared, not angry.  ", key="k1")
    assert entry.text == f"From the lesson “{lesson.title}”: {lesson.reflection}\n\nThat I was scared, not angry."
    assert entry.prompt == ""
    assert list(entries.mine(alex)) == [entry]
    assert list(entries.shared_with(sam, couple)) == []
    assert describe.one(alex, "coming-back-well").state == State.DONE
    # The same form sent twice keeps one entry.
    assert reading.reflect(alex, "coming-back-well", "That I was scared, not angry.", key="k1") == entry
    assert Entry.objects.count() == 1


@pytest.mark.parametrize(
    "text", ["", "   ", "\u200b", "x" * (reading.REFLECTION_LENGTH + 1)], ids=["empty", "spaces", "invisible", "long"]
)
def test_a_reflection_that_cannot_be_kept_keeps_nothing(alex, text):
    with pytest.raises(reading.NotKept):
        reading.reflect(alex, "repair", text)
    assert not Entry.objects.exists()
    assert not Progress.objects.exists()
