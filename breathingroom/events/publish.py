"""The one place events are made and sent. Nothing else in the project talks to the channel layer.

An event goes out only once the change that caused it is committed, so no page ever hears of a
break that a rolled-back transaction never started.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.utils import timezone

log = logging.getLogger(__name__)

TYPES = frozenset(
    {
        "break.started",
        "break.extended",
        "break.ended",
        "break.thinking_of_you",
        "reconnection.due",
        "reconnection.updated",
        "break.overdue",
        "agreement.proposed",
        "agreement.accepted",
    }
)


def group_for(person_id: int) -> str:
    return f"person.{person_id}"


def publish(recipient_ids: Iterable[int], type: str, data: dict[str, Any]) -> None:
    """Send ``{"type", "data", "at"}`` to every open page and client of each recipient, after commit."""
    if type not in TYPES:
        raise ValueError(f"Unknown event type {type!r}")
    event = {"type": type, "data": data, "at": timezone.now().isoformat()}
    recipients = sorted(set(recipient_ids))
    transaction.on_commit(lambda: _deliver(recipients, event))


def _deliver(recipients: list[int], event: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    for person_id in recipients:
        try:
            async_to_sync(layer.group_send)(group_for(person_id), {"type": "event.deliver", "event": event})
        except Exception:
            # A layer that is down must not undo or fail the change itself: pages poll and catch up.
            log.warning("Could not send %s to person %s", event["type"], person_id, exc_info=True)
