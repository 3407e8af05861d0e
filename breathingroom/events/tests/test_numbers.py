"""Each person's events are numbered 1, 2, 3…: no number skipped, none used twice, none seen early.

A page that has seen number n asks only for what comes after n, so a gap or a number that commits
before a smaller one would make it miss an event for good. The races run on real threads, each with
its own database connection, as changes from two phones and a worker would.
"""

from __future__ import annotations

import random
import threading
import time

import pytest
from django.db import transaction

from breathingroom.accounts.models import Person
from breathingroom.conftest import at_once
from breathingroom.events.models import Cursor, Event
from breathingroom.events.publish import latest_seq, publish

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _own_channel_layer(settings):
    # Events still go out after each commit, to a layer no other test run shares.
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


class RolledBack(Exception):
    pass


def numbers_of(person: Person) -> list[int]:
    return list(Event.objects.filter(recipient=person).order_by("seq").values_list("seq", flat=True))


def committed(recipients: list[Person], type: str = "break.started", **data: object) -> list[Event]:
    with transaction.atomic():
        return publish([p.pk for p in recipients], type, data)


def rolled_back(recipients: list[Person], type: str = "break.started", **data: object) -> None:
    try:
        with transaction.atomic():
            publish([p.pk for p in recipients], type, data)
            raise RolledBack
    except RolledBack:
        pass


# --- One change at a time ----------------------------------------------------------------------


def test_each_recipient_gets_their_own_event_numbered_from_one(alex, sam, jo):
    committed([alex, sam, alex], "break.started", brk="b-1")
    committed([sam], "break.extended", brk="b-1")

    assert numbers_of(alex) == [1]
    assert numbers_of(sam) == [1, 2]
    assert numbers_of(jo) == []
    assert [e.type for e in Event.objects.filter(recipient=sam)] == ["break.started", "break.extended"]
    assert (latest_seq(alex.pk), latest_seq(sam.pk), latest_seq(jo.pk)) == (1, 2, 0)


def test_the_events_are_stored_in_the_changes_own_transaction(alex):
    with transaction.atomic():
        publish([alex.pk], "break.started", {"break": "b-1"})
        # Already there for anything else the change reads, before it commits.
        assert numbers_of(alex) == [1]
    assert Event.objects.get(recipient=alex).data == {"break": "b-1"}


def test_a_rolled_back_change_leaves_no_event_and_uses_no_number(alex, sam):
    committed([alex, sam])
    rolled_back([alex, sam])
    assert numbers_of(alex) == [1]
    assert latest_seq(alex.pk) == 1

    committed([alex])
    assert numbers_of(alex) == [1, 2]
    assert numbers_of(sam) == [1]


def test_a_persons_very_first_event_rolled_back_leaves_them_at_zero(alex):
    rolled_back([alex])
    assert latest_seq(alex.pk) == 0
    assert not Cursor.objects.filter(person=alex).exists()
    committed([alex])
    assert numbers_of(alex) == [1]


def test_a_rolled_back_part_of_a_change_gives_its_number_back(alex):
    with transaction.atomic():
        publish([alex.pk], "break.started", {})
        try:
            with transaction.atomic():
                publish([alex.pk], "break.extended", {})
                raise RolledBack
        except RolledBack:
            pass
        publish([alex.pk], "break.ended", {})
    assert [(e.seq, e.type) for e in Event.objects.filter(recipient=alex)] == [(1, "break.started"), (2, "break.ended")]


def test_an_unknown_type_is_refused_and_uses_no_number(alex):
    with pytest.raises(ValueError, match="Unknown event type"), transaction.atomic():
        publish([alex.pk], "break.exploded", {})
    committed([alex])
    assert numbers_of(alex) == [1]


# --- Changes at the same moment ----------------------------------------------------------------

CHANGES = 10


@pytest.mark.parametrize("attempt", range(2))
def test_changes_at_the_same_moment_number_each_persons_events_1_to_n(alex, sam, attempt):
    outcomes = at_once(*[lambda i=i: committed([alex, sam], brk=f"b-{i}") for i in range(CHANGES)])

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert numbers_of(alex) == list(range(1, CHANGES + 1))
    assert numbers_of(sam) == list(range(1, CHANGES + 1))
    # Both partners' event k is about the same change: one change takes the next number of each.
    alex_order = list(Event.objects.filter(recipient=alex).order_by("seq").values_list("data", flat=True))
    sam_order = list(Event.objects.filter(recipient=sam).order_by("seq").values_list("data", flat=True))
    assert alex_order == sam_order
    assert (latest_seq(alex.pk), latest_seq(sam.pk)) == (CHANGES, CHANGES)


def test_changes_at_the_same_moment_some_rolled_back_leave_no_gaps(alex, sam):
    def change(i: int) -> None:
        with transaction.atomic():
            publish([alex.pk, sam.pk], "break.started", {"brk": f"b-{i}"})
            # Holding the numbers a moment makes the others wait for them, then take them over.
            time.sleep(0.02)
            if i % 3 == 0:
                raise RolledBack

    outcomes = at_once(*[lambda i=i: change(i) for i in range(CHANGES)])

    kept = sum(o is None for o in outcomes)
    assert kept == CHANGES - len(range(0, CHANGES, 3)), outcomes
    assert numbers_of(alex) == list(range(1, kept + 1))
    assert numbers_of(sam) == list(range(1, kept + 1))


def test_a_reader_never_sees_a_number_before_the_ones_below_it(alex, sam):
    """What a page catching up reads is always 1..k: a bigger number never commits first."""
    done = threading.Event()
    seen: list[list[int]] = []

    def change(i: int) -> None:
        with transaction.atomic():
            publish([alex.pk, sam.pk], "break.started", {"brk": f"b-{i}"})
            # A change that goes on working after taking its number: a later one must not overtake it.
            time.sleep(random.uniform(0, 0.03))

    def read() -> None:
        while not done.is_set():
            for person in (alex, sam):
                seen.append(numbers_of(person))

    def changes() -> None:
        try:
            at_once(*[lambda i=i: change(i) for i in range(CHANGES)])
        finally:
            done.set()

    outcomes = at_once(*[read, changes])

    assert outcomes == [None, None], outcomes
    out_of_order = [numbers for numbers in seen if numbers != list(range(1, len(numbers) + 1))]
    assert not out_of_order, out_of_order[:3]
    assert len(seen) > 2
    assert numbers_of(alex) == numbers_of(sam) == list(range(1, CHANGES + 1))


def test_the_first_events_of_two_new_people_at_once_do_not_collide(alex, sam):
    # Neither has a counter yet: both changes create it at the same moment.
    outcomes = at_once(*[lambda: committed([alex, sam]), lambda: committed([sam, alex])])
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert numbers_of(alex) == numbers_of(sam) == [1, 2]
