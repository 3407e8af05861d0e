from __future__ import annotations

import uuid
import zoneinfo
from datetime import datetime, timedelta
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_htmx.middleware import HtmxDetails

from breathingroom.accounts import timezones


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

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[PersonManager] = PersonManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def time_zone_label(self) -> str:
        return self.time_zone.replace("_", " ")

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name


# A finished export waits this long for its download, then it is removed; so does one that never finished.
KEEP_EXPORT_FOR = timedelta(hours=24)


class ExportQuerySet(models.QuerySet["Export"]):
    def kept(self, now: datetime | None = None) -> ExportQuerySet:
        """Exports still kept: building, or finished less than a day ago."""
        since = (now or timezone.now()) - KEEP_EXPORT_FOR
        return self.filter(Q(finished_at__gt=since) | Q(finished_at__isnull=True, requested_at__gt=since))

    def expired(self, now: datetime | None = None) -> ExportQuerySet:
        since = (now or timezone.now()) - KEEP_EXPORT_FOR
        return self.filter(Q(finished_at__lte=since) | Q(finished_at__isnull=True, requested_at__lte=since))


class Export(models.Model):
    """A person's request for a copy of their data, its progress, and the finished zip.

    The zip is kept in the database, not in a file, so it goes wherever the person's rows go:
    deleting the account, or the day passing, removes it with nothing left on disk.
    """

    # Random, so the address of one person's export tells nothing about anyone else's.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="exports")
    requested_at = models.DateTimeField(default=timezone.now)
    steps_done = models.PositiveSmallIntegerField(default=0)
    steps_total = models.PositiveSmallIntegerField(default=1)
    finished_at = models.DateTimeField(null=True, blank=True)
    content = models.BinaryField(null=True, editable=False)

    objects: ClassVar[ExportQuerySet] = ExportQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"Export {self.id}"

    @property
    def is_ready(self) -> bool:
        return self.finished_at is not None

    @property
    def expires_at(self) -> datetime:
        return (self.finished_at or self.requested_at) + KEEP_EXPORT_FOR

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.steps_done / max(self.steps_total, 1)))

    @property
    def filename(self) -> str:
        return f"breathing-room-{(self.finished_at or self.requested_at):%Y-%m-%d}.zip"


class AuthenticatedRequest(HttpRequest):
    """A request that passed ``login_required``: its user is a Person, never anonymous."""

    user: Person
    htmx: HtmxDetails
