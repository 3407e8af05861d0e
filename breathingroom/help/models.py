"""A person's answer to the one time the app suggested a couples therapist."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Answer(models.TextChoices):
    READ = "read", _("Read about it")
    DISMISSED = "dismissed", _("Not for us")


class HelpSuggestion(models.Model):
    """Asked once: either answer means it is never suggested to this person again."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=10, choices=Answer.choices)
    answered_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.answer
