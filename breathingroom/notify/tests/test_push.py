"""Pushing to a closed phone, through a real (local) push service that checks and decrypts each message."""

from __future__ import annotations

import json
import logging
import time
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from breathingroom.breaks import reconnecting, reminders, space
from breathingroom.breaks.models import OVERDUE_AFTER
from breathingroom.breaks.tests.conftest import pass_time, until_reconnecting
from breathingroom.events.models import Event
from breathingroom.notify import delivery, devices, notices, sending
from breathingroom.notify.models import PushSubscription
from breathingroom.notify.tests.conftest import REASSURANCE, come_due, device_for, queued, run_tasks
from breathingroom.notify.tests.push_service import HANG


def clock(moment, zone: str) -> str:
    return timezone.localtime(moment, ZoneInfo(zone)).strftime("%H:%M")


def test_the_waiting_partner_is_told_the_reassurance_and_the_time_on_their_own_clock(
    alex, sam, couple, push_service, committed
):
    phone = device_for(sam, push_service)
    brk = committed(space.take_space, alex, 30, REASSURANCE)
    assert push_service.requests == []  # nothing is sent in the request itself

    run_tasks()

    [notice] = push_service.to(phone)
    assert notice["title"] == "Alex is taking some space"
    assert f"“{REASSURANCE}”" in notice["body"]
    # Sam lives in New York: the time is Sam's, not the server's and not Alex's.
    assert clock(brk.returns_at, "America/New_York") in notice["body"]
    assert clock(brk.returns_at, "Europe/London") not in notice["body"]
    assert notice["url"] == "/"
    assert notice["tag"] == f"break-{brk.id}"
    assert set(notice) == {"title", "body", "url", "tag"}
    assert PushSubscription.objects.get(endpoint=phone.endpoint).last_used_at is not None


def test_the_message_is_signed_for_the_push_service_and_expires_with_the_break(
    alex, sam, couple, push_service, committed
):
    phone = device_for(sam, push_service)
    committed(space.take_space, alex, 30, REASSURANCE)
    run_tasks()

    [delivered] = push_service.deliveries(phone)
    assert delivered.claims["aud"] == push_service.origin
    assert delivered.claims["sub"].startswith("mailto:breathingroom@")
    assert 29 * 60 <= int(delivered.headers["ttl"]) <= 30 * 60
    assert delivered.headers["urgency"] == "normal"
    assert len(delivered.headers["topic"]) <= 32


def test_no_one_is_pushed_their_own_step(alex, sam, couple, push_service, committed):
    own = device_for(alex, push_service)
    committed(space.take_space, alex, 30, REASSURANCE)
    assert run_tasks() == [[]]
    assert push_service.requests == []
    assert own.path not in push_service.requests


def test_every_device_of_the_person_is_told(alex, sam, couple, push_service, committed):
    phone, laptop = device_for(sam, push_service), device_for(sam, push_service)
    committed(space.take_space, alex, 30, REASSURANCE)
    run_tasks()
    assert len(push_service.to(phone)) == len(push_service.to(laptop)) == 1


def test_a_device_its_push_service_forgot_is_removed(alex, sam, couple, push_service, committed):
    gone, kept = device_for(sam, push_service), device_for(sam, push_service)
    push_service.answer(gone, 410)
    committed(space.take_space, alex, 30, REASSURANCE)

    assert run_tasks() == [["push:gone", "push:sent"]]
    assert list(PushSubscription.objects.filter(person=sam).values_list("endpoint", flat=True)) == [kept.endpoint]
    assert queued() == []


def test_404_also_means_gone(alex, sam, couple, push_service, committed):
    gone = device_for(sam, push_service)
    push_service.answer(gone, 404)
    committed(space.take_space, alex, 30, REASSURANCE)
    run_tasks()
    assert not PushSubscription.objects.filter(person=sam).exists()


