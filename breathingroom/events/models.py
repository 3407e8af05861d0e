"""Every event a person should hear of, kept for them, in their own order.

Each person's events are numbered 1, 2, 3… (``seq``), and the number is taken inside the transaction
that made the change: two changes for the same person commit in the order of their numbers, so a
client that has seen number n has seen everything before it and asks only for what comes after.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from breathingroom.vault.fields import EncryptedJSONField

# Kept this long; a client away for longer starts again from the page as it is now.
KEEP_FOR = timedelta(days=30)


class Cursor(models.Model):
    """The last number given to one person's events."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="event_cursor"
    )
    last_seq = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.person_id} at {self.last_seq}"


class Event(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveBigIntegerField(_("number"))
    type = models.CharField(max_length=40)
    # Events carry reassurances and names: kept encrypted like everything else a person wrote.
    data = EncryptedJSONField(default=dict)
    at = models.DateTimeField()

    class Meta:
        ordering = ["recipient", "seq"]
        constraints = [models.UniqueConstraint(fields=["recipient", "seq"], name="one_event_per_number")]
        indexes = [models.Index(fields=["at"], name="event_at")]

    def __str__(self) -> str:
        return f"{self.type} #{self.seq} for {self.recipient_id}"

    def as_message(self) -> dict[str, Any]:
        """What a page or app receives: the same shape live, on catching up, and from the API."""
        return {"id": self.seq, "type": self.type, "data": self.data, "at": self.at.isoformat()}


class Connection(models.Model):
    """One open page or app of a person, while its socket is up: whether anyone is looking right now.

    Kept in the database, so every app process sees every other's connections. A process that dies
    cannot remove its rows; a connection counts only while its heartbeat is recent.
    """

    channel_name = models.CharField(max_length=200, primary_key=True)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="connections")
    opened_at = models.DateTimeField()
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.person_id} on {self.channel_name}"
