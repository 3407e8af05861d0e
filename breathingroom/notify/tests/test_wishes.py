"""Whom a notice reaches, and when: the person's push mode, open pages, quiet hours, and who acted."""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone

from breathingroom.agreements import proposals
from breathingroom.breaks import reminders, space
from breathingroom.breaks.models import OVERDUE_AFTER
from breathingroom.breaks.tests.conftest import agree, pass_time, proposal, until_reconnecting
from breathingroom.conftest import make_person
from breathingroom.couples import pairing
from breathingroom.events import presence
from breathingroom.events.models import Connection
from breathingroom.notify.models import NotificationSettings, PushMode
from breathingroom.notify.tests.conftest import REASSURANCE, device_for, queued, run_tasks


def quiet_now(person, minutes_before=60, minutes_after=60) -> dict[str, time]:
    """Quiet hours around this very moment, on ``person``'s clock."""
    local = timezone.localtime(timezone.now(), person.zone)
    return {
        "quiet_from": (local - timedelta(minutes=minutes_before)).time().replace(second=0, microsecond=0),
        "quiet_until": (local + timedelta(minutes=minutes_after)).time().replace(second=0, microsecond=0),
    }


# --- Only when away ---------------------------------------------------------------------------------


def test_only_when_away_no_push_while_a_page_is_open(alex, sam, couple, push_service, committed):
    phone = device_for(sam, push_service, PushMode.AWAY)
    presence.opened(sam.pk, "specific.sam-laptop")
    committed(space.take_space, alex, 30, REASSURANCE)
    assert run_tasks() == [[]]
    assert push_service.to(phone) == []


def test_only_when_away_pushes_when_no_page_is_open(alex, sam, couple, push_service, committed):
    phone = device_for(sam, push_service, PushMode.AWAY)
    committed(space.take_space, alex, 30, REASSURANCE)
    run_tasks()
    assert len(push_service.to(phone)) == 1


def test_a_page_that_stopped_answering_does_not_count_as_open(alex, sam, couple, push_service, committed):
    phone = device_for(sam, push_service, PushMode.AWAY)
    presence.opened(sam.pk, "specific.sam-laptop")
    Connection.objects.update(seen_at=timezone.now() - presence.GONE_AFTER - timedelta(seconds=1))
    committed(space.take_space, alex, 30, REASSURANCE)
    run_tasks()
    assert len(push_service.to(phone)) == 1


def test_always_pushes_even_with_a_page_open(alex, sam, couple, push_service, committed):
    phone = device_for(sam, push_service, PushMode.ALWAYS)
    presence.opened(sam.pk, "specific.sam-laptop")
    committed(space.take_space, alex, 30, REASSURANCE)
    run_tasks()
    assert len(push_service.to(phone)) == 1


def test_off_pushes_nothing(alex, sam, couple, push_service, committed):
    phone = device_for(sam, push_service, PushMode.OFF)
    committed(space.take_space, alex, 30, REASSURANCE)
    run_tasks()
    assert push_service.to(phone) == []


def test_someone_with_no_device_and_no_email_costs_the_worker_nothing(alex, sam, couple, committed):
    committed(space.take_space, alex, 30, REASSURANCE)
    assert [row for row in queued() if "notify" in row.task_path] == []


# --- Quiet hours ---------------------------------------------------------------------------------------


def test_nothing_is_pushed_in_quiet_hours(alex, sam, couple, push_service, committed):
    phone = device_for(sam, push_service, **quiet_now(sam))
    committed(space.take_space, alex, 30, REASSURANCE)
    run_tasks()
    assert push_service.to(phone) == []


def test_quiet_hours_are_read_on_the_persons_own_clock(alex, sam, couple, push_service, committed):
    # Quiet now in London is not quiet in New York, five hours behind.
    phone = device_for(sam, push_service, **quiet_now(alex))
    committed(space.take_space, alex, 30, REASSURANCE)
    run_tasks()
    assert len(push_service.to(phone)) == 1


