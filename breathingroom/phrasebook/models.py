"""The couple's own words: needs and boundaries they added, and their signal phrase.

Both partners see all of it; each word stays its writer's to change or remove. The words themselves
are kept encrypted, so a copy of the database shows none of them.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.vault.fields import EncryptedTextField
from breathingroom.writing import Writing

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person
    from breathingroom.couples.models import Couple

NAME_LENGTH = 80
WHY_LENGTH = 280
# Said in one breath, in the hard minute: a phrase, not a paragraph.
SIGNAL_LENGTH = 120
# Enough for a couple's whole language, few enough that the page stays a page.
MOST_OWN_WORDS = 100

WORD_NAME = Writing(
    limit=NAME_LENGTH,
    empty=_("Write the word or the few words you use for it."),
    too_long=_("A few words are enough here: up to %(n)s characters. Say more in the line below."),
)
WORD_WHY = Writing(limit=WHY_LENGTH, too_long=_("Keep what it means to you to %(n)s characters at most."))
SIGNAL_WORDS = Writing(
    limit=SIGNAL_LENGTH,
    empty=_("Write the words you will both use to say “I need space, and I'm coming back”."),
    too_long=_("A signal phrase works best when it can be said in one breath: up to %(n)s characters."),
)


class WordKind(models.TextChoices):
    NEED = "need", _("A need")
    BOUNDARY = "boundary", _("A boundary")


class OwnWordQuerySet(models.QuerySet["OwnWord"]):
    def of_couple(self, couple: Couple) -> OwnWordQuerySet:
        return self.filter(couple=couple).select_related("added_by").order_by("added_at", "id")

    def added_by(self, person: Person) -> OwnWordQuerySet:
        return self.filter(added_by=person)


class OwnWord(models.Model):
    """A need or a boundary in the couple's own words, with what it means to them if they said."""

    # Random ids: counting numbers would tell one partner how many words other couples wrote.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey("couples.Couple", on_delete=models.CASCADE, related_name="own_words")
    kind = models.CharField(max_length=10, choices=WordKind.choices)
    name = EncryptedTextField(_("word"), max_length=NAME_LENGTH)
    why = EncryptedTextField(_("what it means to us"), max_length=WHY_LENGTH, blank=True)
    # Whoever wrote the words: they alone may change them, and the words go with their account.
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[OwnWordQuerySet] = OwnWordQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("word of our own")
        verbose_name_plural = _("words of our own")
        indexes = [models.Index(fields=["couple", "added_at"])]

    def __str__(self) -> str:
        return f"Own {self.kind} {self.id}"


class SignalPhrase(models.Model):
    """The words that mean "I need space, and I'm coming back": one per couple, set by either partner."""

    couple = models.OneToOneField(
        "couples.Couple", on_delete=models.CASCADE, primary_key=True, related_name="signal_phrase"
    )
    words = EncryptedTextField(_("signal phrase"), max_length=SIGNAL_LENGTH)
    # Whoever set the words last wrote them: they go with that person's account.
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("signal phrase")
        verbose_name_plural = _("signal phrases")

    def __str__(self) -> str:
        return f"Signal phrase of {self.couple_id}"
