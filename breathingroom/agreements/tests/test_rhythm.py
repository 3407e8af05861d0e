"""The everyday rhythm: a term like any other, and its times kept on the wall clock, said once, skippable."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from breathingroom.agreements import proposals, rhythm_times
from breathingroom.agreements.models import RhythmOccurrence
from breathingroom.agreements.proposals import InvalidTerms
from breathingroom.agreements.rhythm import MOST_RHYTHM_TIMES, RhythmKind, RhythmTime
from breathingroom.agreements.rhythm_times import NoSuchRhythmTime, remind
from breathingroom.breaks import space
from breathingroom.breaks.tests.conftest import REASSURANCE, agree, proposal
from breathingroom.couples import pairing
from breathingroom.events.models import Event
from breathingroom.notify.notices import notice_for

BERLIN = ZoneInfo("Europe/Berlin")
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)
AFTER_WORK = RhythmTime(days=EVERY_DAY, at=time(18), what="After work: tea together", kind=RhythmKind.TOGETHER)


def berlin(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


def queued() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=remind.module_path).order_by("run_after"))


def just_passed(minutes: int = 2) -> RhythmTime:
    """A time every day, a few minutes ago on London's clock (where alex, who proposes, lives)."""
    moment = timezone.localtime(timezone.now() - timedelta(minutes=minutes), ZoneInfo("Europe/London"))
    return RhythmTime(days=EVERY_DAY, at=moment.time().replace(second=0, microsecond=0), what="Tea together")


def past_moment(agreement):
    """The moment of the agreement's only time that came a little while ago, queued as the worker would."""
    rhythm_times.schedule(agreement, after=timezone.now() - timedelta(hours=1))
    return agreement.occurrences.filter(at__lte=timezone.now(), at__gt=timezone.now() - timedelta(hours=1)).get()


# --- On the wall clock ------------------------------------------------------------------------------


def test_a_time_stays_on_the_wall_clock_across_the_spring_change():
    # Clocks in Berlin went forward on 29 March 2026: 18:00 is 17:00 UTC on Saturday, 16:00 on Sunday.
    saturday = AFTER_WORK.next_at(BERLIN, berlin(2026, 3, 28, 12))
    sunday = AFTER_WORK.next_at(BERLIN, saturday)
    assert saturday == datetime(2026, 3, 28, 17, tzinfo=UTC)
    assert sunday == datetime(2026, 3, 29, 16, tzinfo=UTC)
    assert sunday.astimezone(BERLIN).time() == time(18)


def test_a_time_stays_on_the_wall_clock_across_the_autumn_change():
    saturday = AFTER_WORK.next_at(BERLIN, berlin(2026, 10, 24, 12))
    sunday = AFTER_WORK.next_at(BERLIN, saturday)
    assert sunday - saturday == timedelta(hours=25)
    assert sunday.astimezone(BERLIN).time() == time(18)


def test_a_time_the_spring_change_skips_comes_an_hour_later_and_one_it_repeats_comes_at_the_first():
    night = RhythmTime(days=(6,), at=time(2, 30), what="Night owls")
    assert night.next_at(BERLIN, berlin(2026, 3, 28)).astimezone(BERLIN).time() == time(3, 30)
    assert night.next_at(BERLIN, berlin(2026, 10, 24)) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_only_the_chosen_days_count_and_the_next_is_strictly_later():
    weekends = RhythmTime(days=(5, 6), at=time(10), what="Slow breakfast")
    friday = berlin(2026, 5, 1, 9)  # a Friday
    saturday = weekends.next_at(BERLIN, friday)
    assert saturday.astimezone(BERLIN) == berlin(2026, 5, 2, 10)
    assert weekends.next_at(BERLIN, saturday).astimezone(BERLIN) == berlin(2026, 5, 3, 10)
    assert weekends.next_at(BERLIN, berlin(2026, 5, 3, 10)).astimezone(BERLIN) == berlin(2026, 5, 9, 10)


# --- A term of the agreement --------------------------------------------------------------------------


