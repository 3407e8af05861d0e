"""Times are kept in UTC and read in each person's own zone; "until morning" is the taker's morning."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from breathingroom.agreements.models import Terms
from breathingroom.breaks import space
from breathingroom.breaks.models import Break, minutes
from breathingroom.breaks.space import Choice, lengths_offered, minutes_until_morning
from breathingroom.breaks.tests.conftest import REASSURANCE, agree

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def at(zone: ZoneInfo, *parts: int) -> datetime:
    """A wall-clock moment in ``zone``, as UTC."""
    return datetime(*parts, tzinfo=zone).astimezone(UTC)


def someone_in(zone: str) -> SimpleNamespace:
    return SimpleNamespace(time_zone=zone)


# --- Stored in UTC, read in each zone ------------------------------------------------------------


def test_the_time_to_come_back_is_stored_in_utc_whatever_zone_is_active(alex, sam, couple):
    with timezone.override(NEW_YORK):
        before = timezone.now()
        brk = space.take_space(alex, 90, REASSURANCE)

    stored = Break.objects.get(pk=brk.pk).returns_at
    assert stored.utcoffset() == timedelta(0)
    assert before + minutes(90) <= stored <= timezone.now() + minutes(90)
    assert Break.objects.filter(returns_at=stored.astimezone(LONDON)).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT returns_at FROM breaks_break")
        [(raw,)] = cursor.fetchall()
    # SQLite keeps naive UTC; PostgreSQL hands back an aware value in the connection's zone, UTC.
    raw = datetime.fromisoformat(raw) if isinstance(raw, str) else raw
    assert raw.tzinfo is None or raw.utcoffset() == timedelta(0)
    assert raw.replace(tzinfo=UTC) == stored


def test_the_event_carries_the_time_in_utc_for_each_page_to_show_in_its_own_zone(alex, sam, events, committed):
    brk = committed(space.take_space, alex, 90, REASSURANCE)
    returns_at = datetime.fromisoformat(events.last(sam, "break.started")["returns_at"])
    assert returns_at.utcoffset() == timedelta(0)
    assert returns_at == brk.returns_at


# --- Until tomorrow morning ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "now", "expected"),
    [
        pytest.param("Europe/London", at(LONDON, 2026, 6, 10, 22, 0), 10 * 60, id="london-summer-night"),
        pytest.param("America/New_York", at(LONDON, 2026, 6, 10, 22, 0), 15 * 60, id="new-york-same-moment"),
        pytest.param("Europe/London", at(LONDON, 2026, 1, 15, 6, 0), 2 * 60, id="before-morning-is-this-morning"),
        pytest.param("Europe/London", at(LONDON, 2026, 1, 15, 12, 0), 20 * 60, id="midday-is-tomorrow"),
        pytest.param("Europe/London", at(LONDON, 2026, 1, 15, 22, 30, 30), 9 * 60 + 29, id="whole-minutes-only"),
        # Clocks go back at 02:00 on 25 October: 22:00 to 08:00 on the wall is eleven real hours.
        pytest.param("Europe/London", at(LONDON, 2026, 10, 24, 22, 0), 11 * 60, id="london-clocks-go-back"),
        # Clocks go forward at 01:00 on 29 March: only nine real hours that night.
        pytest.param("Europe/London", at(LONDON, 2026, 3, 28, 22, 0), 9 * 60, id="london-clocks-go-forward"),
        pytest.param("America/New_York", at(NEW_YORK, 2026, 10, 31, 22, 0), 11 * 60, id="new-york-clocks-go-back"),
        pytest.param("America/New_York", at(NEW_YORK, 2026, 3, 7, 22, 0), 9 * 60, id="new-york-clocks-go-forward"),
        # 01:30 happens twice that night, an hour apart in real time.
        pytest.param("Europe/London", datetime(2026, 10, 25, 0, 30, tzinfo=UTC), 7 * 60 + 30, id="first-01:30"),
        pytest.param("Europe/London", datetime(2026, 10, 25, 1, 30, tzinfo=UTC), 6 * 60 + 30, id="second-01:30"),
    ],
)
def test_until_morning_is_eight_oclock_in_the_takers_own_zone(zone, now, expected):
    assert minutes_until_morning(someone_in(zone), now) == expected


def test_the_next_morning_is_eight_on_the_wall_clock_either_side_of_a_change():
    london = someone_in("Europe/London")
    assert space.next_morning(london, at(LONDON, 2026, 10, 24, 22, 0)) == datetime(2026, 10, 25, 8, 0, tzinfo=UTC)
    assert space.next_morning(london, at(LONDON, 2026, 3, 28, 22, 0)) == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)


def test_until_morning_for_alex_and_sam_at_the_same_moment(alex, sam):
    now = at(LONDON, 2026, 10, 24, 22, 0)
    assert minutes_until_morning(alex, now) == 11 * 60
    # 17:00 in New York, whose clocks go back a week later.
    assert minutes_until_morning(sam, now) == 15 * 60


@pytest.mark.parametrize(
    ("wall", "expected"),
    [
        ((7, 49), 11),
        ((7, 49, 59), 10),
        # Under ten minutes to eight is too short a break: it means the next morning.
        ((7, 50), 24 * 60 + 10),
        ((7, 55), 24 * 60 + 5),
        ((8, 0), 24 * 60),
    ],
)
def test_morning_is_never_less_than_ten_minutes_away(wall, expected):
    now = at(LONDON, 2026, 1, 15, *wall)
    assert minutes_until_morning(someone_in("Europe/London"), now) == expected


zones = st.sampled_from(
    ["Europe/London", "America/New_York", "Australia/Brisbane", "Asia/Kolkata", "Pacific/Chatham", "UTC"]
)
instants = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC))


@given(zone=zones, now=instants)
def test_until_morning_always_ends_at_eight_on_the_takers_wall_clock(zone, now):
    n = minutes_until_morning(someone_in(zone), now)
    back = (now + timedelta(minutes=n)).astimezone(ZoneInfo(zone))
    a_minute_later = (now + timedelta(minutes=n + 1)).astimezone(ZoneInfo(zone))
    # Whole minutes, rounded down: back at eight or a moment before, never after.
    assert back.time() <= time(8) < a_minute_later.time()
    assert 10 <= n <= 25 * 60 + 10


@pytest.mark.parametrize("zone", ["Europe/London", "America/New_York"])
def test_until_morning_uses_the_real_clock_when_no_moment_is_given(zone):
    expected = minutes_until_morning(someone_in(zone), timezone.now())
    assert minutes_until_morning(someone_in(zone)) in (expected, expected - 1)


# --- What lengths are offered --------------------------------------------------------------------


def test_the_defaults_offer_their_presets_and_until_morning_at_night(alex):
    now = at(LONDON, 2026, 10, 24, 22, 0)
    assert lengths_offered(alex, Terms(), now) == [Choice(m) for m in Terms().presets] + [
        Choice(11 * 60, until_morning=True)
    ]


def test_until_morning_is_offered_only_when_it_fits_the_longest_break(alex):
    night = at(LONDON, 2026, 6, 10, 22, 0)  # ten hours to eight
    assert Choice(600, until_morning=True) in lengths_offered(alex, Terms(longest=600), night)
    assert not any(c.until_morning for c in lengths_offered(alex, Terms(longest=599), night))


def test_until_morning_is_not_offered_when_it_is_shorter_than_the_shortest_break(alex):
    early = at(LONDON, 2026, 6, 10, 7, 30)  # thirty minutes to eight
    assert Choice(30, until_morning=True) in lengths_offered(alex, Terms(), early)
    assert not any(c.until_morning for c in lengths_offered(alex, Terms(shortest=31), early))


def test_until_morning_just_after_eight_is_too_long_for_the_defaults(alex):
    assert not any(c.until_morning for c in lengths_offered(alex, Terms(), at(LONDON, 2026, 6, 10, 7, 55)))
    assert Choice(24 * 60 - 5, until_morning=True) in lengths_offered(alex, Terms(), at(LONDON, 2026, 6, 10, 8, 5))


def test_until_morning_is_offered_only_if_the_agreement_includes_it(alex):
    night = at(LONDON, 2026, 6, 10, 22, 0)
    assert not any(c.until_morning for c in lengths_offered(alex, Terms(until_morning=False), night))


def test_presets_outside_the_range_are_never_offered(alex):
    terms = Terms(shortest=30, longest=90, presets=(20, 30, 60, 120), until_morning=False)
    assert lengths_offered(alex, terms, timezone.now()) == [Choice(30), Choice(60)]


def test_each_partner_is_offered_their_own_morning(alex, sam):
    now = at(LONDON, 2026, 6, 10, 22, 0)
    assert [c.minutes for c in lengths_offered(alex, Terms(), now) if c.until_morning] == [600]
    assert [c.minutes for c in lengths_offered(sam, Terms(), now) if c.until_morning] == [900]


# --- Taking a break until morning ----------------------------------------------------------------

# Zones without daylight saving, an hour or so apart all round the world.
STEADY_ZONES = [
    "Pacific/Pago_Pago",
    "Pacific/Honolulu",
    "America/Phoenix",
    "America/Bogota",
    "America/Sao_Paulo",
    "Atlantic/Cape_Verde",
    "Africa/Abidjan",
    "Africa/Lagos",
    "Africa/Johannesburg",
    "Africa/Nairobi",
    "Asia/Dubai",
    "Asia/Karachi",
    "Asia/Dhaka",
    "Asia/Bangkok",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Brisbane",
    "Pacific/Guadalcanal",
    "Pacific/Tarawa",
    "Pacific/Tongatapu",
    "Pacific/Kiritimati",
]


def where_it_is_midday() -> str:
    """A zone whose clock reads between eleven and three right now, so morning is far off."""
    now = timezone.now()
    return next(z for z in STEADY_ZONES if 11 <= now.astimezone(ZoneInfo(z)).hour < 15)


@pytest.fixture
def any_length(alex, sam, couple) -> None:
    # The widest agreement, so the real clock's morning is always a length it allows.
    agree(alex, sam, shortest=10, longest=48 * 60, presets=(10,))


def test_a_break_until_morning_ends_at_eight_sharp_on_the_takers_clock(alex, any_length):
    brk = space.take_space(alex, None, REASSURANCE, until_morning=True)

    back = brk.returns_at.astimezone(alex.zone)
    assert (back.hour, back.minute, back.second, back.microsecond) == (8, 0, 0, 0)
    assert brk.returns_at == space.next_morning(alex, brk.started_at)
    assert brk.takers.get().minutes == minutes_until_morning(alex, brk.started_at)


def test_a_length_and_until_morning_together_are_refused(alex, any_length):
    with pytest.raises(space.OneLength, match="a number of minutes, or until tomorrow morning"):
        space.take_space(alex, 20, REASSURANCE, until_morning=True)
    assert not Break.objects.exists()


def test_until_morning_is_refused_when_the_agreement_does_not_offer_it(alex, sam, couple):
    agree(alex, sam, until_morning=False)
    with pytest.raises(space.NoUntilMorning):
        space.take_space(alex, None, REASSURANCE, until_morning=True)
    assert not Break.objects.exists()


def test_taking_space_too_until_morning_is_the_partners_own_morning(alex, sam, any_length):
    brk = space.take_space(alex, None, REASSURANCE, until_morning=True)
    joined = space.take_space(sam, None, "Me too", until_morning=True)
    sams = joined.taker(sam)
    assert sams is not None
    assert joined.returns_at == max(brk.returns_at, space.next_morning(sam, sams.joined_at))


def test_until_morning_outside_the_agreement_is_refused_with_the_range(alex, sam, couple):
    alex.time_zone = where_it_is_midday()
    alex.save(update_fields=["time_zone"])
    agree(alex, sam, longest=600)
    with pytest.raises(space.BadLength, match="from 20 minutes to 10 hours"):
        space.take_space(alex, None, REASSURANCE, until_morning=True)
    assert not Break.objects.exists()


def test_a_length_or_until_morning_is_needed(alex, couple):
    with pytest.raises(space.BadLength, match="Choose how long"):
        space.take_space(alex, None, REASSURANCE)


def test_the_fast_clock_makes_until_morning_fast_too(settings, alex, any_length):
    settings.BREAK_MINUTE_SECONDS = 1
    brk = space.take_space(alex, None, REASSURANCE, until_morning=True)
    n = brk.takers.get().minutes
    assert brk.returns_at - brk.started_at == timedelta(seconds=n)


# --- The break clock ------------------------------------------------------------------------------


def test_a_break_minute_is_a_minute(settings):
    assert minutes(20) == timedelta(minutes=20)
    settings.BREAK_MINUTE_SECONDS = 1
    assert minutes(20) == timedelta(seconds=20)


def test_a_faster_break_clock_shortens_every_break(settings, alex, couple):
    settings.BREAK_MINUTE_SECONDS = 1
    brk = space.take_space(alex, 30, REASSURANCE)
    assert brk.returns_at - brk.started_at == timedelta(seconds=30)
    assert brk.length_minutes() == 30