def test_a_hanging_push_service_never_holds_up_the_person_taking_space(
    monkeypatch, alex_client, sam, push_service, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(sending, "PUSH_TIMEOUT", 1.5)
    phone = device_for(sam, push_service)
    push_service.answer(phone, HANG)
    alex_client.get("/api/v1/breaks/current")  # the first request of a process loads the URLs

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = alex_client.post(
            "/api/v1/breaks", json.dumps({"minutes": 30, "reassurance": REASSURANCE}), content_type="application/json"
        )
    assert response.status_code == 201
    # Had the request waited for the push service, it would have taken the whole timeout.
    assert time.monotonic() - started < 1.5
    assert push_service.requests == []

    before = timezone.now()
    assert run_tasks() == [["push:later"]]
    [again] = queued(delivery.push_again)
    assert before + timedelta(seconds=29) <= again.run_after <= timezone.now() + timedelta(seconds=31)
    assert again.args_kwargs["args"][2] == 2

    # Half a minute later the service answers again.
    come_due(again)
    assert run_tasks() == ["sent"]
    [notice] = push_service.to(phone)
    assert REASSURANCE in notice["body"]


def test_a_busy_push_service_is_tried_again_later_and_later(alex, sam, couple, push_service, committed):
    phone = device_for(sam, push_service)
    push_service.answer(phone, 503, 429)
    committed(space.take_space, alex, 30, REASSURANCE)

    assert run_tasks() == [["push:later"]]
    [second] = queued(delivery.push_again)
    assert timedelta(seconds=25) < second.run_after - timezone.now() <= timedelta(seconds=30)

    come_due(second)
    assert run_tasks() == ["later"]
    [third] = queued(delivery.push_again)
    assert timedelta(seconds=115) < third.run_after - timezone.now() <= timedelta(minutes=2)
    assert third.args_kwargs["args"][2] == 3

    come_due(third)
    assert run_tasks() == ["sent"]
    assert len(push_service.to(phone)) == 1


def test_after_five_attempts_it_gives_up_and_says_so_without_private_words(
    alex, sam, couple, push_service, committed, caplog
):
    phone = device_for(sam, push_service)
    push_service.answer(phone, *[500] * 5)
    committed(space.take_space, alex, 30, REASSURANCE)

    with caplog.at_level(logging.INFO):
        run_tasks()
        for _ in range(4):
            [row] = queued(delivery.push_again)
            come_due(row)
            run_tasks()

    assert queued() == []
    assert push_service.requests.count(phone.path) == 5
    assert "Gave up pushing break.started" in caplog.text
    assert REASSURANCE not in caplog.text
    assert phone.path not in caplog.text
    assert phone.auth not in caplog.text


def test_someone_else_adding_the_same_address_takes_nothing_from_its_person(
    alex, sam, jo, couple, push_service, committed
):
    phone = device_for(sam, push_service)
    push_service.answer(phone, 503)
    committed(space.take_space, alex, 30, REASSURANCE)
    run_tasks()

    # Jo sends Sam's device's address as his own: he gets a row of his own, and Sam keeps hers.
    devices.subscribe(jo, phone.endpoint, phone.p256dh, phone.auth)
    [row] = queued(delivery.push_again)
    come_due(row)
    assert run_tasks() == ["sent"]
    [notice] = push_service.to(phone)
    assert REASSURANCE in notice["body"]
    assert PushSubscription.objects.filter(endpoint=phone.endpoint).count() == 2
    assert PushSubscription.objects.get(endpoint=phone.endpoint, person=sam).last_used_at is not None


def test_a_retry_after_the_break_is_over_is_not_sent(alex, sam, couple, push_service, committed):
    phone = device_for(sam, push_service)
    push_service.answer(phone, 503)
    brk = committed(space.take_space, alex, 30, REASSURANCE)
    run_tasks()
    until_reconnecting(brk)
    [row] = queued(delivery.push_again)
    come_due(row)
    assert run_tasks() == ["stale"]
    assert push_service.to(phone) == []


def test_at_the_time_both_are_called_to_the_reconnection(alex, sam, couple, push_service, committed):
    alex_phone, sam_phone = device_for(alex, push_service), device_for(sam, push_service)
    brk = until_reconnecting(committed(space.take_space, alex, 30, REASSURANCE))
    run_tasks()  # the start, for Sam

    assert committed(reminders.call_back.call, str(brk.id), brk.returns_at.isoformat()) is True
    run_tasks()

    url = reverse("breaks:reconnect", args=[brk.id])
    for phone, zone in ((alex_phone, "Europe/London"), (sam_phone, "America/New_York")):
        notice = push_service.to(phone)[-1]
        assert notice["title"] == "Time to come back together"
        assert clock(brk.returns_at, zone) in notice["body"]
        assert notice["url"] == url
        assert notice["tag"] == f"break-{brk.id}"
    assert push_service.deliveries(sam_phone)[-1].headers["urgency"] == "high"


@pytest.mark.parametrize("step", ["extend", "take_space_too"])
def test_more_time_and_taking_space_too_reach_the_other_only(step, alex, sam, couple, push_service, committed):
    alex_phone, sam_phone = device_for(alex, push_service), device_for(sam, push_service)
    brk = committed(space.take_space, alex, 30, REASSURANCE)
    run_tasks()
    if step == "extend":
        committed(space.extend, alex, brk.pk, 15, "A little longer, I'm still here.")
    else:
        committed(space.take_space, sam, 30, "Me too, see you soon.")
    run_tasks()
    brk.refresh_from_db()
    if step == "extend":
        [notice] = push_service.to(sam_phone)[1:]
        assert notice["title"] == "Alex needs a little more time"
        assert "A little longer, I'm still here." in notice["body"]
        assert clock(brk.returns_at, "America/New_York") in notice["body"]
        assert push_service.to(alex_phone) == []
    else:
        [notice] = push_service.to(alex_phone)
        assert notice["title"] == "Sam is taking some space too"
        assert "Me too, see you soon." in notice["body"]
        assert clock(brk.returns_at, "Europe/London") in notice["body"]
        assert len(push_service.to(sam_phone)) == 1  # only Alex's start


def test_a_few_more_minutes_asked_late_reach_the_one_waiting_with_the_new_time_on_their_clock(
    alex, sam, couple, push_service, committed
):
    alex_phone, sam_phone = device_for(alex, push_service), device_for(sam, push_service)
    brk = pass_time(committed(space.take_space, alex, 30, REASSURANCE), 30 + OVERDUE_AFTER + 1)
    run_tasks()
    told_sam = len(push_service.to(sam_phone))
    until = committed(reconnecting.more_minutes, alex, brk.pk, 10).more_until
    run_tasks()
    [notice] = push_service.to(sam_phone)[told_sam:]
    assert notice["title"] == "Alex needs a few more minutes"
    # "at 00:05", or "tomorrow at 00:05" just before midnight: worded as the notice words it.
    told = Event.objects.get(recipient=sam, type="reconnection.more_time")
    assert f"Back {notices._clock(until, sam, told.at)}." in notice["body"]
    assert clock(until, "America/New_York") in notice["body"]
    assert notice["url"] == reverse("breaks:reconnect", args=[brk.id])
    assert notice["tag"] == f"break-{brk.id}"
    assert REASSURANCE not in notice["body"]
    # Alex asked; Alex is not told it.
    assert push_service.to(alex_phone) == []


def test_thinking_of_you_reaches_the_one_on_the_break(alex, sam, couple, push_service, committed):
    alex_phone, sam_phone = device_for(alex, push_service), device_for(sam, push_service)
    brk = committed(space.take_space, alex, 30, REASSURANCE)
    committed(space.send_thinking_of_you, sam, brk.pk)
    run_tasks()
    [notice] = push_service.to(alex_phone)
    assert notice["title"] == "Sam is thinking of you"
    assert notice["tag"] == f"thinking-{brk.id}"
    assert len(push_service.to(sam_phone)) == 1  # only the start


def test_ready_early_tells_the_waiting_partner_who_is_ready(alex, sam, couple, push_service, committed):
    alex_phone, sam_phone = device_for(alex, push_service), device_for(sam, push_service)
    brk = committed(space.take_space, alex, 30, REASSURANCE)
    committed(space.ready_to_talk, alex, brk.pk)
    run_tasks()
    notice = push_service.to(sam_phone)[-1]
    assert notice["title"] == "Alex is ready to talk"
    assert notice["url"] == reverse("breaks:reconnect", args=[brk.id])
    assert notice["tag"] == f"break-{brk.id}"
    # Alex said it; Alex is not told it.
    assert push_service.to(alex_phone) == []
