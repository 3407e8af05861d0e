"""What a partner's closed page is told of the therapist's seat: each step, by whom, never what is shared.

Decided when it is sent, from the seat itself: the one who took the step is not told of it, and a
step undone by then (an invitation already answered) is still news, since it happened.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _

from breathingroom.accounts.models import Person
from breathingroom.events.models import Event
from breathingroom.notify.notices import NEWS_LIFETIME, Notice, says
from breathingroom.therapy.models import Ending, Seat
from breathingroom.therapy.seats import CHANGED


def _name(seat: Seat, public_id: object) -> str:
    for partner in seat.couple.partners:
        if str(partner.public_id) == str(public_id):
            return partner.display_name
    if seat.therapist is not None and str(seat.therapist.public_id) == str(public_id):
        return seat.therapist.display_name
    return ""


@says(CHANGED, emailed=True)
def seat_changed(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    try:
        seat_id = UUID(str(data.get("seat")))
    except ValueError:
        return None
    seat = (
        Seat.objects.filter(pk=seat_id, couple__memberships__person=recipient)
        .select_related("couple", "therapist")
        .prefetch_related("couple__memberships__person")
        .first()
    )
    step, by = data.get("step"), data.get("by")
    if seat is None or str(recipient.public_id) == str(by) or step == "chosen":
        return None
    name = _name(seat, by)
    if step == "invited":
        title = _("%(name)s would like to invite a couples therapist") % {"name": name}
        body = _("Nothing is sent unless you agree too. Have a look when you are ready.")
    elif step == "approved":
        title = _("%(name)s agreed to invite your therapist") % {"name": name}
        body = _("The invitation is on its way to %(email)s.") % {"email": seat.email}
    elif step == "declined" or (step == "ended" and seat.ending == Ending.DECLINED):
        title = _("%(name)s would rather not invite a therapist now") % {"name": name}
        body = _("Nothing was sent. You can talk it over whenever you are both ready.")
    elif step == "accepted":
        title = _("%(name)s accepted the therapist's seat") % {"name": name}
        body = _("They can now read what you both choose to share. Either of you can end it at any moment.")
    elif step == "ended" and seat.ending == Ending.WITHDRAWN:
        title = _("%(name)s withdrew the invitation to a therapist") % {"name": name}
        body = _("Nothing was sent.")
    elif step == "ended" and seat.ending == Ending.CANCELLED:
        title = _("%(name)s called back the invitation to your therapist") % {"name": name}
        body = _("The link in the email no longer works.")
    elif step == "ended" and seat.ending == Ending.LEFT:
        title = _("%(name)s gave the therapist's seat back") % {"name": name}
        body = _("They no longer see anything of yours.")
    elif step == "ended":
        title = _("%(name)s ended the therapist's seat") % {"name": name} if name else _("The therapist's seat ended")
        body = _("From that moment, nothing of yours is shown to the therapist.")
    else:
        return None
    return Notice(
        title=title,
        body=body,
        url=reverse("therapy:seat"),
        tag=f"therapist-seat-{seat.pk}",
        expires_at=event.at + NEWS_LIFETIME,
    )
