from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from breathingroom.couples.models import Couple


def space(request: HttpRequest) -> dict[str, object]:
    """Whether to show "I need space" in the header: on every page, for anyone with a partner."""

    def paired() -> bool:
        user = request.user
        return user.is_authenticated and Couple.objects.current_for(user) is not None

    return {"can_take_space": SimpleLazyObject(paired)}
