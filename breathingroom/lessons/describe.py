"""A lesson as one person sees it: its words and where they are with it. Pages, the offers and the API use this."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from breathingroom.lessons import content, reading

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    from breathingroom.accounts.models import Person
    from breathingroom.lessons.content import Lesson
    from breathingroom.lessons.models import Progress


class State(StrEnum):
    NEW = "new"
    STARTED = "started"
    DONE = "done"
    # Finished in an older version: the words have changed since.
    CHANGED = "changed"


STATE_WORDS: dict[State, _StrPromise] = {
    State.NEW: _("Not read yet"),
    State.STARTED: _("Begun"),
    State.DONE: _("Read"),
    State.CHANGED: _("Updated since you read it"),
}


@dataclass(frozen=True)
class LessonView:
    lesson: Lesson
    progress: Progress | None

    @property
    def state(self) -> State:
        p = self.progress
        if p is None:
            return State.NEW
        if p.done_at is None or p.version is None:
            return State.STARTED
        return State.CHANGED if p.version < self.lesson.version else State.DONE

    @property
    def state_words(self) -> _StrPromise:
        return STATE_WORDS[self.state]

    @property
    def screen(self) -> int:
        """The furthest screen opened (0 before the first), within the screens there are now."""
        return min(self.progress.screen, self.lesson.count) if self.progress else 0

    @property
    def resume_at(self) -> int:
        """Where "go on" leads: the furthest screen opened, or the first."""
        return self.screen if self.state == State.STARTED else 1

    @property
    def started_at(self) -> datetime | None:
        return self.progress.started_at if self.progress else None

    @property
    def done_at(self) -> datetime | None:
        return self.progress.done_at if self.progress else None

    @property
    def version_done(self) -> int | None:
        return self.progress.version if self.progress else None


def one(person: Person, slug: str) -> LessonView:
    """The lesson of this slug for ``person``, or ``reading.NoSuchLesson``."""
    return LessonView(reading.lesson(slug), reading.progress_in(person, slug))


def every(person: Person) -> list[LessonView]:
    progress = reading.progress_of(person)
    return [LessonView(lesson, progress.get(lesson.slug)) for lesson in content.library()]
