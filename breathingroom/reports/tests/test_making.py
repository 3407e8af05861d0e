"""Making a report, finding it, deleting it, and letting one's own sides in: the domain's rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from breathingroom.couples import pairing
from breathingroom.couples.models import NotPaired
from breathingroom.dance import episodes
from breathingroom.dance.tests.conftest import side
from breathingroom.events.models import Event
from breathingroom.notify.notices import notice_for
from breathingroom.reports import making
from breathingroom.reports.models import InReports, Report, ReportKind

TODAY = date(2025, 3, 31)
ALL = list(ReportKind.values)


def today_of(person) -> date:
    return timezone.localdate(timezone.now(), person.zone)


# --- The period --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preset", "start"),
    [("1m", date(2025, 3, 1)), ("3m", date(2025, 1, 1)), ("6m", date(2024, 10, 1)), ("1y", date(2024, 4, 1))],
)
def test_a_preset_runs_from_the_day_after_that_many_months_ago_to_today(preset, start):
    assert making.preset_period(preset, TODAY) == (start, TODAY)


def test_a_month_before_a_day_a_shorter_month_lacks_is_that_month_s_last_day():
    assert making.months_before(date(2025, 3, 31), 1) == date(2025, 2, 28)
    assert making.months_before(date(2024, 3, 30), 1) == date(2024, 2, 29)
    assert making.months_before(date(2025, 1, 15), 1) == date(2024, 12, 15)


@given(day=st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)), preset=st.sampled_from(making.Preset))
def test_every_preset_is_a_period_a_report_may_cover(day, preset):
    start, end = making.preset_period(preset, day)
    assert start <= end == day
    assert making.Asked(start, end, ("breaks",)).checked(day).start == start


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (date(2025, 3, 2), date(2025, 3, 1), making.BACKWARDS),
        (date(2025, 3, 1), date(2025, 4, 1), making.IN_THE_FUTURE),
        (date(2024, 3, 30), TODAY, making.TOO_LONG),
    ],
    ids=["backwards", "past-today", "over-a-year"],
)
def test_a_period_that_cannot_be_is_refused_calmly(start, end, message):
    with pytest.raises(making.NotMade) as refused:
        making.Asked(start, end, ("breaks",)).checked(TODAY)
    assert refused.value.message == message


def test_a_single_day_and_a_whole_year_ending_today_are_periods():
    assert making.Asked(TODAY, TODAY, ("breaks",)).checked(TODAY)
    assert making.Asked(date(2024, 3, 31), TODAY, ("breaks",)).checked(TODAY)


@pytest.mark.parametrize("kinds", [(), ("breaks", "gossip"), ("journal",)], ids=["none", "one-unknown", "journal"])
def test_a_report_holds_at_least_one_known_kind(kinds):
    with pytest.raises(making.NotMade) as refused:
        making.Asked(TODAY, TODAY, kinds).checked(TODAY)
    assert refused.value.message == making.NO_KINDS


def test_kinds_are_kept_once_each_in_the_list_s_order():
    asked = making.Asked(TODAY, TODAY, ("episodes", "breaks", "episodes", "agreement")).checked(TODAY)
    assert asked.kinds == ("agreement", "breaks", "episodes")


# --- Making, finding, deleting -------------------------------------------------------------------------


def test_either_partner_makes_one_and_the_other_is_told_only_that_it_was_made(alex, sam, couple):
    today = today_of(sam)
    report = making.make(sam, today - timedelta(days=6), today, ["breaks", "agreement"])
    assert (report.couple, report.made_by, report.zone) == (couple, sam, "America/New_York")
    assert report.kinds == ["agreement", "breaks"]
    told = Event.objects.get(recipient=alex, type=making.MADE)
    assert told.data == {"report": str(report.pk), "by": sam.pk}
    assert not Event.objects.filter(recipient=sam, type=making.MADE).exists()
    notice = notice_for(told, alex)
    assert notice.title == "Sam made a report to take to a session"
    assert notice.url == f"/reports/{report.pk}/"
    # A deleted report is no news by the time the notice would go.
    making.delete(alex, report.pk)
    assert notice_for(told, alex) is None


def test_without_a_partner_there_is_no_report(jo):
    with pytest.raises(NotPaired):
        making.make(jo, today_of(jo), today_of(jo), ALL)
    assert not making.of(jo).exists()


def test_both_partners_find_it_and_anyone_else_finds_nothing(alex, sam, couple, robin):
    report = making.make(alex, today_of(alex), today_of(alex), ALL)
    assert making.find(sam, report.pk) == report
    assert list(making.of(sam)) == [report]
    for who, asked in ((robin, report.pk), (alex, "not-an-id"), (alex, "0badc0de-0000-4000-8000-000000000000")):
        with pytest.raises(making.NoSuchReport):
            making.find(who, asked)
    with pytest.raises(making.NoSuchReport):
        making.delete(robin, report.pk)
    making.delete(sam, report.pk)
    assert not Report.objects.exists()


def test_a_couple_that_ended_keeps_no_report_in_reach(alex, sam, couple):
    report = making.make(alex, today_of(alex), today_of(alex), ALL)
    pairing.leave(sam)
    with pytest.raises(making.NoSuchReport):
        making.find(alex, report.pk)


# --- Sides let in ------------------------------------------------------------------------------------


def test_only_a_shared_side_of_one_s_own_can_be_let_in(alex, sam, couple, robin):
    episode = episodes.start(alex)
    side(alex, episode, "withdrew", share=False)
    side(sam, episode, "pursued")
    with pytest.raises(making.NotShared):
        making.let_in(alex, episode.id, True)
    # Sam's side is Sam's to let in: alex letting "their side" in finds only alex's own.
    making.let_in(sam, episode.id, True)
    assert InReports.objects.get().side.person == sam
    with pytest.raises(making.NoSuchSide):
        making.let_in(robin, episode.id, True)
    lone = episodes.start(alex)
    with pytest.raises(making.NoSuchSide):
        making.let_in(sam, lone.id, True)  # no side written there


def test_letting_in_twice_is_once_and_taking_out_is_always_allowed(alex, sam, couple):
    episode = episodes.start(alex)
    side(alex, episode, "withdrew")
    making.let_in(alex, episode.id, True)
    making.let_in(alex, episode.id, True)
    assert InReports.objects.count() == 1
    episodes.unshare_side(alex, episode.id)
    making.let_in(alex, episode.id, False)
    assert not InReports.objects.exists()


def test_choosing_sides_lets_exactly_those_in_and_only_shared_ones_are_offered(alex, sam, couple):
    first, second, private = episodes.start(alex), episodes.start(alex), episodes.start(alex)
    side(alex, first, "withdrew")
    side(alex, second, "went_quiet")
    side(alex, private, "shut_down", share=False)
    assert [s.episode_id for s in making.shareable_sides(alex)] == [private.id, second.id, first.id][1:]
    assert making.choose_sides(alex, [first.id, second.id]) == 2
    assert making.choose_sides(alex, [str(second.id)]) == 1
    assert [s.let_in for s in making.shareable_sides(alex)] == [True, False]
    with pytest.raises(making.NoSuchSide):
        making.choose_sides(alex, [private.id])
    assert making.choose_sides(alex, []) == 0
    assert not InReports.objects.exists()


def test_a_report_stays_with_the_partner_left_and_keeps_nothing_of_who_deleted_their_account(alex, sam, couple):
    from breathingroom.reports import contents, pdf
    from breathingroom.reports.tests.pdftext import text_of
    from breathingroom.yourdata.deletion import delete_account

    episode = episodes.start(alex)
    side(alex, episode, "withdrew", trigger="Lanternleaving")
    side(sam, episode, "pursued", trigger="Harbourstaying")
    making.let_in(alex, episode.id, True)
    making.let_in(sam, episode.id, True)
    report = making.make(alex, today_of(alex), today_of(alex), ALL)
    delete_account(alex)
    kept = Report.objects.get()
    assert kept.made_by is None
    # The couple has ended, so the report is out of reach in the app; its rows say nothing of alex.
    with pytest.raises(making.NoSuchReport):
        making.find(sam, report.pk)
    found = contents.describe(kept, sam)
    assert found.made_by == "a former partner"
    assert "Alex" not in found.names
    assert [s.author for e in found.episodes for s in e.sides] == ["Sam"]
    assert found.cycle is None
    text = text_of(pdf.render(found, compress=False))
    assert "Lanternleaving" not in text
    assert "Harbourstaying" in text
