"""What the settings page (owned by an app below this one) shows of the therapist's seat."""

from __future__ import annotations

from typing import Any

from django import template

from breathingroom.couples.models import Couple
from breathingroom.therapy import seats
from breathingroom.therapy.describe import describe

register = template.Library()


@register.simple_tag(takes_context=True)
def seat_card(context: dict[str, Any]) -> dict[str, Any]:
    """``therapist``: the person holds seats as a therapist; ``paired``, ``seat``: a partner's couple and its seat."""
    person = context["request"].user
    if not person.is_authenticated:
        return {}
    if seats.is_therapist(person):
        return {"therapist": True}
    couple = Couple.objects.current_for(person)
    if couple is None:
        return {}
    found = seats.open_seat(couple)
    return {"paired": True, "seat": describe(found, person, couple) if found is not None else None}