def test_the_rhythm_is_proposed_and_accepted_like_every_other_term(alex, sam, couple):
    proposed = proposals.propose(alex, proposal(rhythm=(AFTER_WORK,)))
    assert proposals.terms_for(couple).rhythm == ()  # not in force until sam accepts

    proposals.accept(sam, proposed.version)
    terms = proposals.terms_for(couple)
    [kept] = terms.rhythm
    assert (kept.days, kept.at, kept.what, kept.kind) == (EVERY_DAY, time(18), AFTER_WORK.what, "together")
    assert len(kept.key) == 8
    # The proposer's clock, since none was chosen: alex lives in London.
    assert terms.rhythm_zone == "Europe/London"


def test_a_newer_version_replaces_the_rhythm_and_its_reminders(alex, sam, couple, committed):
    first = agree(alex, sam, rhythm=(just_passed(),))
    moment = past_moment(first)
    agree(sam, alex, rhythm=(AFTER_WORK,))

    assert committed(remind.call, first.pk, moment.key, moment.at.isoformat()) is False
    assert not Event.objects.filter(type="rhythm.due").exists()
    # Changing something else carries the rhythm over, times, words and clock alike.
    kept = proposals.terms_for(couple)
    third = proposals.accept(alex, proposals.propose_changes(sam, extensions=2).version)
    assert third.terms().rhythm == kept.rhythm
    assert third.terms().rhythm_zone == "America/New_York"  # sam proposed the version with this rhythm


def test_a_time_keeps_its_key_from_version_to_version_but_never_one_it_did_not_make(alex, sam, couple):
    [first] = agree(alex, sam, rhythm=(AFTER_WORK,)).terms().rhythm
    forged = dataclasses.replace(AFTER_WORK, key="x" * 500)
    [kept, made] = agree(sam, alex, rhythm=(first, forged)).terms().rhythm
    assert kept.key == first.key
    assert len(made.key) == 8
    assert made.key != first.key


def test_a_moment_let_pass_stays_let_pass_when_a_new_version_keeps_its_time(alex, sam, couple, events, committed):
    # Hours ahead, so the moment let pass is never the one happening now (which a new version has no
    # reason to queue again), whatever the hour the test runs at.
    later = RhythmTime(days=EVERY_DAY, at=just_passed(minutes=-180).at, what=AFTER_WORK.what)
    [time_] = agree(alex, sam, rhythm=(later,)).terms().rhythm
    skipped = committed(rhythm_times.skip, sam, time_.key)
    newer = agree(alex, sam, rhythm=(time_,), extensions=2)
    [moment] = rhythm_times.upcoming(couple, alex)
    assert (moment.at, moment.skipped, moment.skipped_by) == (skipped.at, True, sam)
    assert newer.occurrences.get(at=skipped.at).skipped_by == sam
    assert events.types(alex).count("rhythm.skipped") == 1


def test_a_chosen_clock_is_kept_and_a_made_up_one_refused(alex, sam, couple):
    agree(sam, alex, rhythm=(AFTER_WORK,), rhythm_zone="Europe/Berlin")
    assert proposals.terms_for(couple).rhythm_zone == "Europe/Berlin"
    with pytest.raises(InvalidTerms):
        proposals.propose(alex, proposal(rhythm=(AFTER_WORK,), rhythm_zone="Mars/Olympus_Mons"))


@pytest.mark.parametrize(
    "rhythm",
    [
        (AFTER_WORK,) * (MOST_RHYTHM_TIMES + 1),
        (RhythmTime(days=(), at=time(18), what="No day at all"),),
        (RhythmTime(days=(7,), at=time(18), what="An eighth day"),),
        (RhythmTime(days=(1,), at=time(18), what="  \u200b "),),
        (RhythmTime(days=(1,), at=time(18), what="x" * 121),),
        (RhythmTime(days=(1,), at=time(18), what="Tea", kind="always"),),
    ],
)
def test_a_rhythm_out_of_bounds_is_refused_whoever_proposes(alex, couple, rhythm):
    with pytest.raises(InvalidTerms):
        proposals.propose(alex, proposal(rhythm=rhythm))


# --- Reminded once, and the next one queued ---------------------------------------------------------------


