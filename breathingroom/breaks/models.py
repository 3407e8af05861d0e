from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.reading import once
from breathingroom.vault.fields import EncryptedTextField
from breathingroom.writing import Writing

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person
    from breathingroom.couples.models import Couple

REASSURANCE_LENGTH = 280
# The least extra time worth asking for.
SHORTEST_EXTENSION = 10
TRY_LENGTH = 200
PREPARE_LENGTH = 1000
REASSURANCE_WORDS = Writing(
    limit=REASSURANCE_LENGTH,
    empty=_("Leave a few words for your partner, so they know you are coming back."),
    too_long=_("Keep the reassurance to %(n)s characters; a short one is easier to hear."),
)
PREPARATION_NOTE = Writing(limit=PREPARE_LENGTH, too_long=_("Each note can be up to %(n)s characters."))
NEXT_TRY_WORDS = Writing(
    limit=TRY_LENGTH,
    empty=_("Write one small thing you would like to try next time."),
    too_long=_("Keep it to %(n)s characters: one small thing."),
)
# How long after the agreed time a break counts as overdue: long enough for a slow walk back,
# short enough that the waiting partner is not left wondering.
OVERDUE_AFTER = 10
# A phone retries a lost "take space" within seconds or minutes; a day is ample, and a key kept
# longer could only ever be a replay.
IDEMPOTENCY_KEY_LASTS = timedelta(days=1)


def minutes(n: int) -> timedelta:
    """``n`` minutes of break time. End-to-end tests run this clock faster; nothing else does."""
    return timedelta(seconds=n * settings.BREAK_MINUTE_SECONDS)


class Phase(models.TextChoices):
    ON_BREAK = "on_break", _("On a break")
    RECONNECTING = "reconnecting", _("Time to reconnect")
    CLOSED = "closed", _("Done")


def with_takers() -> Prefetch:
    """For ``prefetch_related``: a break's takers with each one's person, read together in one query."""
    return Prefetch("takers", queryset=Taker.objects.select_related("person"))


class BreakQuerySet(models.QuerySet["Break"]):
    def open(self) -> BreakQuerySet:
        return self.filter(closed_at__isnull=True)

    def current_for(self, couple: Couple) -> Break | None:
        def read() -> Break | None:
            found = self.open().filter(couple=couple).prefetch_related(with_takers()).first()
            if found is not None:
                found.couple = couple  # already at hand: not read again
            return found

        return once(("break", couple.pk), read)

    def of_couple(self, couple: Couple) -> BreakQuerySet:
        # Through the couple's own manager, which hands every break found this very couple, its
        # partners already read, instead of each break reading its couple and partners again.
        return (couple.breaks.all() & self).prefetch_related(with_takers()).order_by("-started_at")


