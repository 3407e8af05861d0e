"""What a page owned by an app below ``couples`` (the settings page) may ask about someone's couple."""

from __future__ import annotations

from django import template

from breathingroom.accounts.models import Person
from breathingroom.couples.models import Couple

register = template.Library()


@register.filter
def has_partner(person: Person) -> bool:
    return bool(person.is_authenticated) and Couple.objects.current_for(person) is not None
