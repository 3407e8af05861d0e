"""Quiet hours: a window on the person's own clock, which may wrap over midnight."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from breathingroom.notify.quiet import is_quiet, within

DAY = 24 * 60 * 60 * 1_000_000


def micros(t: time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


@given(st.times(), st.times(), st.times())
def test_within_is_the_stretch_of_the_clock_from_start_up_to_end(moment, start, end):
    # Walk the clock forward from the start: the moment is inside if it comes before the end does.
    since_start = (micros(moment) - micros(start)) % DAY
    length = (micros(end) - micros(start)) % DAY
    assert within(moment, start, end) == (since_start < length)


@given(st.times(), st.times())
def test_a_window_with_no_length_silences_nothing(moment, start):
    assert not within(moment, start, start)


@given(st.times(), st.times(), st.times())
def test_the_rest_of_the_day_is_the_opposite_window(moment, start, end):
    if start != end:
        assert within(moment, start, end) != within(moment, end, start)


def test_a_night_window_wraps_over_midnight():
    night = (time(22), time(7))
    assert within(time(23, 30), *night)
    assert within(time(0), *night)
    assert within(time(6, 59), *night)
    assert not within(time(7), *night)
    assert not within(time(12), *night)
    assert within(time(22), *night)


def test_quiet_is_read_on_the_persons_clock():
    three_utc = datetime(2025, 7, 1, 3, 0, tzinfo=UTC)
    # 23:00 the evening before in New York (summer time), 04:00 in London.
    assert is_quiet(three_utc, ZoneInfo("America/New_York"), time(22), time(23, 30))
    assert not is_quiet(three_utc, ZoneInfo("Europe/London"), time(22), time(23, 30))
    assert is_quiet(three_utc, ZoneInfo("Europe/London"), time(22), time(7))


def test_daylight_saving_moves_quiet_hours_with_the_wall_clock():
    # 22:30 in New York is 02:30 UTC in summer and 03:30 UTC in winter.
    zone = ZoneInfo("America/New_York")
    assert is_quiet(datetime(2025, 7, 1, 2, 30, tzinfo=UTC), zone, time(22), time(23))
    assert is_quiet(datetime(2025, 1, 15, 3, 30, tzinfo=UTC), zone, time(22), time(23))
    assert not is_quiet(datetime(2025, 1, 15, 2, 30, tzinfo=UTC), zone, time(22), time(23, 0))


def test_no_quiet_hours_means_never_quiet():
    now = datetime(2025, 7, 1, 3, 0, tzinfo=UTC)
    assert not is_quiet(now, ZoneInfo("UTC"), None, None)
    assert not is_quiet(now, ZoneInfo("UTC"), time(1), None)
