"""Things Breathing Room offers each person once, at a moment that makes them useful, and their answer.

An answer is kept for the person, not the browser: "Not now" on one phone is not asked again on the
other, nor after clearing cookies.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Moment(models.TextChoices):
    """When being told with the page closed is offered, in the order they come."""

    PAIRED = "paired", _("After pairing")
    FIRST_BREAK_ENDED = "first_break_ended", _("After the first break")


class Answer(models.TextChoices):
    YES = "yes", _("Yes, tell me")
    NOT_NOW = "not_now", _("Not now")


class NotificationOffer(models.Model):
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    moment = models.CharField(max_length=20, choices=Moment.choices)
    answer = models.CharField(max_length=10, choices=Answer.choices)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            # Asked once at each moment: a second answer (two phones, a double tap) changes nothing.
            models.UniqueConstraint(fields=["person", "moment"], name="one_answer_per_person_and_moment"),
        ]

    def __str__(self) -> str:
        return f"{self.moment}: {self.answer}"