def test_accepting_queues_the_next_moment_of_each_time(alex, sam, couple):
    weekends = RhythmTime(days=(5, 6), at=time(10), what="Slow breakfast")
    agreement = agree(alex, sam, rhythm=(AFTER_WORK, weekends))
    london = ZoneInfo("Europe/London")
    expected = sorted(t.next_at(london, timezone.now()) for t in agreement.terms().rhythm)
    assert [row.run_after for row in queued()] == expected
    assert sorted(agreement.occurrences.values_list("at", flat=True)) == expected


def test_the_next_moment_queued_across_the_spring_change_keeps_the_wall_clock(alex, sam, couple):
    agreement = agree(alex, sam, rhythm=(AFTER_WORK,), rhythm_zone="Europe/Berlin")
    # As the task does when Saturday's moment has been said: the next one, after it.
    rhythm_times.schedule(agreement, after=datetime(2026, 3, 28, 17, tzinfo=UTC))
    sunday = datetime(2026, 3, 29, 16, tzinfo=UTC)
    assert agreement.occurrences.filter(at=sunday).exists()
    assert sunday in [row.run_after for row in queued()]


def test_at_the_time_both_are_reminded_once_and_the_next_moment_is_queued(alex, sam, robin, couple, events, committed):
    agreement = agree(alex, sam, rhythm=(just_passed(),))
    moment = past_moment(agreement)

    assert committed(remind.call, agreement.pk, moment.key, moment.at.isoformat()) is True
    for person in (alex, sam):
        assert events.last(person, "rhythm.due") == {
            "rhythm": moment.key,
            "at": moment.at.isoformat(),
            "what": "Tea together",
            "kind": "",
        }
    assert "rhythm.due" not in events.types(robin)
    # Said once, whoever runs it again: the queue, or catch_up.
    assert committed(remind.call, agreement.pk, moment.key, moment.at.isoformat()) is False
    assert committed(rhythm_times.catch_up) == 0
    assert events.types(sam).count("rhythm.due") == 1
    # Only the next moment is queued: the same time tomorrow.
    assert moment.at + timedelta(days=1) in [row.run_after for row in queued()]


def test_a_lost_task_is_caught_up_and_one_long_past_passes_quietly(alex, sam, couple, events, committed):
    agreement = agree(alex, sam, rhythm=(just_passed(),))
    moment = past_moment(agreement)
    DBTaskResult.objects.all().delete()  # the queue lost it
    assert committed(rhythm_times.catch_up) == 1
    assert events.last(alex, "rhythm.due")["at"] == moment.at.isoformat()

    late = agree(alex, sam, rhythm=(just_passed(minutes=40),))
    past_moment(late)
    assert committed(rhythm_times.catch_up) == 0  # forty minutes late is no reminder, only noise
    assert events.types(alex).count("rhythm.due") == 1
    assert late.occurrences.filter(passed_at__isnull=False, reminded=False).exists()
    assert late.occurrences.filter(passed_at__isnull=True, at__gt=timezone.now()).exists()  # the next one


def test_a_task_woken_early_waits_for_its_time(alex, sam, couple, events, committed):
    agree(alex, sam, rhythm=(AFTER_WORK,))
    [row] = queued()
    assert committed(remind.call, *row.args_kwargs["args"]) is False
    assert not Event.objects.filter(type="rhythm.due").exists()


def test_no_reminder_comes_in_the_middle_of_a_break(alex, sam, couple, events, committed):
    agreement = agree(alex, sam, rhythm=(just_passed(),))
    moment = past_moment(agreement)
    space.take_space(sam, 30, REASSURANCE)
    assert committed(remind.call, agreement.pk, moment.key, moment.at.isoformat()) is False
    assert "rhythm.due" not in events.types(alex)


def test_no_reminder_comes_once_the_couple_has_ended(alex, sam, couple, events, committed):
    agreement = agree(alex, sam, rhythm=(just_passed(),))
    moment = past_moment(agreement)
    pairing.leave(alex)
    assert committed(remind.call, agreement.pk, moment.key, moment.at.isoformat()) is False


# --- Skipping one -------------------------------------------------------------------------------------


