"""A body check-in: where in the body something sits, what it feels like and how strongly, noticed
before acting on it. Private to its author; one can be shared with the partner until unshared.

What a person writes (their own words for a feeling, a note) and what most reveals how they feel (the
feelings they chose, the need underneath) are kept encrypted. The places, their sensations and their
strengths stay readable to the database: they are words from short fixed lists with numbers beside
them, they say nothing of the couple on their own, and the trend over weeks (how strong, where most
often) is counted from them without opening every check-in.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from breathingroom.body import feelings as vocabulary
from breathingroom.couples.models import Couple
from breathingroom.phrasebook.vocabulary import need as need_word
from breathingroom.vault.fields import EncryptedJSONField, EncryptedTextField
from breathingroom.writing import Writing

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person

STRONGEST = 10
# Outside this range a number is a typing slip, not a pulse.
SLOWEST_HEART_RATE = 30
FASTEST_HEART_RATE = 220
# Flooding is commonly described as a pulse near 100 beats a minute, or about 10% above one's own
# resting rate: at that pace talking rarely goes well, and slow breathing helps the body settle.
FLOODED_HEART_RATE = 100
FLOODED_ABOVE_RESTING_PERCENT = 10
OWN_FEELING_LENGTH = 60
NOTE_LENGTH = 500
IDEMPOTENCY_KEY_LENGTH = 100
OWN_FEELING = Writing(limit=OWN_FEELING_LENGTH, too_long=_("A word or two is enough: up to %(n)s characters."))
NOTE = Writing(limit=NOTE_LENGTH, too_long=_("Keep this note under %(n)s characters."))


class Region(models.TextChoices):
    """Places in the body. Keys are stored: a name may change, a key never does."""

    HEAD = "head", _("Head")
    JAW = "jaw", _("Jaw and face")
    THROAT = "throat", _("Throat")
    CHEST = "chest", _("Chest")
    STOMACH = "stomach", _("Stomach")
    BELLY = "belly", _("Lower belly")
    ARMS_HANDS = "arms_hands", _("Arms and hands")
    LEGS = "legs", _("Legs and feet")
    BACK_OF_HEAD = "back_of_head", _("Back of the head")
    NECK = "neck", _("Neck")
    SHOULDERS = "shoulders", _("Shoulders")
    UPPER_BACK = "upper_back", _("Upper back")
    LOWER_BACK = "lower_back", _("Lower back")
    WHOLE_BODY = "whole_body", _("All over")
    OTHER = "other", _("Somewhere else")


class Sensation(models.TextChoices):
    TIGHT = "tight", _("Tight")
    HEAVY = "heavy", _("Heavy")
    HOT = "hot", _("Hot")
    COLD = "cold", _("Cold")
    SHAKY = "shaky", _("Shaky")
    NUMB = "numb", pgettext_lazy("what a place in the body feels like", "Numb")
    HOLLOW = "hollow", _("Hollow")
    RACING = "racing", _("Racing")
    RESTLESS = "restless", _("Restless")
    ACHING = "aching", _("Aching")
    TINGLING = "tingling", _("Tingling")
    CALM = "calm", pgettext_lazy("what a place in the body feels like", "Calm")
    OTHER = "other", _("Something else")


class CheckInQuerySet(models.QuerySet["CheckIn"]):
    """Check-ins are reached through their author, or as shared with their partner: nothing else."""

    def written_by(self, person: Person) -> CheckInQuerySet:
        return self.filter(person=person)

    def shared_with(self, person: Person) -> CheckInQuerySet:
        """What ``person``'s partner shares with them now: in their couple of today, never an earlier one."""
        return self.filter(shared_in__in=Couple.objects.with_person(person)).exclude(person=person)

    def seen_by(self, person: Person) -> CheckInQuerySet:
        """``person``'s own, and what their partner shares with them now."""
        return self.filter(Q(person=person) | Q(shared_in__in=Couple.objects.with_person(person)))

    def latest_first(self) -> CheckInQuerySet:
        return self.order_by("-created_at", "-pk")

    def with_places(self) -> CheckInQuerySet:
        return self.prefetch_related("spots")


