from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.agreements.rhythm import KEY_LENGTH, ZONE_LENGTH, RhythmTime
from breathingroom.durations import minutes_label
from breathingroom.reading import once
from breathingroom.vault.fields import EncryptedJSONField, EncryptedTextField
from breathingroom.writing import Writing

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person
    from breathingroom.couples.models import Couple

# The product's own bounds on any break, whatever a couple agrees: shorter than ten minutes is too
# short for a body to settle at all; longer than two days stops being a pause and becomes distance.
SHORTEST_BREAK = 10
LONGEST_BREAK = 48 * 60

# Where the defaults come from: a body flooded by a quarrel takes about twenty minutes to settle,
# and couples therapists commonly advise coming back within a day.
DEFAULT_SHORTEST = 20
DEFAULT_LONGEST = 24 * 60
DEFAULT_PRESETS = (20, 30, 45, 60, 90, 120, 240)
DEFAULT_EXTENSIONS = 1
DEFAULT_CONTACT_EVERY = 60
MAX_PRESETS = 10
MAX_EXTENSIONS = 3
# A "thinking of you" more often than this would be asking for attention during a rest.
SHORTEST_CONTACT_EVERY = 5
# The largest version number every database's integer column holds.
LAST_VERSION = 2**31 - 1
WORDS_LENGTH = 280
OWN_WAY_LENGTH = 200
MY_WORDS = Writing(limit=WORDS_LENGTH, too_long=_("Keep the words you would like to hear to %(n)s characters at most."))
OWN_WAY_WORDS = Writing(limit=OWN_WAY_LENGTH, too_long=_("Keep your way of reconnecting to %(n)s characters at most."))
# "Until tomorrow morning" means this hour, in the zone of whoever steps away.
MORNING_HOUR = 8


class Contact(models.TextChoices):
    NOTHING = "nothing", _("Nothing: we both rest")
    ONCE = "once", _("One “thinking of you” per break")
    EVERY = "every", _("A “thinking of you” now and then")


class Reconnect(models.TextChoices):
    RITUAL = "ritual", _("The guided reconnection")
    OWN = "own", _("Our own way")


@dataclass(frozen=True)
class Terms:
    """What a couple agreed, or the defaults while they have not: the rules every break follows."""

    shortest: int = DEFAULT_SHORTEST
    longest: int = DEFAULT_LONGEST
    presets: tuple[int, ...] = DEFAULT_PRESETS
    until_morning: bool = True
    extensions: int = DEFAULT_EXTENSIONS
    contact: str = Contact.ONCE
    contact_every: int = DEFAULT_CONTACT_EVERY
    reconnect: str = Reconnect.RITUAL
    own_way: str = ""
    words: dict[str, str] = field(default_factory=dict)
    rhythm: tuple[RhythmTime, ...] = ()
    rhythm_zone: str = ""
    agreed: bool = False
    version: int | None = None

    def words_for(self, person: Person) -> str:
        """The words ``person`` asked to hear when their partner steps away."""
        return self.words.get(str(person.pk), "")

    @property
    def contact_label(self) -> str:
        if self.contact == Contact.EVERY:
            return str(_("A “thinking of you” at most every %(every)s")) % {"every": minutes_label(self.contact_every)}
        return str(Contact(self.contact).label)

    @property
    def reconnect_label(self) -> str:
        if self.reconnect == Reconnect.OWN and self.own_way:
            return self.own_way
        return str(Reconnect(self.reconnect).label)

    def rhythm_time(self, key: str) -> RhythmTime | None:
        return next((t for t in self.rhythm if t.key == key), None)


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def accepted(self) -> AgreementQuerySet:
        return self.filter(accepted_at__isnull=False)

    def pending(self) -> AgreementQuerySet:
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True)

    def in_force_for(self, couple: Couple) -> Agreement | None:
        return once(("agreement in force", couple.pk), self.accepted().filter(couple=couple).order_by("-version").first)

    def pending_for(self, couple: Couple) -> Agreement | None:
        return once(("agreement pending", couple.pk), self.pending().filter(couple=couple).order_by("-version").first)


