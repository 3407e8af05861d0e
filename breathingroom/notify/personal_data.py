"""The devices a person turned notifications on for, their notification settings, and emails waiting to go."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.notify.models import NotificationSettings, OutgoingEmail, PushSubscription
from breathingroom.personal_data import PersonalData, Record, Section


def devices(person: Person) -> list[Record]:
    # The push address and keys are left out: they are secrets between this server and the device.
    return [
        {"device": str(d), "created_at": d.created_at, "last_used_at": d.last_used_at}
        for d in PushSubscription.objects.filter(person=person)
    ]


def notification_settings(person: Person) -> Record:
    wishes = NotificationSettings.objects.for_person(person)
    return {
        "push": wishes.push,
        "email_reminders": wishes.email_reminders,
        "quiet_from": wishes.quiet_from.isoformat(timespec="minutes") if wishes.quiet_from else None,
        "quiet_until": wishes.quiet_until.isoformat(timespec="minutes") if wishes.quiet_until else None,
    }


declared = PersonalData(
    sections=[
        Section("devices", devices, csv=_("the devices you turned notifications on for.")),
        Section("notification_settings", notification_settings),
    ],
    # An email waiting for the worker is in no copy: it holds a key that signs in, and is gone within the hour.
    own=[NotificationSettings, PushSubscription, OutgoingEmail],
)
