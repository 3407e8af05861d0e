"""What appreciation tests share: what open pages hear, steps run as a request runs them, a push service."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import F

from breathingroom.appreciations.models import Appreciation
from breathingroom.breaks.tests.conftest import committed, events  # noqa: F401 (fixtures)
from breathingroom.notify.tests.conftest import _own_vapid_keys, push_service, vapid_private_key  # noqa: F401

THANKS = "Thank you for making tea this morning. It meant a lot."


def pass_time(delta: timedelta) -> None:
    """Let ``delta`` go by for every note: each was sent that much earlier."""
    Appreciation.objects.update(sent_at=F("sent_at") - delta)
