"""Seating a therapist for a test, by the same steps the couple and the therapist take."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils import timezone

from breathingroom.accounts.models import Person
from breathingroom.conftest import PASSWORD
from breathingroom.couples.models import Couple
from breathingroom.notify.models import OutgoingEmail
from breathingroom.therapy import seats
from breathingroom.therapy.models import INVITATION_LIFETIME, Ending, Seat, ShareKind, Therapist

EVERYTHING = tuple(ShareKind.values)
LINK = re.compile(r"/therapist/accept/([\w-]+)/")


def make_therapist(name: str) -> Person:
    """An account for a therapist, before any couple invites them: "Dr Lee" is dr.lee@example.org."""
    email = name.lower().replace(" ", ".") + "@example.org"
    return Person.objects.create_user(email=email, password=PASSWORD, display_name=name, time_zone="Europe/Dublin")


def emailed_key(email: str) -> str:
    """The key in the newest invitation waiting to be emailed to ``email``."""
    for outgoing in OutgoingEmail.objects.order_by("-pk"):
        if email in outgoing.message["to"]:
            found = LINK.search(outgoing.message["body"])
            assert found, outgoing.message["body"]
            return found.group(1)
    raise AssertionError(f"No invitation was emailed to {email}")


def invited(inviter: Person, approver: Person, email: str, kinds: Iterable[str] = EVERYTHING) -> str:
    """Both partners said yes; the emailed key."""
    seat = seats.invite(inviter, email, kinds)
    seats.approve(approver, seat.pk, kinds)
    return emailed_key(email)


def seated(inviter: Person, approver: Person, therapist: Person, kinds: Iterable[str] = EVERYTHING) -> Seat:
    """``therapist`` holds the couple's seat, with ``kinds`` ticked by both partners."""
    return seats.accept(therapist, invited(inviter, approver, therapist.email, kinds))


def held_seat(couple: Couple, therapist: Person, kinds: Iterable[str] = EVERYTHING, *, ended: bool = False) -> Seat:
    """The row ``seated`` ends with, written at once: for tests that try many URLs, not the steps to it."""
    now = timezone.now()
    a, b = couple.partners
    Therapist.objects.get_or_create(person=therapist)
    return Seat.objects.create(
        couple=couple,
        email=therapist.email,
        invited_by=a,
        approved_by=b,
        approved_at=now,
        expires_at=now + INVITATION_LIFETIME,
        therapist=therapist,
        accepted_at=now,
        ended_at=now if ended else None,
        ending=Ending.ENDED if ended else "",
        kinds={str(a.pk): list(kinds), str(b.pk): list(kinds)},
    )
