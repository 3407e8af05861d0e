"""What a closed phone is told when the partner shares a check-in: who, never what.

The notice names only who shared; what they sense waits on the body page, one tap away, and only
while it is still shared. Not by email: an inbox is often shared, and a shared check-in is an
invitation to notice, not news that cannot wait. An unshared or deleted one says nothing.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _

from breathingroom.accounts.models import Person
from breathingroom.body.models import CheckIn
from breathingroom.events.models import Event
from breathingroom.notify.notices import NEWS_LIFETIME, Notice, says


@says("check_in.shared")
def check_in_shared(event: Event, recipient: Person, data: dict[str, Any]) -> Notice | None:
    if data.get("shared") is not True:
        return None
    try:
        check_in_id = UUID(str(data.get("check_in")))
    except ValueError:
        return None
    # Still shared with this very person when the notice goes out; unshared meanwhile, it says nothing.
    check_in = CheckIn.objects.shared_with(recipient).filter(pk=check_in_id).select_related("person").first()
    if check_in is None:
        return None
    return Notice(
        title=_("%(name)s shared what they are sensing") % {"name": check_in.person.display_name},
        body=_("A body check-in, when you have a quiet moment. There is nothing you need to do."),
        url=reverse("body:index"),
        tag=f"check-in-{check_in.pk}",
        expires_at=event.at + NEWS_LIFETIME,
    )