class Break(models.Model):
    """Time apart that one partner (or both) asked for, with a time to come back.

    It is open from "go" until the couple records how their reconnection went, or until a new
    break replaces it; a couple has at most one open break.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey("couples.Couple", on_delete=models.CASCADE, related_name="breaks")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    # When both are called back. Taking space too or extending moves it later, never earlier.
    returns_at = models.DateTimeField()
    agreement_version = models.PositiveIntegerField(null=True, blank=True)
    extensions_used = models.PositiveSmallIntegerField(default=0)
    # Every partner on the break said "I'm ready to talk" before the time.
    ended_early_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    due_announced_at = models.DateTimeField(null=True, blank=True)
    overdue_announced_at = models.DateTimeField(null=True, blank=True)
    # The ids of the call back and the late notice queued for the present time (``reminders``), so
    # that moving or ending the break drops exactly those instead of searching the whole queue.
    queued_tasks = models.JSONField(default=list, blank=True)

    objects: ClassVar[BreakQuerySet] = BreakQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            # Two presses at once, from one phone or two, cannot open two breaks.
            models.UniqueConstraint(fields=["couple"], condition=Q(closed_at__isnull=True), name="one_open_break"),
        ]

    def __str__(self) -> str:
        return f"Break {self.id}"

    @property
    def reconnect_at(self) -> datetime:
        return self.ended_early_at or self.returns_at

    def phase(self, now: datetime | None = None) -> Phase:
        now = now or timezone.now()
        if self.closed_at is not None:
            return Phase.CLOSED
        if self.ended_early_at is not None or now >= self.returns_at:
            return Phase.RECONNECTING
        return Phase.ON_BREAK

    def is_on(self, now: datetime | None = None) -> bool:
        return self.phase(now) == Phase.ON_BREAK

    def is_overdue(self, now: datetime | None = None) -> bool:
        """Someone on the break has not come back well after the agreed time."""
        now = now or timezone.now()
        if self.phase(now) != Phase.RECONNECTING or now < self.returns_at + minutes(OVERDUE_AFTER):
            return False
        return any(t.back_at is None for t in self.takers.all())

    @property
    def overdue_at(self) -> datetime:
        return self.returns_at + minutes(OVERDUE_AFTER)

    @property
    def taker_list(self) -> list[Taker]:
        return sorted(self.takers.all(), key=lambda t: t.joined_at)

    def taker(self, person: Person) -> Taker | None:
        return next((t for t in self.takers.all() if t.person_id == person.pk), None)

    def length_minutes(self) -> int:
        return round((self.returns_at - self.started_at) / minutes(1))


class Taker(models.Model):
    """A partner on a break, with the reassurance they left for the other."""

    brk = models.ForeignKey(Break, on_delete=models.CASCADE, related_name="takers")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reassurance = EncryptedTextField(max_length=REASSURANCE_LENGTH)
    minutes = models.PositiveIntegerField()
    joined_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    # Came back for the reconnection: said "ready", checked in, or said "I'm here".
    back_at = models.DateTimeField(null=True, blank=True)
    # The API's Idempotency-Key, so a request sent twice starts one break. It answers only within
    # the couple and for IDEMPOTENCY_KEY_LASTS; after that it is cleared.
    idempotency_key = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["brk", "person"], name="one_taker_per_person"),
            models.UniqueConstraint(
                fields=["person", "idempotency_key"], condition=~Q(idempotency_key=""), name="one_break_per_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.brk_id}"


class Extension(models.Model):
    brk = models.ForeignKey(Break, on_delete=models.CASCADE, related_name="extensions")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    minutes = models.PositiveIntegerField()
    reassurance = EncryptedTextField(max_length=REASSURANCE_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"+{self.minutes} on {self.brk_id}"


class ThinkingOfYou(models.Model):
    """A wordless "thinking of you" from the waiting partner. No reply is expected and none is shown as read."""

    brk = models.ForeignKey(Break, on_delete=models.CASCADE, related_name="thoughts")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at"]

    def __str__(self) -> str:
        return f"Thinking of you on {self.brk_id}"


class Preparation(models.Model):
    """A partner's private notes before reconnecting. Never shown to the other."""

    brk = models.ForeignKey(Break, on_delete=models.CASCADE, related_name="preparations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    felt = EncryptedTextField(max_length=PREPARE_LENGTH, blank=True)
    need = EncryptedTextField(max_length=PREPARE_LENGTH, blank=True)
    my_part = EncryptedTextField(max_length=PREPARE_LENGTH, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["brk", "person"], name="one_preparation_per_person")]

    def __str__(self) -> str:
        return f"Preparation by {self.person_id}"


class Step(models.TextChoices):
    CHECK_IN = "check_in", _("Check in")
    # A check-in was high: a breath together or a few more minutes, then checking in again.
    SETTLE = "settle", _("Settling first")
    FIRST_TURN = "first_turn", _("First turn")
    SECOND_TURN = "second_turn", _("Second turn")
    OWN_WAY = "own_way", _("Your own way")
    TRY = "try", _("One thing to try")
    OUTCOME = "outcome", _("How it went")
    DONE = "done", _("Done")


