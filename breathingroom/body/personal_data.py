"""Body check-ins: private to whoever noticed them, in their copy, gone with them.

A partner's copy holds none of them, not even those shared with them: sharing lets someone see a
check-in for as long as its author chooses, never keep it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.body.models import CheckIn
from breathingroom.personal_data import PersonalData, Record, Section


def body_check_ins(person: Person) -> list[Record]:
    return [
        {
            "at": c.created_at,
            "places": [{"where": s.region, "sensation": s.sensation, "strength": s.intensity} for s in c.places],
            "feelings": c.feelings,
            "feeling_in_my_words": c.own_feeling,
            "need": c.need,
            "heart_rate": c.heart_rate,
            "note": c.note,
            "shared_with_partner_since": c.shared_at,
        }
        for c in CheckIn.objects.written_by(person).with_places().order_by("created_at", "pk")
    ]


declared = PersonalData(
    sections=[Section("body_check_ins", body_check_ins, csv=_("your body check-ins (private to you)."))],
    own=[CheckIn],
)
