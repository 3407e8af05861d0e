"""How far each person has come with each lesson: theirs alone, whatever their couple."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from breathingroom.lessons.content import SLUG_LENGTH


class Progress(models.Model):
    """One person's reading of one lesson: begun, the furthest screen opened, and when it was finished."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The lesson's slug, which never changes; a lesson is a content file, not a row.
    lesson = models.CharField(max_length=SLUG_LENGTH)
    started_at = models.DateTimeField(default=timezone.now)
    # The furthest screen opened, counted from 1.
    screen = models.PositiveSmallIntegerField(default=1)
    done_at = models.DateTimeField(null=True, blank=True)
    # The version of the lesson that was finished: a newer one is offered again as changed.
    version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "lesson"], name="one_progress_per_lesson")]

    def __str__(self) -> str:
        return f"{self.lesson}: screen {self.screen}"
