"""A person's security log and the devices they signed in on: theirs alone, gone with them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.personal_data import PersonalData, Record, Section
from breathingroom.security.models import KnownDevice, SecurityEvent


def security_log(person: Person) -> list[Record]:
    return [
        {"at": e.at, "kind": e.kind, "what": str(e.get_kind_display()), "device": e.device}
        for e in SecurityEvent.objects.of(person.pk).order_by("at", "pk")
    ]


declared = PersonalData(
    sections=[
        Section(
            "security_log",
            security_log,
            csv=_("your security log: each sign-in and each change to how you sign in, from the last year."),
        ),
    ],
    # Known devices are kept only as hashes of random ids: nothing in them a person could read.
    own=[SecurityEvent, KnownDevice],
)
