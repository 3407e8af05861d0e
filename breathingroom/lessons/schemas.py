"""What the lessons part of the JSON API answers. Nothing is read from a body: the slug says it all."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from breathingroom.lessons.describe import LessonView, State


class ProgressOut(Schema):
    state: State = Field(
        description="`new`, `started`, `done`, or `changed`: finished in an older version, and worth reading again."
    )
    screen: int = Field(description="The furthest screen opened, from 1; 0 before the first.")
    started_at: datetime | None
    done_at: datetime | None
    version_done: int | None = Field(description="The version that was finished.")


class ScreenOut(Schema):
    title: str
    html: str = Field(description="The screen's words as HTML, made from Markdown with raw HTML escaped.")


class LessonSummaryOut(Schema):
    slug: str = Field(description="Never changes.")
    title: str
    summary: str
    reflection: str = Field(description="The one question at the end of the lesson.")
    version: int = Field(description="Raised when the words change enough to be worth reading again.")
    language: str = Field(description="The language of the words: the one asked for, or English.")
    screen_count: int
    progress: ProgressOut = Field(description="Mine only.")


class LessonOut(LessonSummaryOut):
    screens: list[ScreenOut]


def summary(view: LessonView) -> dict[str, object]:
    lesson = view.lesson
    return {
        "slug": lesson.slug,
        "title": lesson.title,
        "summary": lesson.summary,
        "reflection": lesson.reflection,
        "version": lesson.version,
        "language": lesson.language,
        "screen_count": lesson.count,
        "progress": {
            "state": view.state,
            "screen": view.screen,
            "started_at": view.started_at,
            "done_at": view.done_at,
            "version_done": view.version_done,
        },
    }


def whole(view: LessonView) -> dict[str, object]:
    screens = [{"title": s.title, "html": str(s.html)} for s in view.lesson.screens]
    return {**summary(view), "screens": screens}
