"""Home's appreciations part, for the Home template to place: ``{% appreciations_on_home %}``."""

from __future__ import annotations

from typing import Any

from django import template

from breathingroom.appreciations.forms import AppreciationForm
from breathingroom.appreciations.home import on_home

register = template.Library()


@register.inclusion_tag("appreciations/_home.html", takes_context=True)
def appreciations_on_home(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    return {
        "appreciations": on_home(request.user, context["couple"]),
        "form": AppreciationForm(),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
