"""Appreciations: a few kind words, or a plain "we're okay", from one partner to the other outside conflict.

The words are kept encrypted, so a copy of the database shows none of them. Whether a note was put
away is its recipient's alone: the sender is never told (no read receipts).
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.vault.fields import EncryptedTextField
from breathingroom.writing import Writing

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person
    from breathingroom.couples.models import Couple

# A note, not a letter: long enough for a real thank-you, short enough to read on a lock screen's way in.
APPRECIATION_LENGTH = 500
APPRECIATION_WORDS = Writing(
    limit=APPRECIATION_LENGTH,
    too_long=_("A note here is up to %(n)s characters. Shorten it a little, then send it again."),
)
# A second tap on "send" with the same words this soon after the first is the same note, not a new one.
DOUBLE_TAP_WITHIN = timedelta(seconds=10)
# As with a break's: a key answers a repeated request for a day, and only in the couple it was sent in.
IDEMPOTENCY_KEY_LASTS = timedelta(days=1)
IDEMPOTENCY_KEY_LENGTH = 100
# How many notes not yet put away Home shows at once; the rest wait on the appreciations page.
ON_HOME = 3


class NoteKind(models.TextChoices):
    APPRECIATION = "appreciation", _("Kind words")
    OKAY = "okay", _("We're okay")


class AppreciationQuerySet(models.QuerySet["Appreciation"]):
    """Notes are reached through the couple they were sent in, so an ended couple's are no longer shown."""

    def of_couple(self, couple: Couple) -> AppreciationQuerySet:
        return self.filter(couple=couple)

    def between(self, couple: Couple, person: Person) -> AppreciationQuerySet:
        """What ``person`` sent or received in ``couple``, newest first."""
        return (
            self.of_couple(couple)
            .filter(Q(sender=person) | Q(recipient=person))
            .select_related("sender")
            .order_by("-sent_at", "-pk")
        )

    def new_for(self, couple: Couple, person: Person) -> AppreciationQuerySet:
        """Notes to ``person`` in ``couple`` that they have not put away yet, newest first."""
        return self.between(couple, person).filter(recipient=person, seen_at__isnull=True)


class Appreciation(models.Model):
    # Random ids: counting numbers would tell how many notes every couple sends.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey("couples.Couple", on_delete=models.CASCADE, related_name="appreciations")
    # The sender's words go with the sender's account; the recipient leaving keeps the sender's own copy.
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appreciations_sent")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="appreciations_received"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NoteKind.choices, default=NoteKind.APPRECIATION)
    text = EncryptedTextField(_("words"), max_length=APPRECIATION_LENGTH, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)
    # Put away by its recipient: it leaves their Home and stays on their appreciations page.
    seen_at = models.DateTimeField(null=True, blank=True)
    # A phone's Idempotency-Key, kept for IDEMPOTENCY_KEY_LASTS so a retried request sends nothing new.
    idempotency_key = models.CharField(max_length=IDEMPOTENCY_KEY_LENGTH, blank=True)

    objects: ClassVar[AppreciationQuerySet] = AppreciationQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("appreciation")
        verbose_name_plural = _("appreciations")
        indexes = [
            models.Index(fields=["couple", "-sent_at"]),
            models.Index(fields=["recipient", "seen_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "idempotency_key"], condition=~Q(idempotency_key=""), name="one_appreciation_per_key"
            ),
            models.CheckConstraint(condition=Q(kind__in=NoteKind.values), name="appreciation_kind_known"),
        ]

    def __str__(self) -> str:
        # Never the words: this shows in the admin and in error reports.
        return f"Appreciation {self.id}"
