"""An episode of the dance, each partner's own side of it, and the repair conversation after it.

An episode belongs to the couple: both can see that it is there. Each side belongs to its author
and is private until they share it; the partner, the cycle map and the insights read only sides
shared now. Every word of a side is kept encrypted; a tally beside each (``vault.tallies``) lets the
database count how often one person chose the same move, feeling, fear or need without reading it.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.vault.fields import EncryptedTextField
from breathingroom.vault.tallies import TallyField
from breathingroom.writing import Writing

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person
    from breathingroom.couples.models import Couple

# The longest a move's key is (see ``vocabulary.Move``).
MOVE_LENGTH = 20
TRIGGER_LENGTH = 200
FEELING_LENGTH = 100
FEAR_LENGTH = 200
NEED_LENGTH = 200
ANSWER_LENGTH = 2000
IDEMPOTENCY_KEY_LENGTH = 100
# Far more changes than one side will ever have, and within every database's integer.
LAST_VERSION = 2**31 - 1

TRIGGER_WORDS = Writing(
    limit=TRIGGER_LENGTH, too_long=_("Keep what set it off to %(n)s characters: the moment, not the whole story.")
)
FEELING_WORDS = Writing(limit=FEELING_LENGTH, too_long=_("Name a feeling in %(n)s characters or fewer."))
FEAR_WORDS = Writing(limit=FEAR_LENGTH, too_long=_("Keep the fear to %(n)s characters: one line is enough."))
NEED_WORDS = Writing(limit=NEED_LENGTH, too_long=_("Keep the need to %(n)s characters: one line is enough."))
ANSWER_WORDS = Writing(
    limit=ANSWER_LENGTH,
    empty=_("Write a few words here first; a line is enough."),
    too_long=_("Keep this to %(n)s characters. What matters most fits in a few lines."),
)


class EpisodeQuerySet(models.QuerySet["Episode"]):
    def of_couple(self, couple: Couple) -> EpisodeQuerySet:
        return self.filter(couple=couple).order_by("-happened_at", "-created_at")


class Episode(models.Model):
    """One time round the loop, looked back on together."""

    # Random ids: counting numbers would tell an outsider how many episodes couples have.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey("couples.Couple", on_delete=models.CASCADE, related_name="episodes")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # The break it followed, if any: one episode per break.
    brk = models.ForeignKey("breaks.Break", on_delete=models.SET_NULL, null=True, blank=True, related_name="episodes")
    # When it happened: the break's start, or when it was begun.
    happened_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    idempotency_key = models.CharField(max_length=IDEMPOTENCY_KEY_LENGTH, blank=True, default="")

    objects: ClassVar[EpisodeQuerySet] = EpisodeQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        indexes = [models.Index(fields=["couple", "-happened_at"], name="dance_episodes_newest_first")]
        constraints = [
            models.UniqueConstraint(fields=["brk"], condition=Q(brk__isnull=False), name="one_episode_per_break"),
            models.UniqueConstraint(
                fields=["started_by", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="one_episode_per_key",
            ),
        ]

    def __str__(self) -> str:
        return f"Episode {self.id}"


class SideQuerySet(models.QuerySet["Side"]):
    def shared(self) -> SideQuerySet:
        return self.filter(shared_at__isnull=False)


class Side(models.Model):
    """One partner's own account of an episode: what set it off, what they did, felt, feared, needed."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="sides")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    trigger = EncryptedTextField(_("what set it off"), max_length=TRIGGER_LENGTH, blank=True)
    move = EncryptedTextField(_("what I did"), max_length=MOVE_LENGTH)
    surface_feeling = EncryptedTextField(_("what I felt on the surface"), max_length=FEELING_LENGTH, blank=True)
    deeper_feeling = EncryptedTextField(_("what I felt underneath"), max_length=FEELING_LENGTH, blank=True)
    fear = EncryptedTextField(_("what I feared"), max_length=FEAR_LENGTH, blank=True)
    need = EncryptedTextField(_("what I needed"), max_length=NEED_LENGTH, blank=True)
    trigger_tally = TallyField(of="trigger")
    move_tally = TallyField(of="move")
    surface_tally = TallyField(of="surface_feeling")
    deeper_tally = TallyField(of="deeper_feeling")
    fear_tally = TallyField(of="fear")
    need_tally = TallyField(of="need")
    written_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # Each change counts one up, so a change made from an older copy is noticed, not lost.
    version = models.PositiveIntegerField(default=1)
    # Shared with the partner, in the episode's couple, until unshared.
    shared_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[SideQuerySet] = SideQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        constraints = [models.UniqueConstraint(fields=["episode", "person"], name="one_side_per_person")]
        indexes = [models.Index(fields=["person", "move_tally"], name="dance_side_moves")]

    def __str__(self) -> str:
        return f"A side of {self.episode_id}"

    def is_by(self, person: Person) -> bool:
        return self.person_id == person.pk


class RepairStep(models.TextChoices):
    """The repair conversation, in the order the seeds give: recognise, understand, express, repair."""

    FELT = "felt", _("What I felt")
    SAW = "saw", _("How I saw it")
    PAST = "past", _("Why it hit so hard")
    MY_PART = "my_part", _("My part")
    PLAN = "plan", _("Next time")
    KEEP = "keep", _("Keeping it")
    DONE = "done", _("Done")


class RepairTalk(models.Model):
    """The repair conversation of one episode: both pages on the same step, each step confirmed by both."""

    episode = models.OneToOneField(Episode, on_delete=models.CASCADE, related_name="repair")
    step = models.CharField(max_length=10, choices=RepairStep.choices, default=RepairStep.FELT)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # Paused by either: both pages show it paused until either resumes.
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    # Both agreed to keep it with the episode; otherwise its words are let go when it ends.
    kept = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Repair of {self.episode_id}"

    @property
    def finished(self) -> bool:
        return self.step == RepairStep.DONE


class RepairAnswer(models.Model):
    """One partner's words for one part of a step (``part``: see ``repair.PARTS``)."""

    talk = models.ForeignKey(RepairTalk, on_delete=models.CASCADE, related_name="answers")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    part = models.CharField(max_length=20)
    text = EncryptedTextField(max_length=ANSWER_LENGTH)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["talk", "person", "part"], name="one_repair_answer_per_part")]

    def __str__(self) -> str:
        return f"{self.part} in {self.talk_id}"


class RepairConfirm(models.Model):
    """A partner's "done with this step"; the step moves on once both have confirmed it."""

    talk = models.ForeignKey(RepairTalk, on_delete=models.CASCADE, related_name="confirms")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    step = models.CharField(max_length=10, choices=RepairStep.choices)
    # At the last step: whether this partner wants it kept with the episode.
    keep = models.BooleanField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["talk", "person", "step"], name="one_repair_confirm_per_step")]

    def __str__(self) -> str:
        return f"{self.step} confirmed in {self.talk_id}"
