from __future__ import annotations

import uuid
import zoneinfo
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_htmx.middleware import HtmxDetails

from breathingroom.accounts import languages, timezones

# A resting pulse outside this range is a typing slip: trained athletes rest near 40, and a rate at
# rest above about 120 is a matter for a doctor, not a setting.
SLOWEST_RESTING_HEART_RATE = 30
FASTEST_RESTING_HEART_RATE = 120


class PersonManager(DjangoUserManager["Person"]):
    """People sign in with their email address; there are no usernames."""

    def _create_user(self, email: str | None, password: str | None, **extra: Any) -> Person:
        email = self.normalize_email(email)
        person = self.model(email=email, **extra)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_user(self, email: str | None = None, password: str | None = None, **extra: Any) -> Person:  # type: ignore[override]
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str | None = None, password: str | None = None, **extra: Any) -> Person:  # type: ignore[override]
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class Person(AbstractUser):
    """Someone with an account: a partner, or someone about to become one."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    # The id a person's apps see: random, so it tells nothing of how many people signed up, or when.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    display_name = models.CharField(
        _("name"),
        max_length=60,
        help_text=_("What your partner sees, for example your first name."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[timezones.validate],
        help_text=_("Times are shown to you in this zone."),
    )
    language = models.CharField(
        _("language"),
        max_length=16,
        blank=True,
        default=languages.FOLLOW_BROWSER,
        validators=[languages.validate],
        help_text=_("Pages, emails and notifications on your phone are in this language."),
    )
    # The language the browser last asked for, so emails and pushes to someone who lets the browser
    # decide are written in the language they read the app in.
    browser_language = models.CharField(max_length=16, blank=True, default="", editable=False)
    # Only the body check-in reads it: flooding is commonly described as about 10% above one's own
    # resting rate, which says more than a fixed 100 for someone who rests at 55.
    resting_heart_rate = models.PositiveSmallIntegerField(
        _("resting heart rate"),
        null=True,
        blank=True,
        validators=[MinValueValidator(SLOWEST_RESTING_HEART_RATE), MaxValueValidator(FASTEST_RESTING_HEART_RATE)],
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[PersonManager] = PersonManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=Q(resting_heart_rate__isnull=True)
                | Q(
                    resting_heart_rate__gte=SLOWEST_RESTING_HEART_RATE,
                    resting_heart_rate__lte=FASTEST_RESTING_HEART_RATE,
                ),
                name="resting_heart_rate_plausible",
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def time_zone_label(self) -> str:
        return self.time_zone.replace("_", " ")

    @property
    def speaks(self) -> str:
        """The language to write to this person in: chosen, or their browser's."""
        return languages.speaks(self)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name


class AuthenticatedRequest(HttpRequest):
    """A request that passed ``login_required``: its user is a Person, never anonymous."""

    user: Person
    htmx: HtmxDetails