class Timing(models.TextChoices):
    ON_TIME = "on_time", _("Back on time")
    LATE = "late", _("Back late")
    NOT_YET = "not_yet", _("Not back yet")


class Repair(models.TextChoices):
    REPAIRED = "repaired", _("Repaired")
    PARTLY = "partly", _("Partly")
    NOT_YET = "not_yet", _("Not yet")


class Reconnection(models.Model):
    """The guided coming back together that every break ends in."""

    brk = models.OneToOneField(Break, on_delete=models.CASCADE, related_name="reconnection")
    started_at = models.DateTimeField(default=timezone.now)
    step = models.CharField(max_length=20, choices=Step.choices, default=Step.CHECK_IN)
    first_speaker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # Settling after a high check-in: only check-ins and "go on"s since this moment count.
    settling_since = models.DateTimeField(null=True, blank=True)
    # When the breath both phones take together starts, on the server's clock.
    breath_at = models.DateTimeField(null=True, blank=True)
    # "A few more minutes": the ritual waits until then.
    more_until = models.DateTimeField(null=True, blank=True)
    more_times = models.PositiveSmallIntegerField(default=0)
    # The turn being spoken: the listener said back what they heard; the speaker answered "not quite".
    said_back_at = models.DateTimeField(null=True, blank=True)
    not_quite_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Reconnection after {self.brk_id}"


class Outcome(models.Model):
    """One partner's own view of how a reconnection went. Each keeps theirs; both are shown once both are in."""

    reconnection = models.ForeignKey(Reconnection, on_delete=models.CASCADE, related_name="outcomes")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    timing = models.CharField(max_length=10, choices=Timing.choices)
    repair = models.CharField(max_length=10, choices=Repair.choices)
    # When a "not yet" is followed up.
    next_talk_at = models.DateTimeField(null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at"]
        constraints = [models.UniqueConstraint(fields=["reconnection", "person"], name="one_outcome_per_person")]

    def __str__(self) -> str:
        return f"{self.timing}, {self.repair}"


class CheckIn(models.Model):
    """How strongly a partner's body is still stirred (0 calm, 10 overwhelmed) as they come back."""

    reconnection = models.ForeignKey(Reconnection, on_delete=models.CASCADE, related_name="check_ins")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    strength = models.PositiveSmallIntegerField(validators=[MaxValueValidator(10)])
    # Private unless the person chooses to show the number to their partner.
    shared = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # Checking in again while settling moves this on; "go on anyway" is a choice made since then.
    checked_at = models.DateTimeField(default=timezone.now)
    go_on_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reconnection", "person"], name="one_check_in_per_person")]

    def __str__(self) -> str:
        return f"Check-in {self.strength}/10"


class NextTry(models.Model):
    """The one thing a partner will try next time."""

    reconnection = models.ForeignKey(Reconnection, on_delete=models.CASCADE, related_name="next_tries")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField(max_length=TRY_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reconnection", "person"], name="one_next_try_per_person")]

    def __str__(self) -> str:
        return self.text


class TalkAgain(models.Model):
    """After a "not yet": the time the couple chose to talk again, when both are called back."""

    reconnection = models.OneToOneField(Reconnection, on_delete=models.CASCADE, related_name="talk_again")
    at = models.DateTimeField()
    # Raised each time the time moves, so a calendar that imported it updates its event.
    sequence = models.PositiveIntegerField(default=0)
    called_at = models.DateTimeField(null=True, blank=True)
    # Either said they talked: Home stops calling them to it.
    talked_at = models.DateTimeField(null=True, blank=True)
    # The id of the call queued for ``at``, dropped by id when the time moves (``reminders``).
    queued_task = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"Talk again after {self.reconnection_id}"

    @property
    def has_come(self) -> bool:
        return self.at <= timezone.now()
