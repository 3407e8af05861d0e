"""A person's trend: sensible with nothing, with one check-in, and with hundreds over years."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from breathingroom.body import checking_in
from breathingroom.body.chart import HEIGHT, LEFT, RIGHT, TOP, WIDTH, intensity_chart, where_chart
from breathingroom.body.checking_in import Place
from breathingroom.body.models import CheckIn
from breathingroom.body.trend import DAYS_AT_MOST, FEWEST_DAYS, WEEKS_AT_MOST, trend

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2030, 5, 15, 12, 0, tzinfo=LONDON)


def at(person, when: datetime, *places: Place) -> CheckIn:
    kept = checking_in.record(person, list(places) or [Place("chest", "tight", 5)])
    CheckIn.objects.filter(pk=kept.pk).update(created_at=when)
    return kept


def test_nothing_yet_says_so_and_draws_nothing(alex):
    found = trend(alex, NOW)
    assert (found.check_ins, found.points, found.where) == (0, (), ())
    assert found.summary.startswith("No check-ins yet.")
    assert intensity_chart(found) is None
    assert where_chart(found) is None


def test_one_check_in_is_one_dot_and_one_sentence(alex):
    at(alex, NOW - timedelta(hours=2), Place("jaw", "tight", 6), Place("chest", "heavy", 3))
    found = trend(alex, NOW)
    assert found.check_ins == 1
    assert not found.by_week
    assert (found.last - found.first).days == FEWEST_DAYS - 1
    [point] = found.points
    assert (point.start, point.check_ins, point.average, point.lowest, point.highest) == (date(2030, 5, 15), 1, 6, 6, 6)
    assert found.summary == "One check-in, on 15 May, at 6 of 10 at its strongest. Most often: Jaw and face, Chest."
    chart = intensity_chart(found)
    assert chart is not None
    [dot] = chart.dots
    assert dot.title == "15 May: 1 check-in, 6 of 10"
    assert chart.line == f"M{dot.x},{dot.y}"
    assert [t.label for t in chart.days] == ["2 May", "8 May", "15 May"]


def test_days_are_the_persons_own(alex, sam):
    # 23:30 in New York is already tomorrow in London.
    evening = datetime(2030, 5, 14, 23, 30, tzinfo=ZoneInfo("America/New_York"))
    at(sam, evening)
    at(alex, evening)
    assert trend(sam, NOW).points[0].start == date(2030, 5, 14)
    assert trend(alex, NOW).points[0].start == date(2030, 5, 15)


def test_a_days_dot_is_the_average_of_its_strongest_places(alex):
    morning = NOW.replace(hour=8)
    at(alex, morning, Place("chest", "tight", 8), Place("legs", "shaky", 2))
    at(alex, morning.replace(hour=9), Place("throat", "tight", 4))
    [point] = trend(alex, NOW).points
    assert (point.check_ins, point.average, point.lowest, point.highest) == (2, 6, 4, 8)


def test_lately_lower_and_lately_higher(alex, jo):
    for n, strength in enumerate([9, 9, 8, 5, 3, 2]):
        at(alex, NOW - timedelta(days=10 - n), Place("chest", "tight", strength))
        at(jo, NOW - timedelta(days=10 - n), Place("stomach", "hollow", 10 - strength))
    assert ", lately lower." in trend(alex, NOW).summary
    assert ", lately higher." in trend(jo, NOW).summary
    assert trend(alex, NOW).summary.startswith("6 check-ins since 5 May, on average 6 of 10 at their strongest")


def test_hundreds_over_two_years_are_a_year_a_week_at_a_time(alex):
    start = NOW - timedelta(days=730)
    for n in range(400):
        at(alex, start + timedelta(days=n * 730 / 400), Place("chest", "tight", n % 11), Place("jaw", "tight", 1))
    with CaptureQueriesContext(connection) as queries:
        found = trend(alex, NOW)
    assert len(queries) == 2
    assert found.by_week
    assert found.buckets == WEEKS_AT_MOST
    assert found.first.weekday() == 0
    assert len(found.points) <= WEEKS_AT_MOST
    assert found.check_ins == sum(p.check_ins for p in found.points) < 400
    assert [w.region for w in found.where] == ["jaw", "chest"]
    chart = intensity_chart(found)
    assert chart is not None
    assert len(chart.days) == 3
    assert chart.dots[0].title.startswith("Week of ")


def test_six_weeks_are_still_day_by_day_and_seven_are_not(alex, jo):
    at(alex, NOW - timedelta(days=DAYS_AT_MOST - 1))
    at(jo, NOW - timedelta(days=DAYS_AT_MOST))
    assert not trend(alex, NOW).by_week
    assert trend(alex, NOW).buckets == DAYS_AT_MOST
    assert trend(jo, NOW).by_week


def test_a_year_with_nothing_since_says_so(alex):
    at(alex, NOW - timedelta(days=800))
    found = trend(alex, NOW)
    assert (found.check_ins, found.points) == (0, ())
    assert found.summary == "No check-ins in the last year."


@hsettings(max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    days=st.lists(st.integers(min_value=0, max_value=500), min_size=1, max_size=25),
    strengths=st.lists(st.integers(min_value=0, max_value=10), min_size=25, max_size=25),
)
def test_every_mark_lies_inside_the_chart(alex, days, strengths):
    CheckIn.objects.filter(person=alex).delete()
    for day, strength in zip(days, strengths, strict=False):
        at(alex, NOW - timedelta(days=day), Place("chest", "tight", strength))
    found = trend(alex, NOW)
    chart = intensity_chart(found)
    if not found.points:
        assert chart is None
        return
    assert chart is not None
    for dot in chart.dots:
        assert LEFT <= dot.x <= WIDTH - RIGHT
        assert TOP <= dot.high <= dot.y <= dot.low <= HEIGHT
    xs = [dot.x for dot in chart.dots]
    assert xs == sorted(xs)
    bars = where_chart(found)
    assert bars is not None
    assert all(0 < bar.width <= bars.scale for bar in bars.bars)


@pytest.mark.parametrize("count", [1, 7])
def test_the_where_chart_shows_at_most_five_places(alex, count):
    regions = ["head", "jaw", "throat", "chest", "stomach", "belly", "legs"][:count]
    at(alex, NOW, *[Place(r, "tight", 3) for r in regions])
    bars = where_chart(trend(alex, NOW))
    assert bars is not None
    assert len(bars.bars) == min(count, 5)
    assert bars.bars[0].title == "Head: in 1 check-in"
