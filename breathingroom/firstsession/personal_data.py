"""The first session: the couple's place in it is theirs together; each side chosen is its chooser's own.

A person's copy holds their own answer and the session as they saw it, never the partner's answer.
Deleting an account removes that person's answer; the partner keeps the session's bare place.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.firstsession.models import FirstSession, Reader, Side
from breathingroom.personal_data import PersonalData, Record, Section


def my_first_session(person: Person) -> list[Record]:
    return [
        {
            "started_at": reader.session.started_at,
            "screen": reader.session.step,
            "put_aside_at": reader.session.skipped_at,
            "finished_at": reader.session.finished_at,
            "the_side_i_tend_to_take": str(Side(reader.side).label) if reader.side else "",
            "chosen_at": reader.side_chosen_at,
        }
        for reader in Reader.objects.filter(person=person).select_related("session").order_by("session__started_at")
    ]


declared = PersonalData(
    sections=[
        Section("first_session", my_first_session, csv=_("your first session together and the side you chose in it.")),
    ],
    own=[Reader],
    shared=[FirstSession],
)