class Agreement(models.Model):
    """One version of a couple's Space Agreement, made in a calm time.

    It is proposed by one partner and in force once the other accepts; a later accepted version
    replaces it, and every version is kept.
    """

    couple = models.ForeignKey("couples.Couple", on_delete=models.CASCADE, related_name="agreements")
    version = models.PositiveIntegerField()
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    # A proposal replaced by a newer one before it was accepted.
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    shortest = models.PositiveIntegerField(default=DEFAULT_SHORTEST)
    longest = models.PositiveIntegerField(default=DEFAULT_LONGEST)
    presets = models.JSONField(default=list)
    until_morning = models.BooleanField(default=True)
    extensions = models.PositiveSmallIntegerField(default=DEFAULT_EXTENSIONS)
    contact = models.CharField(max_length=10, choices=Contact.choices, default=Contact.ONCE)
    contact_every = models.PositiveIntegerField(default=DEFAULT_CONTACT_EVERY)
    reconnect = models.CharField(max_length=10, choices=Reconnect.choices, default=Reconnect.RITUAL)
    own_way = EncryptedTextField(max_length=OWN_WAY_LENGTH, blank=True)
    # Each partner's own words, keyed by their id: what they would like to hear from the other.
    # Kept encrypted, like the way they reconnect: both are the couple's own words.
    words = EncryptedJSONField(default=dict)
    # The everyday rhythm (see ``rhythm``): its times, with the couple's words for each, and the one
    # clock they keep.
    rhythm = EncryptedJSONField(default=list)
    rhythm_zone = models.CharField(max_length=ZONE_LENGTH, blank=True)

    objects: ClassVar[AgreementQuerySet] = AgreementQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["couple", "version"], name="one_agreement_per_version"),
            # At most one proposal waits for an answer at a time.
            models.UniqueConstraint(
                fields=["couple"],
                condition=Q(accepted_at__isnull=True, withdrawn_at__isnull=True),
                name="one_pending_proposal_per_couple",
            ),
        ]

    def __str__(self) -> str:
        return f"Agreement v{self.version} of {self.couple_id}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None

    def terms(self) -> Terms:
        return Terms(
            shortest=self.shortest,
            longest=self.longest,
            presets=tuple(self.presets),
            until_morning=self.until_morning,
            extensions=self.extensions,
            contact=self.contact,
            contact_every=self.contact_every,
            reconnect=self.reconnect,
            own_way=self.own_way,
            words=dict(self.words),
            rhythm=tuple(RhythmTime.from_json(t) for t in self.rhythm),
            rhythm_zone=self.rhythm_zone,
            agreed=self.accepted_at is not None,
            version=self.version,
        )


class RhythmOccurrenceQuerySet(models.QuerySet["RhythmOccurrence"]):
    def unsaid(self, now: datetime) -> RhythmOccurrenceQuerySet:
        """Moments whose time has come that the worker has not dealt with yet."""
        return self.filter(passed_at__isnull=True, at__lte=now)

    def let_pass(self, couple: Couple) -> RhythmOccurrenceQuerySet:
        """Moments one of the couple let pass, under whichever version: a key and a moment stay let pass."""
        return self.filter(agreement__couple=couple, skipped_at__isnull=False)


class RhythmOccurrence(models.Model):
    """One moment of a rhythm time: made when it is scheduled, or when someone skips it first.

    The worker reminds both at ``at`` and marks it passed, in one transaction under this row's lock,
    so it is said once. A skipped moment passes without a word.
    """

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="occurrences")
    key = models.CharField(max_length=KEY_LENGTH)
    at = models.DateTimeField()
    passed_at = models.DateTimeField(null=True, blank=True)
    reminded = models.BooleanField(default=False)
    skipped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    skipped_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[RhythmOccurrenceQuerySet] = RhythmOccurrenceQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["at"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "key", "at"], name="one_occurrence_per_rhythm_moment"),
        ]
        indexes = [models.Index(fields=["passed_at", "at"], name="rhythm_unsaid")]

    def __str__(self) -> str:
        return f"Rhythm {self.key} at {self.at:%Y-%m-%d %H:%M}"
