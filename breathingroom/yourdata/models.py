from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone

from breathingroom.accounts.models import Person

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
