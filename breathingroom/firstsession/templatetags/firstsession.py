"""Home's part about the first session, for the Home template to place: ``{% first_session_on_home %}``."""

from __future__ import annotations

from typing import Any

from django import template

from breathingroom.firstsession.views import offer_context

register = template.Library()


@register.inclusion_tag("firstsession/_offer_part.html", takes_context=True)
def first_session_on_home(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    return {**offer_context(request, context["couple"]), "request": request, "csrf_token": context.get("csrf_token")}
