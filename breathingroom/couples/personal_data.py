"""Each couple a person was in, and the invitations they made: a couple stays with the partner who is left."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from breathingroom.accounts.models import Person
from breathingroom.couples.models import Couple, Invitation, Membership
from breathingroom.personal_data import PersonalData, Record, Section, name_of


def couples_of(person: Person) -> list[Couple]:
    return list(Couple.objects.filter(memberships__person=person).prefetch_related("memberships__person"))


def couples(person: Person) -> list[Record]:
    rows = []
    for couple in couples_of(person):
        mine = next(m for m in couple.memberships.all() if m.person_id == person.pk)
        ended_by = None
        if couple.ended_at is not None:
            ended_by = _("you") if couple.ended_by_id == person.pk else name_of(couple.partner_of(person))
        rows.append(
            {
                "couple": str(couple.pk),
                "partner": name_of(couple.partner_of(person)),
                "paired_at": mine.joined_at,
                "ended_at": couple.ended_at,
                "ended_by": ended_by,
            }
        )
    return rows


def invitations(person: Person) -> list[Record]:
    return [
        {
            "code": i.display_code,
            "created_at": i.created_at,
            "expires_at": i.expires_at,
            "used_at": i.used_at,
            "revoked_at": i.revoked_at,
        }
        for i in Invitation.objects.filter(inviter=person).order_by("created_at")
    ]


declared = PersonalData(
    sections=[
        Section(
            "couples",
            couples,
            csv=gettext_lazy("each couple you were in: with whom, when you paired, when and by whom it ended."),
        ),
        Section("invitations", invitations),
    ],
    own=[Membership, Invitation],
    shared=[Couple],
)
