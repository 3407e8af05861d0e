"""What a person writes down while calming themselves. Private: only its author ever sees it.

The words themselves are kept encrypted, so a copy of the database shows none of them.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, ClassVar, TypeVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.vault.fields import EncryptedTextField
from breathingroom.writing import Writing

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person

UNSENT_NOTE_LENGTH = 5000
UNSENT_WORDS = Writing(
    limit=UNSENT_NOTE_LENGTH,
    empty=_("There is nothing here yet. Even a few words are enough."),
    too_long=_(
        "This is longer than %(n)s characters, so it has not been kept yet. Shorten it a little, then keep it again."
    ),
)


_Written = TypeVar("_Written", bound=models.Model)


class WrittenQuerySet(models.QuerySet[_Written]):
    """Notes are reached through their author only, which is what keeps them private."""

    def written_by(self, person: Person) -> WrittenQuerySet[_Written]:
        return self.filter(person=person)

    def latest_first(self) -> WrittenQuerySet[_Written]:
        return self.order_by("-created_at")


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