def test_either_can_skip_the_next_one_the_other_is_told_once_and_no_reminder_goes(alex, sam, couple, events, committed):
    agreement = agree(alex, sam, rhythm=(just_passed(minutes=-1),))  # a minute from now
    [time_] = agreement.terms().rhythm
    skipped = committed(rhythm_times.skip, sam, time_.key)
    assert skipped.skipped_by_me
    assert skipped.at > timezone.now()
    assert events.last(alex, "rhythm.skipped")["by"] == "Sam"
    assert committed(rhythm_times.skip, alex, time_.key).skipped_by == sam  # already let pass: nothing more
    assert events.types(alex).count("rhythm.skipped") == 1

    RhythmOccurrence.objects.filter(pk=agreement.occurrences.get(at=skipped.at).pk).update(
        at=timezone.now() - timedelta(minutes=1)
    )
    moment = agreement.occurrences.get(skipped_by=sam)
    assert committed(remind.call, agreement.pk, moment.key, moment.at.isoformat()) is False
    assert "rhythm.due" not in events.types(alex) + events.types(sam)
    # It is only this one: the next is queued as usual.
    assert agreement.occurrences.filter(passed_at__isnull=True, skipped_at__isnull=True).exists()


def test_skipping_right_after_the_reminder_skips_the_one_happening_now(alex, sam, couple, events, committed):
    agreement = agree(alex, sam, rhythm=(just_passed(),))
    moment = past_moment(agreement)
    committed(remind.call, agreement.pk, moment.key, moment.at.isoformat())
    skipped = committed(rhythm_times.skip, alex, moment.key)
    assert skipped.at == moment.at
    assert skipped.now


def test_what_each_is_told_of_a_skip_on_their_own_clock(alex, sam, couple, events, committed):
    agreement = agree(alex, sam, rhythm=(RhythmTime(days=EVERY_DAY, at=time(20), what="Call before bed"),))
    [time_] = agreement.terms().rhythm
    moment = committed(rhythm_times.skip, alex, time_.key)
    told = Event.objects.get(recipient=sam, type="rhythm.skipped")
    notice = notice_for(told, sam)
    assert notice is not None
    assert notice.title == "Alex is letting this one pass"
    # 20:00 in London is five hours earlier in New York (four for a few weeks a year).
    assert timezone.localtime(moment.at, sam.zone).strftime("%H:%M") in notice.body
    assert "20:00" not in notice.body
    assert notice_for(Event.objects.get(recipient=alex, type="rhythm.skipped"), alex) is None


def test_a_reminder_skipped_before_it_reaches_a_phone_is_not_pushed(alex, sam, couple, committed):
    agreement = agree(alex, sam, rhythm=(just_passed(),))
    moment = past_moment(agreement)
    committed(remind.call, agreement.pk, moment.key, moment.at.isoformat())
    due = Event.objects.get(recipient=sam, type="rhythm.due")
    notice = notice_for(due, sam)
    assert notice is not None
    assert notice.title == "Time for “Tea together”"
    committed(rhythm_times.skip, alex, moment.key)
    assert notice_for(due, sam) is None


def test_a_time_not_in_the_rhythm_in_force_cannot_be_skipped(alex, sam, robin, couple):
    agreement = agree(alex, sam, rhythm=(AFTER_WORK,))
    [time_] = agreement.terms().rhythm
    with pytest.raises(NoSuchRhythmTime):
        rhythm_times.skip(alex, "0badc0de")
    with pytest.raises(NoSuchRhythmTime):
        rhythm_times.skip(robin, time_.key)
    agree(sam, alex, rhythm=())
    with pytest.raises(NoSuchRhythmTime):
        rhythm_times.skip(alex, time_.key)


def test_home_sees_the_soonest_time_and_moments_passed_are_forgotten_after_a_week(alex, sam, couple, committed):
    later = RhythmTime(days=EVERY_DAY, at=just_passed(minutes=-180).at, what="A walk, later")
    agreement = agree(alex, sam, rhythm=(later, just_passed()))
    moment = past_moment(agreement)
    committed(remind.call, agreement.pk, moment.key, moment.at.isoformat())
    [first, second] = rhythm_times.upcoming(couple, sam)
    assert first.now
    assert first.at == moment.at
    assert not first.skipped
    assert second.time.what == "A walk, later"
    assert not second.now

    rhythm_times.forget_old(timezone.now() + timedelta(days=8))
    assert not agreement.occurrences.filter(passed_at__isnull=False).exists()