class CheckIn(models.Model):
    # Random ids: counting numbers would let one partner tell when the other checked in.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # Keys from body/feelings.py and the phrasebook's needs, encrypted: which feelings and which need
    # are there says a great deal, and nothing is ever counted from them.
    feelings = EncryptedJSONField(_("feelings"), default=list, blank=True)
    need = EncryptedTextField(_("the need underneath"), blank=True)
    own_feeling = EncryptedTextField(_("a feeling in my own words"), max_length=OWN_FEELING_LENGTH, blank=True)
    heart_rate = models.PositiveSmallIntegerField(
        _("heart rate"),
        null=True,
        blank=True,
        validators=[MinValueValidator(SLOWEST_HEART_RATE), MaxValueValidator(FASTEST_HEART_RATE)],
    )
    note = EncryptedTextField(_("note"), max_length=NOTE_LENGTH, blank=True)
    # Shared with the partner of that couple, while it lasts: a later partner never sees it.
    shared_in = models.ForeignKey(Couple, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    shared_at = models.DateTimeField(null=True, blank=True)
    # A page's form or an app's Idempotency-Key, so a check-in sent twice is kept once.
    idempotency_key = models.CharField(max_length=IDEMPOTENCY_KEY_LENGTH, blank=True, default="")

    objects: ClassVar[CheckInQuerySet] = CheckInQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("body check-in")
        verbose_name_plural = _("body check-ins")
        indexes = [models.Index(fields=["person", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(heart_rate__isnull=True)
                | Q(heart_rate__gte=SLOWEST_HEART_RATE, heart_rate__lte=FASTEST_HEART_RATE),
                name="body_check_in_heart_rate_plausible",
            ),
            models.UniqueConstraint(
                fields=["person", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="one_body_check_in_per_key",
            ),
        ]

    def __str__(self) -> str:
        return f"Body check-in {self.id}"

    @property
    def places(self) -> list[Spot]:
        """Each place, the strongest first (as prefetched with ``with_places``)."""
        return sorted(self.spots.all(), key=lambda s: (-s.intensity, Region.values.index(s.region)))

    @property
    def strongest(self) -> int:
        return max((s.intensity for s in self.spots.all()), default=0)

    @property
    def feeling_names(self) -> list[str]:
        return vocabulary.names(self.feelings)

    @property
    def need_name(self) -> str:
        word = need_word(self.need) if self.need else None
        return str(word.name) if word else ""

    def is_shared_in(self, couple: Couple | None) -> bool:
        """Shared with the partner of ``couple`` (the author's couple now): one shared in an earlier couple is not."""
        return couple is not None and self.shared_in_id == couple.pk

    @property
    def sounds_flooded(self) -> bool:
        """The heart rate is near 100 a minute, or about 10% above the author's own resting rate."""
        rate = self.heart_rate
        if rate is None:
            return False
        resting = self.person.resting_heart_rate
        above_resting = resting is not None and rate * 100 >= resting * (100 + FLOODED_ABOVE_RESTING_PERCENT)
        return rate >= FLOODED_HEART_RATE or above_resting


class Spot(models.Model):
    """One place in one check-in: what it feels like there, and how strongly."""

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="spots")
    region = models.CharField(_("where in the body"), max_length=20, choices=Region.choices)
    sensation = models.CharField(_("sensation"), max_length=20, choices=Sensation.choices)
    intensity = models.PositiveSmallIntegerField(
        _("how strong"), validators=[MinValueValidator(0), MaxValueValidator(STRONGEST)]
    )

    class Meta:
        verbose_name = _("place in a body check-in")
        verbose_name_plural = _("places in body check-ins")
        constraints = [
            models.CheckConstraint(condition=Q(intensity__lte=STRONGEST), name="body_spot_intensity_0_to_10"),
            models.UniqueConstraint(fields=["check_in", "region"], name="one_spot_per_region"),
        ]

    def __str__(self) -> str:
        return f"{self.region} in {self.check_in_id}"