def test_quiet_hours_over_midnight(alex, sam, couple, push_service, committed):
    # From an hour ago until an hour ago minus ten minutes: the window wraps all the way round.
    local = timezone.localtime(timezone.now(), sam.zone)
    start = (local - timedelta(hours=1)).time().replace(second=0, microsecond=0)
    end = (local - timedelta(hours=1, minutes=10)).time().replace(second=0, microsecond=0)
    phone = device_for(sam, push_service, quiet_from=start, quiet_until=end)
    committed(space.take_space, alex, 30, REASSURANCE)
    run_tasks()
    assert push_service.to(phone) == []


def test_the_time_to_come_back_comes_through_quiet_hours_and_lateness_does_not(
    alex, sam, couple, push_service, committed
):
    alex_phone = device_for(alex, push_service, **quiet_now(alex, 120, 120))
    sam_phone = device_for(sam, push_service, **quiet_now(sam, 120, 120))
    brk = until_reconnecting(committed(space.take_space, alex, 30, REASSURANCE))
    committed(reminders.call_back.call, str(brk.id), brk.returns_at.isoformat())
    run_tasks()
    assert [n["title"] for n in push_service.to(alex_phone)] == ["Time to come back together"]
    assert [n["title"] for n in push_service.to(sam_phone)] == ["Time to come back together"]

    brk = pass_time(brk, OVERDUE_AFTER)
    assert committed(reminders.say_overdue.call, str(brk.id), brk.returns_at.isoformat()) is True
    run_tasks()
    assert len(push_service.to(alex_phone)) == len(push_service.to(sam_phone)) == 1


def test_lateness_outside_quiet_hours_is_said_to_each_in_their_own_words(alex, sam, couple, push_service, committed):
    alex_phone, sam_phone = device_for(alex, push_service), device_for(sam, push_service)
    brk = pass_time(committed(space.take_space, alex, 30, REASSURANCE), 30 + OVERDUE_AFTER + 1)
    committed(reminders.say_overdue.call, str(brk.id), brk.returns_at.isoformat())
    run_tasks()
    assert push_service.to(alex_phone)[-1]["title"] == "Sam is waiting for you"
    assert push_service.to(sam_phone)[-1]["title"] == "Alex is not back yet"
    assert REASSURANCE not in push_service.to(sam_phone)[-1]["body"]


# --- The agreement and the couple ----------------------------------------------------------------------


def test_a_proposal_reaches_the_partner_not_the_proposer(alex, sam, couple, push_service, committed):
    alex_phone, sam_phone = device_for(alex, push_service), device_for(sam, push_service)
    committed(proposals.propose, alex, proposal())
    run_tasks()
    [notice] = push_service.to(sam_phone)
    assert notice["title"] == "Alex proposed a Space Agreement"
    assert notice["url"] == "/agreement/"
    assert push_service.to(alex_phone) == []


def test_accepting_is_news_for_open_pages_only(alex, sam, couple, push_service, committed):
    alex_phone = device_for(alex, push_service)
    committed(agree, alex, sam)
    run_tasks()
    assert push_service.to(alex_phone) == []


def test_joining_tells_the_one_who_invited(push_service, committed, db):
    inviter, joiner = make_person("Noor"), make_person("Kim")
    inviter_phone, joiner_phone = device_for(inviter, push_service), device_for(joiner, push_service)
    code = pairing.create_invitation(inviter).code
    committed(pairing.join, joiner, code)
    run_tasks()
    assert [n["title"] for n in push_service.to(inviter_phone)] == ["Kim joined you"]
    assert push_service.to(joiner_phone) == []


def test_leaving_tells_the_other(alex, sam, couple, push_service, committed):
    alex_phone, sam_phone = device_for(alex, push_service), device_for(sam, push_service)
    committed(pairing.leave, alex)
    run_tasks()
    assert [n["title"] for n in push_service.to(sam_phone)] == ["Alex left your couple"]
    assert push_service.to(alex_phone) == []


def test_settings_default_to_when_away_and_no_email(sam):
    wishes = NotificationSettings.objects.for_person(sam)
    assert wishes.push == PushMode.AWAY
    assert wishes.email_reminders is False
    assert wishes._state.adding  # nothing stored until the person changes something
