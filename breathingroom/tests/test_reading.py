"""A page that changes nothing reads this person's couple, break and agreement once; a change reads them fresh."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from breathingroom.agreements.models import Agreement
from breathingroom.breaks import space
from breathingroom.breaks.models import Break
from breathingroom.couples.models import Couple, NotPaired
from breathingroom.reading import ReadOnce

pytestmark = pytest.mark.django_db

REASSURANCE = "I love you. Back at seven."


def read_twice(person) -> tuple[int, int, object, object]:
    """Queries for a first and a second look at everything a page asks for, and what each look saw."""

    def look() -> tuple[Couple | None, Break | None, Agreement | None]:
        found = Couple.objects.current_for(person)
        assert found is not None
        return found, Break.objects.current_for(found), Agreement.objects.in_force_for(found)

    with CaptureQueriesContext(connection) as first:
        seen_first = look()
    with CaptureQueriesContext(connection) as second:
        seen_second = look()
    return len(first.captured_queries), len(second.captured_queries), seen_first, seen_second


def through(method: str, person, inside) -> HttpResponse:
    request = getattr(RequestFactory(), method.lower())("/")
    request.user = person
    return ReadOnce(lambda request: inside() or HttpResponse())(request)


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_a_request_that_changes_nothing_reads_each_thing_once(alex, couple, method):
    counted = {}

    def inside():
        counted["first"], counted["second"], _, _ = read_twice(alex)

    through(method, alex, inside)
    assert counted["first"] > 0
    assert counted["second"] == 0


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_a_request_that_may_change_things_reads_them_fresh_every_time(alex, couple, method):
    counted = {}

    def inside():
        counted["first"], counted["second"], _, _ = read_twice(alex)

    through(method, alex, inside)
    assert counted["second"] == counted["first"] > 0


def test_outside_any_request_every_read_goes_to_the_database(alex, couple):
    first, second, _, _ = read_twice(alex)
    assert second == first > 0


def test_nothing_is_kept_from_one_request_to_the_next(alex, couple):
    seen = []
    through("GET", alex, lambda: seen.append(Break.objects.current_for(couple)))
    space.take_space(alex, 20, REASSURANCE)
    through("GET", alex, lambda: seen.append(Break.objects.current_for(couple)))
    assert seen[0] is None
    assert seen[1] is not None


def test_each_person_and_couple_is_kept_apart(alex, sam, couple, robin):
    seen = {}

    def inside():
        for person in (alex, sam, robin):
            seen[person.pk] = Couple.objects.current_for(person)

    through("GET", alex, inside)
    assert seen[alex.pk] == seen[sam.pk] == couple
    assert seen[robin.pk] is not None
    assert seen[robin.pk] != couple


def test_not_paired_is_said_from_what_was_read(alex):
    def inside():
        assert Couple.objects.current_for(alex) is None
        with CaptureQueriesContext(connection) as queries, pytest.raises(NotPaired):
            Couple.objects.of(alex)
        assert len(queries.captured_queries) == 0

    through("GET", alex, inside)
