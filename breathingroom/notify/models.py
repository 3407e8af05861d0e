"""How each person wants to be reached while no page of theirs is open, and the devices that can be."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.notify import quiet
from breathingroom.vault.fields import EncryptedJSONField

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person

# Push services hand out endpoints of about 200 characters; anything far longer is not one.
ENDPOINT_LENGTH = 1000
DEVICE_LENGTH = 60


class PushMode(models.TextChoices):
    OFF = "off", _("Off")
    ALWAYS = "always", _("Always")
    AWAY = "away", _("Only when Breathing Room is closed on all your devices")


class NotificationSettingsQuerySet(models.QuerySet["NotificationSettings"]):
    def for_person(self, person: Person) -> NotificationSettings:
        """The person's settings, or the defaults (unsaved) if they never changed them."""
        found = self.filter(person=person).first()
        return found or NotificationSettings(person=person)


class NotificationSettings(models.Model):
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="notification_settings"
    )
    push = models.CharField(_("notifications"), max_length=10, choices=PushMode.choices, default=PushMode.AWAY)
    # Email is opt-in: an inbox is often shared or read at work.
    email_reminders = models.BooleanField(_("email me when it is time to come back"), default=False)
    quiet_from = models.TimeField(_("quiet from"), null=True, blank=True)
    quiet_until = models.TimeField(_("quiet until"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects: ClassVar[NotificationSettingsQuerySet] = NotificationSettingsQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"Notification settings of {self.person_id}"

    def is_quiet(self, now: datetime | None = None) -> bool:
        """Within this person's quiet hours, on their own clock."""
        return quiet.is_quiet(now or timezone.now(), self.person.zone, self.quiet_from, self.quiet_until)


class PushSubscription(models.Model):
    """One browser or phone that agreed to show notifications, as its push service describes it.

    The endpoint is a secret address at the push service (whoever knows it can make that device
    show a notification), and the keys encrypt what is sent there; none of them is ever logged.
    """

    # What the person sees (in the API and on pages) is ``public_id``, which tells nothing of how
    # many devices anyone has; the row's own number stays inside the server (tasks, logs).
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions")
    endpoint = models.URLField(max_length=ENDPOINT_LENGTH)
    p256dh = models.CharField(max_length=100)
    auth = models.CharField(max_length=50)
    device = models.CharField(_("device"), max_length=DEVICE_LENGTH, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            # One row per person and endpoint: see ``devices.subscribe`` for why not one per endpoint.
            models.UniqueConstraint(fields=["person", "endpoint"], name="one_subscription_per_person_and_endpoint"),
        ]

    def __str__(self) -> str:
        return self.device or str(_("A browser"))

    def as_subscription_info(self) -> dict[str, object]:
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class OutgoingEmail(models.Model):
    """An email written during a request, waiting for the worker to send it (see ``outbox``).

    It can hold a confirmation link or a password-reset key, so it is kept encrypted and only until
    it is sent or given up; the task that sends it names it by its row number alone.
    """

    # Whom it is for, when they have an account: deleting the account takes the email with it.
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+")
    message = EncryptedJSONField()
    queued_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        # Never its subject or address: this shows in the admin and in error reports.
        return f"Email {self.pk} queued at {self.queued_at:%Y-%m-%d %H:%M}"
