"""Each figure's arithmetic on a small history whose every number is known."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from breathingroom.agreements.models import Agreement
from breathingroom.insights.figures import NoPartnerYet, insights_for, insights_of
from breathingroom.insights.tests import history
from breathingroom.insights.window import Period, Stride, period_from, week_of


@pytest.fixture
def four_breaks(alex, sam, couple, monday):
    """Four breaks over three weeks; the oldest under an agreement that allowed 90 minutes at most."""
    Agreement.objects.create(couple=couple, version=1, longest=90, accepted_at=monday - timedelta(days=30))
    a = history.a_break(couple, alex, monday, 30, extended=10, back_after=45)
    history.a_break(couple, sam, monday + timedelta(days=2, hours=9), 20, back_after=15, ended_early_after=15)
    c = history.a_break(couple, alex, monday - timedelta(days=7), 60, back_after=100, agreement_version=1)
    history.a_break(couple, sam, monday - timedelta(days=14), 45, back_after=None)
    history.outcomes(a, (alex, "repaired"), (sam, "partly"))
    history.outcomes(c, (alex, "not_yet"))
    return couple


def test_breaks_are_counted_week_by_week_with_the_empty_weeks_too(alex, four_breaks, monday):
    found = insights_for(four_breaks, alex, Period.QUARTER)
    assert found.breaks.by == Stride.WEEK
    assert len(found.breaks.points) == 13
    by_week = {p.start: p.breaks for p in found.breaks.points}
    assert by_week[monday.date()] == 2
    assert by_week[monday.date() - timedelta(weeks=1)] == 1
    assert by_week[monday.date() - timedelta(weeks=2)] == 1
    assert sum(by_week.values()) == found.breaks.total == 4
    assert (
        found.said["breaks"].summary == "4 breaks in the last 3 months: about 0.3 a week; the most in one week was 2."
    )


def test_lengths_compare_the_ask_with_the_agreement_and_with_the_time_apart(alex, four_breaks):
    lengths = insights_for(four_breaks, alex, Period.QUARTER).lengths
    assert lengths.breaks == 4
    assert lengths.asked == pytest.approx((30 + 20 + 60 + 45) / 4)
    # The break nobody marked as back is not measured.
    assert lengths.measured == 3
    assert lengths.took == pytest.approx((45 + 15 + 100) / 3, abs=0.01)
    assert lengths.longer_than_asked == 2
    assert lengths.extended == 1
    # Twenty minutes is the defaults' shortest; the ninety-minute agreement was gone past once.
    assert lengths.asked_shortest == 1
    assert lengths.asked_longest == 0
    assert lengths.beyond_longest == 1


def test_lengths_over_time_average_each_week(alex, four_breaks, monday):
    points = {p.start: p for p in insights_for(four_breaks, alex, Period.QUARTER).lengths.points}
    last_week = points[monday.date()]
    assert (last_week.breaks, last_week.asked) == (2, 25)
    assert last_week.took == pytest.approx(30)
    assert points[monday.date() - timedelta(weeks=2)].took is None


def test_back_exactly_at_the_end_of_the_grace_is_on_time(alex, couple, monday):
    history.a_break(couple, alex, monday, 30, back_after=40)
    history.a_break(couple, alex, monday + timedelta(days=1), 30, back_after=40.1)
    timing = insights_for(couple, alex, Period.QUARTER).on_time
    assert (timing.on_time, timing.late) == (1, 1)


def test_coming_back_on_time_counts_each_partners_own_return(alex, sam, four_breaks):
    timing = insights_for(four_breaks, alex, Period.QUARTER).on_time
    assert [(p.name, p.on_time, p.late, p.not_noted) for p in timing.people] == [("Alex", 1, 1, 0), ("Sam", 1, 0, 1)]
    assert (timing.on_time, timing.late, timing.not_noted, timing.times) == (2, 1, 1, 4)


def test_repairs_count_each_view_by_when_the_break_began(alex, four_breaks, monday):
    repairs = insights_for(four_breaks, alex, Period.QUARTER).repairs
    assert (repairs.repaired, repairs.partly, repairs.not_yet) == (1, 1, 1)
    by_week = {p.start: (p.repaired, p.partly, p.not_yet) for p in repairs.points}
    assert by_week[monday.date()] == (1, 1, 0)
    assert by_week[monday.date() - timedelta(weeks=1)] == (0, 0, 1)


def test_a_partners_view_counts_once_the_break_has_ended(alex, sam, couple, monday):
    open_break = history.a_break(couple, alex, monday, 30, back_after=30, closed=False)
    history.outcomes(open_break, (sam, "repaired"))
    assert insights_for(couple, alex, Period.QUARTER).repairs.repaired == 0
    assert insights_for(couple, sam, Period.QUARTER).repairs.repaired == 1


def test_the_heat_map_counts_by_weekday_and_hour(alex, four_breaks):
    heat = insights_for(four_breaks, alex, Period.QUARTER).heat
    assert heat.rows[0][12] == 3  # Mondays at noon
    assert heat.rows[2][21] == 1  # Wednesday evening
    assert heat.total == 4


def test_the_heat_map_is_on_the_viewers_own_clock(alex, sam, couple, monday):
    alex.time_zone = "Pacific/Auckland"
    alex.save()
    history.a_break(couple, sam, monday, 20, back_after=20)
    for person in (alex, sam):
        there = monday.astimezone(ZoneInfo(person.time_zone))
        rows = insights_for(couple, person, Period.QUARTER).heat.rows
        assert rows[there.weekday()][there.hour] == 1, person.time_zone
    # Noon on a Monday in UTC is already Tuesday in Auckland.
    assert monday.astimezone(ZoneInfo("Pacific/Auckland")).weekday() == 1


def test_body_strength_counts_each_check_in_by_its_strongest_place(alex, sam, couple, monday):
    history.check_in(alex, monday, 4, 7)
    history.check_in(alex, monday + timedelta(hours=1), 3)
    history.check_in(sam, monday, 9, shared_in=couple)
    history.check_in(sam, monday, 1)
    mine, theirs = insights_for(couple, alex, Period.QUARTER).body.lines
    assert (mine.name, mine.mine, mine.check_ins, mine.average) == ("Alex", True, 2, 5)
    assert (theirs.name, theirs.mine, theirs.check_ins, theirs.average) == ("Sam", False, 1, 9)


def test_moves_and_triggers_are_counted_from_what_each_may_see(alex, sam, couple, monday):
    history.episode(couple, monday, (alex, "pursued", "tone", False), (sam, "withdrew", "money", True))
    history.episode(
        couple, monday + timedelta(days=1), (alex, "pursued", "chores", True), (sam, "went_quiet", "money", False)
    )
    history.episode(
        couple, monday + timedelta(days=2), (alex, "criticised", "tone", True), (sam, "withdrew", "late again", True)
    )

    mine, theirs = insights_for(couple, alex, Period.QUARTER).dance
    assert mine.sides == 3
    assert [(m.value, m.words, m.times) for m in mine.moves] == [
        ("pursued", "I went after them", 2),
        ("criticised", "I criticised", 1),
    ]
    assert [(t.value, t.times) for t in mine.triggers] == [("tone", 2), ("chores", 1)]
    assert theirs.sides == 2
    assert [(m.words, m.times) for m in theirs.moves] == [("Withdraws", 2)]
    assert sorted((t.words, t.times) for t in theirs.triggers) == [("Money", 1), ("late again", 1)]

    sams, alexs = insights_for(couple, sam, Period.QUARTER).dance
    assert [(m.value, m.times) for m in sams.moves] == [("withdrew", 2), ("went_quiet", 1)]
    assert alexs.sides == 2
    assert sorted((m.value, m.times) for m in alexs.moves) == [("criticised", 1), ("pursued", 1)]


@pytest.mark.parametrize(
    ("days_ago", "counted_in"),
    [
        (80, {Period.QUARTER, Period.HALF_YEAR, Period.YEAR, Period.ALL}),
        (120, {Period.HALF_YEAR, Period.YEAR, Period.ALL}),
        (300, {Period.YEAR, Period.ALL}),
        (1000, {Period.ALL}),
    ],
    ids=["80 days", "120 days", "300 days", "1000 days"],
)
def test_the_period_chooses_how_far_back(alex, couple, days_ago, counted_in):
    history.a_break(couple, alex, timezone.now() - timedelta(days=days_ago), 20, back_after=20)
    for period in Period:
        assert insights_for(couple, alex, period).breaks.total == (1 if period in counted_in else 0), period


def test_everything_since_the_first_break_goes_by_month_when_it_is_long(alex, couple):
    first = timezone.now() - timedelta(days=1000)
    history.a_break(couple, alex, first, 20, back_after=20)
    found = insights_for(couple, alex, Period.ALL)
    assert found.first == week_of(timezone.localdate(first))
    assert found.breaks.by == Stride.MONTH
    assert found.breaks.points[0].start == found.first.replace(day=1)
    assert found.breaks.points[0].breaks == 1
    assert found.lengths.by == Stride.MONTH


def test_everything_with_nothing_yet_is_this_week(alex, couple):
    found = insights_for(couple, alex, Period.ALL)
    assert found.first == week_of(timezone.localdate())
    assert found.breaks.total == 0
    assert found.said["breaks"].summary.startswith("No breaks since")


@pytest.mark.parametrize("value", ["", None, "2y", "ALL", "6m ", "<script>"], ids=repr)
def test_an_unknown_period_on_a_page_is_the_usual_six_months(value):
    assert period_from(value) == Period.HALF_YEAR


def test_nothing_yet_is_said_calmly(alex, couple):
    said = insights_for(couple, alex).said
    assert said["lengths"].summary == "No lengths to compare yet."
    assert said["on_time"].summary == "No comings back to count yet."
    assert said["body"].summary == "No body check-ins in this time."


def test_someone_without_a_partner_is_told_kindly(jo):
    with pytest.raises(NoPartnerYet):
        insights_of(jo)
