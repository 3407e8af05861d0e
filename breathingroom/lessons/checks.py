"""Every lesson file is read at start-up, so a malformed one is found by ``manage.py check``, not by a reader."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register

from breathingroom.lessons.content import LessonFileError, read_all


@register()
def lesson_files(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    try:
        read_all()
    except LessonFileError as e:
        return [Error(f"A lesson file cannot be read: {e}", id="lessons.E001")]
    return []
