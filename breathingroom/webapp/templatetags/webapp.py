from __future__ import annotations

from django import template
from django.utils.crypto import salted_hmac

register = template.Library()


@register.simple_tag(takes_context=True)
def device_holder(context: template.Context) -> str:
    """Who is signed in, as a name that means nothing elsewhere; empty for no one.

    A need for space pressed offline waits on the phone with this beside it, and is sent only from
    a page of the same person: someone else signed in on a shared phone never sends it, or sees it.
    """
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return ""
    return salted_hmac("breathingroom.webapp.device_holder", str(user.pk)).hexdigest()[:32]
