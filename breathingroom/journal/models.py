"""A journal entry: a person's own words, private unless they share it with their partner.

The words are kept encrypted, so a copy of the database shows none of them (and the database cannot
search them: see ``journal/search.py``).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.couples.models import Couple
from breathingroom.journal.prompts import PROMPT_KEY_LENGTH
from breathingroom.vault.fields import EncryptedTextField
from breathingroom.writing import Writing

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person

ENTRY_LENGTH = 10_000
ENTRY_WORDS = Writing(
    limit=ENTRY_LENGTH,
    empty=_("Nothing is written here yet. A line or two is enough to keep."),
    too_long=_(
        "This entry is longer than %(n)s characters, so it has not been kept yet. "
        "Shorten it a little, or keep the rest as a second entry."
    ),
)
# Far more edits than one entry will ever have, and within every database's integer.
LAST_VERSION = 2**31 - 1
# The API's Idempotency-Key, and the key a page's form carries: a request sent twice keeps one entry.
IDEMPOTENCY_KEY_LENGTH = 100


class EntryQuerySet(models.QuerySet["Entry"]):
    def written_by(self, person: Person) -> EntryQuerySet:
        return self.filter(person=person)

    def newest_first(self) -> EntryQuerySet:
        return self.order_by("-created_at", "-id")

    def shared_with(self, person: Person, couple: Couple) -> EntryQuerySet:
        """What ``person``'s partner shares with them in ``couple``, their couple now, newest share first."""
        return self.filter(shared_in=couple).exclude(person=person).order_by("-shared_at", "-id")


class Entry(models.Model):
    # Random ids: counting numbers would let a partner tell how often the other writes.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries")
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Each change of the words counts one up, so an edit made from an older copy is noticed, not lost.
    version = models.PositiveIntegerField(default=1)
    prompt = models.CharField(_("prompt"), max_length=PROMPT_KEY_LENGTH, blank=True)
    text = EncryptedTextField(_("entry"), max_length=ENTRY_LENGTH)
    # The couple it is shared in: the partner reads it only while that couple lasts and it stays shared.
    shared_in = models.ForeignKey(Couple, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    shared_at = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.CharField(max_length=IDEMPOTENCY_KEY_LENGTH, blank=True)

    objects: ClassVar[EntryQuerySet] = EntryQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        indexes = [
            models.Index(fields=["person", "-created_at"], name="journal_entries_newest_first"),
            models.Index(fields=["shared_in", "-shared_at"], name="journal_shared_newest_first"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "idempotency_key"], condition=~Q(idempotency_key=""), name="one_journal_entry_per_key"
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1),
                name="journal_entry_version_counts_from_one",
            ),
        ]

    def __str__(self) -> str:
        return f"Journal entry {self.id}"

    def shared_now(self, couple: Couple | None) -> bool:
        """Shared in ``couple``, the author's couple now (None: they have none, so it is shared with no one)."""
        return couple is not None and self.shared_in_id == couple.pk and couple.ended_at is None
