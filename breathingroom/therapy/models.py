"""The therapist's seat: a couples therapist both partners invited, reading only what both chose to share.

A seat is one row from the first partner's invitation to its end: waiting for the other partner's
yes, then sent to the therapist by email, then held once the therapist accepts, until either
partner (or the therapist) ends it. Only its hash of the emailed key is kept, so a copy of the
database cannot accept an invitation.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person
    from breathingroom.couples.models import Couple

# Long enough to reach a therapist between sessions, short enough that a forgotten link stops working.
INVITATION_LIFETIME = timedelta(days=7)
EMAIL_LENGTH = 254


class ShareKind(models.TextChoices):
    """What a couple may share with their therapist, each on its own: shared when both partners tick it."""

    AGREEMENT = "agreement", _("Your Space Agreement, as it stands")
    BREAKS = "breaks", _("Your breaks: when, how long, and how each went")
    INSIGHTS = "insights", _("Insights: how your breaks have gone over the months")
    CYCLE = "cycle", _("Your cycle map")
    SIDES = "sides", _("Sides of episodes you share with each other")


class Ending(models.TextChoices):
    WITHDRAWN = "withdrawn", _("Withdrawn before it was sent")
    DECLINED = "declined", _("Declined by the other partner")
    CANCELLED = "cancelled", _("Called back before the therapist accepted")
    EXPIRED = "expired", _("Expired before it was accepted")
    ENDED = "ended", _("Ended by a partner")
    LEFT = "left", _("Ended by the therapist")


class Therapist(models.Model):
    """An account of the therapist's kind: it holds seats with couples and never pairs."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="therapist")
    since = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Therapist {self.person_id}"


class SeatQuerySet(models.QuerySet["Seat"]):
    def open(self) -> SeatQuerySet:
        """Not ended, whatever its stage: a couple has at most one."""
        return self.filter(ended_at__isnull=True)

    def held(self) -> SeatQuerySet:
        """Accepted by the therapist and not ended, in a couple that still is one."""
        return self.open().filter(accepted_at__isnull=False, couple__ended_at__isnull=True)

    def held_by(self, person: Person) -> SeatQuerySet:
        return self.held().filter(therapist=person)

    def of_couple(self, couple: Couple) -> SeatQuerySet:
        return self.filter(couple=couple)


class Seat(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey("couples.Couple", on_delete=models.CASCADE, related_name="therapist_seats")
    # The therapist's address, as the partner typed it: the invitation goes there, and only an account
    # with this address may accept it.
    email = models.EmailField(max_length=EMAIL_LENGTH)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # The SHA-256 of the emailed key, until the key is used.
    key_hash = models.CharField(max_length=64, blank=True, db_index=True)
    expires_at = models.DateTimeField()
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="seats"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ending = models.CharField(max_length=10, choices=Ending.choices, blank=True)
    # Each partner's own ticks, keyed by their id: a kind is shared when both ticked it.
    kinds = models.JSONField(default=dict)

    objects: ClassVar[SeatQuerySet] = SeatQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-invited_at"]
        constraints = [
            # Two invitations sent at the same moment cannot open two seats for one couple.
            models.UniqueConstraint(fields=["couple"], condition=Q(ended_at__isnull=True), name="one_open_seat"),
        ]

    def __str__(self) -> str:
        return f"Seat {self.id}"

    @property
    def is_waiting(self) -> bool:
        """Sent by one partner, waiting for the other's yes."""
        return self.ended_at is None and self.approved_at is None

    @property
    def is_sent(self) -> bool:
        """Approved by both and emailed, waiting for the therapist."""
        return self.ended_at is None and self.approved_at is not None and self.accepted_at is None

    @property
    def is_held(self) -> bool:
        return self.ended_at is None and self.accepted_at is not None

    def is_expired(self, now: datetime | None = None) -> bool:
        return self.accepted_at is None and self.expires_at <= (now or timezone.now())

    def ticked_by(self, person: Person | int) -> frozenset[str]:
        pk = person if isinstance(person, int) else person.pk
        return frozenset(k for k in self.kinds.get(str(pk), []) if k in ShareKind.values)

    def shared(self) -> frozenset[str]:
        """The kinds both partners ticked, now."""
        ticks = [self.ticked_by(int(pk)) for pk in self.kinds]
        if len(ticks) < 2:
            return frozenset()
        return ticks[0] & ticks[1]
