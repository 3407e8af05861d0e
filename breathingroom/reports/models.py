"""A report to take to a session: a period, the kinds of things it holds, and the sides let into it.

A report is the couple's: either partner makes one, both can open it, either can delete it. It keeps
no words of its own: its contents are drawn afresh each time it is opened, from what the couple
chose then (``contents.describe``), so a side taken out later, or unshared, leaves every report at
once. Each side goes in only if its author ticked it (``InReports``) and shares it now.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from breathingroom.couples.models import Couple

ZONE_LENGTH = 64


class ReportKind(models.TextChoices):
    """What a report may hold, each chosen when it is made."""

    AGREEMENT = "agreement", _("The Space Agreement in force")
    BREAKS = "breaks", _("Breaks and how they went")
    INSIGHTS = "insights", _("Insights for the period")
    CYCLE = "cycle", _("The cycle map, from episodes you both let in")
    EPISODES = "episodes", _("Sides of episodes each of you let in")


class ReportQuerySet(models.QuerySet["Report"]):
    def of_couple(self, couple: Couple) -> ReportQuerySet:
        return self.filter(couple=couple).order_by("-made_at", "-pk")


class Report(models.Model):
    # Random ids: counting numbers would tell an outsider how many reports couples make.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey("couples.Couple", on_delete=models.CASCADE, related_name="reports")
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)
    # The first and last day covered, both included, on the calendar of ``zone`` (the maker's when made).
    start = models.DateField()
    end = models.DateField()
    zone = models.CharField(max_length=ZONE_LENGTH, default="UTC")
    # The kinds chosen (``ReportKind`` values), in the order the report shows them.
    kinds = models.JSONField(default=list)

    objects: ClassVar[ReportQuerySet] = ReportQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        indexes = [models.Index(fields=["couple", "-made_at"], name="reports_newest_first")]

    def __str__(self) -> str:
        return f"Report {self.id}"

    def holds(self, kind: str) -> bool:
        return kind in self.kinds


class InReports(models.Model):
    """A side of an episode its author lets into the couple's reports (while they share it)."""

    side = models.OneToOneField("dance.Side", on_delete=models.CASCADE, related_name="in_reports")
    at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Side {self.side_id} in reports"
