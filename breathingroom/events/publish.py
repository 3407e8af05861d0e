"""The one place events are made, kept and sent. Nothing else talks to the channel layer.

``publish`` stores one row per recipient in the transaction of the change itself, so an event exists
exactly when its change does; anything that must reach a closed phone (push, email) is handed to
the worker in that same transaction. Once it commits, the rows go out live to every open page and
app of each recipient. Whatever fails after the commit loses nothing: a page or app that was
offline asks for what came after the last number it saw and gets exactly that, in order.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from breathingroom.events.models import Cursor, Event
from breathingroom.rows import Row

log = logging.getLogger(__name__)

TYPES = frozenset(
    {
        "break.started",
        "break.extended",
        "break.ended",
        "break.thinking_of_you",
        "reconnection.due",
        "reconnection.updated",
        "reconnection.more_time",
        "reconnection.talk_again",
        "break.overdue",
        "agreement.proposed",
        "agreement.accepted",
        "rhythm.due",
        "rhythm.skipped",
        "couple.joined",
        "couple.left",
        "appreciation.received",
        "check_in.shared",
        "journal.shared",
        "episode.started",
        "episode.side_shared",
        "repair.updated",
        "therapist.seat",
        "report.made",
        "first_session.updated",
    }
)

# Called with the stored events inside the change's own transaction, to hand on what must reach
# phones whose pages are closed: a task queued there exists exactly when its change does, so no
# crash between commit and hand-off can lose it. Set by the notify app so that this module does not
# depend on it.
hand_on_hooks: list[Callable[[list[Event]], None]] = []


# How long the channel layer may take to take a change's events: a hung Redis costs a request a
# second at most, never the change itself.
DELIVER_WITHIN = 1.0


Data = dict[str, Any] | Callable[[int], dict[str, Any]]


def group_for(person_id: int) -> str:
    return f"person.{person_id}"


def publish(recipient_ids: Iterable[int], type: str, data: Data) -> list[Event]:
    """Keep ``{"id", "type", "data", "at"}`` for each recipient now, and send it once committed.

    ``data`` may be a function of the recipient's id, for a change each recipient sees their own way.
    """
    if type not in TYPES:
        raise ValueError(f"Unknown event type {type!r}")
    at = timezone.now()
    events = [
        Event(recipient_id=person_id, seq=_next_seq(person_id), type=type, data=_as_json(data, person_id), at=at)
        for person_id in sorted(set(recipient_ids))
    ]
    Event.objects.bulk_create(events)
    for hook in hand_on_hooks:
        hook(events)
    # Robust: whatever goes wrong in sending live, the change is saved and is answered as saved,
    # and every other change's sending still runs.
    transaction.on_commit(lambda: _deliver(events), robust=True)
    return events


def _as_json(data: Data, person_id: int) -> dict[str, Any]:
    # Ids and moments become their JSON text now, so what goes out live reads exactly as what is
    # read back from the database on catching up.
    as_text = json.dumps(data(person_id) if callable(data) else data, cls=DjangoJSONEncoder)
    return dict(json.loads(as_text))


# Read for every page kept until news, and every page's live part.
_CURSOR = Row(Cursor, "person", fields=["last_seq"])


def latest_seq(person_id: int) -> int:
    """The number of ``person_id``'s newest event (0 before the first): where a fresh page starts."""
    cursor = _CURSOR.get(person_id)
    return cursor.last_seq if cursor is not None else 0


def latest_of(person_ids: Iterable[int]) -> dict[int, int]:
    """``latest_seq`` of each of ``person_ids`` that has had an event, in one query."""
    return dict(Cursor.objects.filter(person_id__in=set(person_ids)).values_list("person_id", "last_seq"))


def missed(person_id: int, after: int, limit: int = 200) -> list[Event]:
    """``person_id``'s events numbered after ``after``, oldest first, at most ``limit``."""
    return list(Event.objects.filter(recipient_id=person_id, seq__gt=after).order_by("seq")[:limit])


def _next_seq(person_id: int) -> int:
    # One statement that both creates the person's counter and moves it on, holding its row until
    # the change commits: another change for the same person waits here, so numbers commit in order.
    table = Cursor._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (person_id, last_seq) VALUES (%s, 1) "  # noqa: S608 (table name is ours)
            f"ON CONFLICT (person_id) DO UPDATE SET last_seq = {table}.last_seq + 1 RETURNING last_seq",
            [person_id],
        )
        return int(cursor.fetchone()[0])


def _deliver(events: list[Event]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return

    async def send_all() -> None:
        sends = [
            layer.group_send(group_for(event.recipient_id), {"type": "event.deliver", "event": event.as_message()})
            for event in events
        ]
        for result in await asyncio.wait_for(asyncio.gather(*sends, return_exceptions=True), DELIVER_WITHIN):
            if isinstance(result, BaseException):
                raise result

    try:
        async_to_sync(send_all)()
    except Exception as error:
        # A layer that is down or hung must neither undo the change nor hold up the request that
        # made it: pages poll, and every client catches up by number.
        log.warning("Could not send %s live (%s); clients will catch up", events[0].type, type(error).__name__)
