"""What a person writes down while calming themselves. Private: only its author ever sees it.

The words themselves are kept encrypted, so a copy of the database shows none of them.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, ClassVar, TypeVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.vault.fields import EncryptedTextField
from breathingroom.writing import Writing

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person

STRONGEST = 10
# Outside this range a number is a typing slip, not a pulse.
SLOWEST_HEART_RATE = 30
FASTEST_HEART_RATE = 220
# Flooding is commonly described as a pulse near 100 beats a minute (or about 10% above one's
# resting rate); at that pace talking rarely goes well, and slow breathing helps the body settle.
FLOODED_HEART_RATE = 100
FEELING_LENGTH = 60
CHECK_IN_NOTE_LENGTH = 500
UNSENT_NOTE_LENGTH = 5000
RECENT_CHECK_INS = 10
FEELING_WORDS = Writing(limit=FEELING_LENGTH, too_long=_("A word or two is enough: up to %(n)s characters."))
CHECK_IN_NOTE = Writing(limit=CHECK_IN_NOTE_LENGTH, too_long=_("Keep this note under %(n)s characters."))
UNSENT_WORDS = Writing(
    limit=UNSENT_NOTE_LENGTH,
    empty=_("There is nothing here yet. Even a few words are enough."),
    too_long=_(
        "This is longer than %(n)s characters, so it has not been kept yet. Shorten it a little, then keep it again."
    ),
)


class BodyPart(models.TextChoices):
    HEAD = "head", _("Head")
    JAW = "jaw", _("Jaw")
    THROAT = "throat", _("Throat")
    CHEST = "chest", _("Chest")
    STOMACH = "stomach", _("Stomach")
    SHOULDERS = "shoulders", _("Shoulders")
    ARMS_HANDS = "arms_hands", _("Arms or hands")
    LEGS = "legs", _("Legs")
    WHOLE_BODY = "whole_body", _("My whole body")
    OTHER = "other", _("Somewhere else")


class Sensation(models.TextChoices):
    TIGHT = "tight", _("Tight")
    HEAVY = "heavy", _("Heavy")
    HOT = "hot", _("Hot")
    COLD = "cold", _("Cold")
    SHAKY = "shaky", _("Shaky")
    NUMB = "numb", _("Numb")
    RACING = "racing", _("Racing")
    HOLLOW = "hollow", _("Hollow")
    RESTLESS = "restless", _("Restless")
    CALM = "calm", _("Calm")
    OTHER = "other", _("Something else")


_Written = TypeVar("_Written", bound=models.Model)


class WrittenQuerySet(models.QuerySet[_Written]):
    """Check-ins and notes are reached through their author only, which is what keeps them private."""

    def written_by(self, person: Person) -> WrittenQuerySet[_Written]:
        return self.filter(person=person)

    def latest_first(self) -> WrittenQuerySet[_Written]:
        return self.order_by("-created_at")


class BodyCheckIn(models.Model):
    """Where in the body a feeling sits, and how strongly, noticed before reacting to it."""

    # Random ids: counting numbers would let one partner tell when the other wrote something.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="body_check_ins")
    created_at = models.DateTimeField(default=timezone.now)
    where = models.CharField(_("where in the body"), max_length=20, choices=BodyPart.choices)
    sensation = models.CharField(_("sensation"), max_length=20, choices=Sensation.choices)
    strength = models.PositiveSmallIntegerField(
        _("strength"), validators=[MinValueValidator(0), MaxValueValidator(STRONGEST)]
    )
    feeling = EncryptedTextField(_("feeling"), max_length=FEELING_LENGTH, blank=True)
    heart_rate = models.PositiveSmallIntegerField(
        _("heart rate"),
        null=True,
        blank=True,
        validators=[MinValueValidator(SLOWEST_HEART_RATE), MaxValueValidator(FASTEST_HEART_RATE)],
    )
    note = EncryptedTextField(_("note"), max_length=CHECK_IN_NOTE_LENGTH, blank=True)

    objects: ClassVar[WrittenQuerySet[BodyCheckIn]] = WrittenQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("body check-in")
        verbose_name_plural = _("body check-ins")
        indexes = [models.Index(fields=["person", "-created_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(strength__lte=STRONGEST), name="check_in_strength_0_to_10"),
            models.CheckConstraint(
                condition=Q(heart_rate__isnull=True)
                | Q(heart_rate__gte=SLOWEST_HEART_RATE, heart_rate__lte=FASTEST_HEART_RATE),
                name="check_in_heart_rate_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"Body check-in {self.id}"

    @property
    def sounds_flooded(self) -> bool:
        return self.heart_rate is not None and self.heart_rate >= FLOODED_HEART_RATE


class UnsentNote(models.Model):
    """Words a person wanted to say in the heat of the moment, kept here instead of sent."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unsent_notes")
    created_at = models.DateTimeField(default=timezone.now)
    text = EncryptedTextField(_("text"), max_length=UNSENT_NOTE_LENGTH)

    objects: ClassVar[WrittenQuerySet[UnsentNote]] = WrittenQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("unsent note")
        verbose_name_plural = _("unsent notes")
        indexes = [models.Index(fields=["person", "-created_at"])]

    def __str__(self) -> str:
        return f"Unsent note {self.id}"
