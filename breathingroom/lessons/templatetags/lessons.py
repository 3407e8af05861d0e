"""A lesson offered where it helps, for other pages to place: ``{% load lessons %}{% lesson_offer "repair" %}``."""

from __future__ import annotations

from typing import Any

from django import template

from breathingroom.accounts.models import Person
from breathingroom.lessons import describe, reading

register = template.Library()


@register.inclusion_tag("lessons/_offer.html", takes_context=True)
def lesson_offer(context: template.Context, slug: str) -> dict[str, Any]:
    """A short line leading to the lesson, saying where the reader is with it; nothing for someone signed out."""
    request = context.get("request")
    person = getattr(request, "user", None)
    if not isinstance(person, Person):
        return {"view": None}
    try:
        return {"view": describe.one(person, slug)}
    except reading.NoSuchLesson:
        # A page naming a lesson that is gone loses the offer, not the page.
        return {"view": None}
