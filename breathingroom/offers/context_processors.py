from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from breathingroom.accounts.models import Person
from breathingroom.offers import notifications


def notification_offer(request: HttpRequest) -> dict[str, object]:
    """The moment notifications are offered at on Home, looked up only when a page shows the card."""

    def look_up() -> str:
        user = request.user
        return (notifications.due(user) or "") if isinstance(user, Person) else ""

    return {"notification_offer": SimpleLazyObject(look_up)}
