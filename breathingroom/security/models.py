"""What a person can look back on to see that their account is theirs alone."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Long enough to look back on a season of sign-ins; after that the rows are forgotten.
KEEP_FOR = timedelta(days=365)
DEVICE_LENGTH = 80


class Kind(models.TextChoices):
    SIGNED_IN = "signed_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("A sign-in did not succeed")
    SIGNED_OUT_ELSEWHERE = "signed_out_elsewhere", _("Signed out on other devices")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_RESET = "password_reset", _("Password reset by email")
    EMAIL_CHANGED = "email_changed", _("Main email address changed")
    EMAIL_ADDED = "email_added", _("Email address added")
    EMAIL_REMOVED = "email_removed", _("Email address removed")
    TWO_STEP_ON = "two_step_on", _("Two-step sign-in turned on")
    TWO_STEP_OFF = "two_step_off", _("Two-step sign-in turned off")
    RECOVERY_CODES_MADE = "recovery_codes_made", _("New recovery codes made")
    PASSKEY_ADDED = "passkey_added", _("Passkey added")
    PASSKEY_REMOVED = "passkey_removed", _("Passkey removed")
    NEW_DEVICE_NOTICE_SENT = "new_device_notice_sent", _("Emailed you about a sign-in on a new device")
    # Written to both partners' logs: who may read what the couple shares is a question of security too.
    THERAPIST_SEATED = "therapist_seated", _("Your therapist accepted the seat you both approved")
    THERAPIST_VIEWED = "therapist_viewed", _("Your therapist looked at what you both share with them")
    THERAPIST_SEAT_ENDED = "therapist_seat_ended", _("The therapist's seat ended")


class SecurityEventQuerySet(models.QuerySet["SecurityEvent"]):
    def of(self, person_id: int) -> SecurityEventQuerySet:
        return self.filter(person_id=person_id)

    def newest_first(self) -> SecurityEventQuerySet:
        return self.order_by("-at", "-pk")

    def older_than(self, moment: datetime) -> SecurityEventQuerySet:
        return self.filter(at__lt=moment)


class SecurityEvent(models.Model):
    """One step that touched how someone signs in. Only the person it is about ever sees it.

    The device is kept as a short description ("Firefox on Android"), never the raw user agent, and
    no address is kept: the log is for recognising one's own steps, not for locating anyone.
    """

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="security_events")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    at = models.DateTimeField(db_index=True)
    device = models.CharField(max_length=DEVICE_LENGTH, blank=True)

    objects = SecurityEventQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["person", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d %H:%M})"


class KnownDevice(models.Model):
    """A browser or app this person has signed in on before, known by a hash of its random id."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="known_devices")
    fingerprint = models.CharField(max_length=64)
    first_signed_in_at = models.DateTimeField()
    last_signed_in_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "fingerprint"], name="one_known_device_per_id")]

    def __str__(self) -> str:
        return f"device {self.fingerprint[:8]} of person {self.person_id}"
