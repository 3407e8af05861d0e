"""Lessons in the JSON API at /api/v1/lessons: the library, one lesson's words, and "I have read it".

The words are in the language the request asks for (Accept-Language), where translated, else English.
"""

from __future__ import annotations

from ninja import Router

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.api.schemas import Detail
from breathingroom.lessons import describe, reading
from breathingroom.lessons.schemas import LessonOut, LessonSummaryOut, summary, whole

router = Router(tags=["lessons"])


@router.get(
    "",
    response={200: list[LessonSummaryOut], 401: Detail},
    summary="Lessons",
    description="Every lesson in order, with how far I have come with each.",
)
def list_lessons(request: AuthenticatedRequest):
    return [summary(view) for view in describe.every(request.user)]


@router.get(
    "/{slug}",
    response={200: LessonOut, frozenset({401, 404}): Detail},
    summary="One lesson",
    description="Its screens and its question. Reading it here records nothing; `done` does.",
)
def get_lesson(request: AuthenticatedRequest, slug: str):
    return whole(describe.one(request.user, slug))


@router.post(
    "/{slug}/done",
    response={200: LessonSummaryOut, frozenset({401, 404}): Detail},
    summary="I have read it",
    description=(
        "Records the lesson as finished by me, in its present version. Sending it again changes nothing; "
        "after the lesson changes, it records the new version."
    ),
)
def finish(request: AuthenticatedRequest, slug: str):
    reading.finish(request.user, slug)
    return summary(describe.one(request.user, slug))
