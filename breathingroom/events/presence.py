"""Whether a person has a page or app open right now, across every app process."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from breathingroom.events.models import Connection

# Pages ping every 25 seconds; a connection not heard from for three of those is gone.
HEARTBEAT_SECONDS = 25
GONE_AFTER = timedelta(seconds=3 * HEARTBEAT_SECONDS)


def opened(person_id: int, channel_name: str) -> None:
    now = timezone.now()
    Connection.objects.update_or_create(
        channel_name=channel_name, defaults={"person_id": person_id, "opened_at": now, "seen_at": now}
    )


def seen_all(sockets: list[tuple[int, str]]) -> None:
    """Mark each (person, channel) as heard from now: one statement for all, however many."""
    now = timezone.now()
    names = [channel_name for _, channel_name in sockets]
    if Connection.objects.filter(channel_name__in=names).update(seen_at=now) == len(set(names)):
        return
    # Some were tidied away while their heartbeat was late: the sockets are still here, so they count again.
    kept = set(Connection.objects.filter(channel_name__in=names).values_list("channel_name", flat=True))
    Connection.objects.bulk_create(
        [
            Connection(channel_name=name, person_id=person_id, opened_at=now, seen_at=now)
            for name, person_id in {name: person_id for person_id, name in sockets}.items()
            if name not in kept
        ],
        ignore_conflicts=True,
    )


def closed(channel_name: str) -> None:
    Connection.objects.filter(channel_name=channel_name).delete()


def has_open_page(person_id: int) -> bool:
    return Connection.objects.filter(person_id=person_id, seen_at__gte=timezone.now() - GONE_AFTER).exists()


def forget_gone() -> int:
    """Remove connections whose process died without saying so."""
    return Connection.objects.filter(seen_at__lt=timezone.now() - GONE_AFTER).delete()[0]
