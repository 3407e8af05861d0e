"""The couple's first session together, and each partner's place in it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Step(models.TextChoices):
    """The screens, in order: one idea each, then the agreement they lead to."""

    DANCE = "dance", _("The dance")
    LOOP = "loop", _("The loop")
    SIDES = "sides", pgettext_lazy("a step of the first session, said to both partners", "Your sides")
    REASONS = "reasons", _("Why space")
    SIGNAL = "signal", _("Your signal")
    AGREEMENT = "agreement", _("Your agreement")
    DONE = "done", _("Done")


ORDER: tuple[Step, ...] = tuple(Step)


def step_after(step: str) -> Step:
    at = ORDER.index(Step(step))
    return ORDER[min(at + 1, len(ORDER) - 1)]


class Side(models.TextChoices):
    """The side of the dance a partner recognises in themselves, in their own words."""

    REACH = "reach", _("I tend to reach")
    STEP_BACK = "step_back", _("I tend to step back")
    DEPENDS = "depends", _("It depends")


class FirstSession(models.Model):
    """One per couple: where the two of them are in it, whether it was put aside, when it was done.

    Started again after it was done, the same row begins again at the first screen.
    """

    # Random ids: the address of a couple's session says nothing about anyone else's.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.OneToOneField("couples.Couple", on_delete=models.CASCADE, related_name="first_session")
    step = models.CharField(max_length=12, choices=Step.choices, default=Step.DANCE)
    # When the screen it is at began: the agreement step counts only proposals made since.
    step_since = models.DateTimeField(default=timezone.now)
    # None while nobody has begun it (put aside from Home first), or once its starter deleted their account.
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    skipped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    skipped_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("first session")
        verbose_name_plural = _("first sessions")

    def __str__(self) -> str:
        return f"First session of {self.couple_id}"

    @property
    def done(self) -> bool:
        return self.step == Step.DONE

    @property
    def skipped(self) -> bool:
        return self.skipped_at is not None and not self.done


class Reader(models.Model):
    """One partner going through the session: the last screen they said they were ready to leave,
    and the side they recognise in themselves (shown to the other only once both have chosen)."""

    session = models.ForeignKey(FirstSession, on_delete=models.CASCADE, related_name="readers")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    ready_to_leave = models.CharField(max_length=12, choices=Step.choices, blank=True)
    side = models.CharField(max_length=12, choices=Side.choices, blank=True)
    side_chosen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("first session reader")
        verbose_name_plural = _("first session readers")
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="one_reader_per_partner")]

    def __str__(self) -> str:
        return f"Reader {self.person_id} of {self.session_id}"
