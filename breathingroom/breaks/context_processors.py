from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from breathingroom.couples.models import Membership


def space(request: HttpRequest) -> dict[str, object]:
    """Whether to show "I need space" in the header: on every page, for anyone with a partner."""

    def paired() -> bool:
        user = request.user
        return bool(
            user.is_authenticated
            and Membership.objects.filter(person=user, left_at__isnull=True, couple__ended_at__isnull=True).exists()
        )

    return {"can_take_space": SimpleLazyObject(paired)}
