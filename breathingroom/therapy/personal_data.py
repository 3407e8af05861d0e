"""The therapist's seat: the couple's record of whom they invited, and a therapist's own seats.

A seat is the couple's: each partner's copy lists the seats of their couples and what they ticked,
and a partner who deletes their account leaves it to the other as "a former partner" (their couple,
and so the seat, ended first). A therapist's copy lists the couples they held a seat with; deleting
a therapist's account ends every seat of theirs at once, tells the couples, and leaves them only
that a therapist once held it.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.personal_data import Deletion, PersonalData, Record, Section, name_of
from breathingroom.therapy import seats
from breathingroom.therapy.models import Ending, Seat, Therapist


def therapist_seats(person: Person) -> list[Record]:
    rows: list[Record] = []
    as_partner = (
        Seat.objects.filter(couple__memberships__person=person)
        .select_related("therapist", "invited_by")
        .order_by("invited_at")
    )
    for seat in as_partner:
        rows.append(
            {
                "as": "partner",
                "therapist_email": seat.email,
                "therapist_name": seat.therapist.display_name if seat.therapist else "",
                "invited_by": name_of(seat.invited_by),
                "invited_at": seat.invited_at,
                "approved_at": seat.approved_at,
                "accepted_at": seat.accepted_at,
                "ended_at": seat.ended_at,
                "ending": seat.ending,
                "you_shared": sorted(seat.ticked_by(person)),
            }
        )
    held = Seat.objects.filter(therapist=person).prefetch_related("couple__memberships__person").order_by("accepted_at")
    for seat in held:
        rows.append(
            {
                "as": "therapist",
                "couple": " & ".join(p.display_name for p in seat.couple.partners),
                "accepted_at": seat.accepted_at,
                "ended_at": seat.ended_at,
                "ending": seat.ending,
            }
        )
    return rows


def erase(deletion: Deletion) -> None:
    person = deletion.person
    now = timezone.now()
    with transaction.atomic():
        # A partner's couple has ended already; its seat, at whatever stage, ends with it.
        Seat.objects.open().filter(couple_id__in=deletion.couple_ids).update(
            ended_at=now, ended_by=person, ending=Ending.ENDED, key_hash=""
        )
        for seat in Seat.objects.held_by(person):
            seats.leave(person, seat.couple_id)
        # The couple keeps that a therapist once held the seat, not who: the address goes with the account.
        Seat.objects.filter(therapist=person).update(email="")


declared = PersonalData(
    sections=[
        Section(
            "therapist_seats",
            therapist_seats,
            csv=_("the therapists your couple invited, and the couples you held a seat with as a therapist."),
        )
    ],
    own=[Therapist],
    shared=[Seat],
    erase=erase,
)
