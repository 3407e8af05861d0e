"""Home's suggestion of help, for the Home template to place: ``{% load help %}{% help_on_home %}``."""

from __future__ import annotations

from typing import Any

from django import template

from breathingroom.accounts.models import Person
from breathingroom.help import suggestion

register = template.Library()


@register.inclusion_tag("help/_suggestion.html", takes_context=True)
def help_on_home(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    person = request.user
    return {
        "help_due": suggestion.due(person) if isinstance(person, Person) else None,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
