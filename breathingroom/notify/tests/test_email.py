"""Email reminders, through a real SMTP server on this machine: only when asked for, only the time and lateness."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from breathingroom.breaks import reconnecting, reminders, space
from breathingroom.breaks.models import OVERDUE_AFTER
from breathingroom.breaks.tests.conftest import pass_time, until_reconnecting
from breathingroom.events import presence
from breathingroom.notify.models import NotificationSettings, PushMode
from breathingroom.notify.tests.conftest import REASSURANCE, part, run_tasks
from breathingroom.notify.tests.test_wishes import quiet_now


def wants_email(person, **wishes) -> None:
    NotificationSettings.objects.update_or_create(
        person=person, defaults={"email_reminders": True, "push": PushMode.OFF, **wishes}
    )


def called_back(alex, committed):
    brk = until_reconnecting(committed(space.take_space, alex, 30, REASSURANCE))
    assert committed(reminders.call_back.call, str(brk.id), brk.returns_at.isoformat()) is True
    return brk


def test_the_time_to_come_back_by_email_in_words_and_as_a_page(alex, sam, couple, smtp_inbox, committed, settings):
    wants_email(sam)
    brk = called_back(alex, committed)
    run_tasks()

    [message] = smtp_inbox.messages
    assert message["To"] == "sam@example.com"
    assert message["Subject"] == "Time to come back together"
    link = settings.SITE_URL + reverse("breaks:reconnect", args=[brk.id])
    text, html = part(message, "text/plain"), part(message, "text/html")
    sams_time = timezone.localtime(brk.returns_at, ZoneInfo("America/New_York")).strftime("%H:%M")
    for body in (text, html):
        assert sams_time in body
        assert link in body
        assert settings.SITE_URL + "/notifications/" in body
    assert REASSURANCE not in text + html


def test_lateness_by_email(alex, sam, couple, smtp_inbox, committed):
    wants_email(sam)
    brk = pass_time(called_back(alex, committed), OVERDUE_AFTER)
    committed(reminders.say_overdue.call, str(brk.id), brk.returns_at.isoformat())
    run_tasks()
    assert [m["Subject"] for m in smtp_inbox.messages] == ["Time to come back together", "Alex is not back yet"]


def late_and_asking_more(alex, committed):
    brk = pass_time(called_back(alex, committed), OVERDUE_AFTER)
    return committed(reconnecting.more_minutes, alex, brk.pk, 5).more_until


def test_a_few_more_minutes_by_email_to_the_one_waiting_only(alex, sam, couple, smtp_inbox, committed):
    wants_email(alex)
    wants_email(sam)
    until = late_and_asking_more(alex, committed)
    run_tasks()
    subjects = [(m["To"], m["Subject"]) for m in smtp_inbox.messages]
    assert ("sam@example.com", "Alex needs a few more minutes") in subjects
    assert [to for to, subject in subjects if "few more minutes" in subject] == ["sam@example.com"]
    [message] = [m for m in smtp_inbox.messages if m["Subject"] == "Alex needs a few more minutes"]
    assert timezone.localtime(until, ZoneInfo("America/New_York")).strftime("%H:%M") in part(message, "text/plain")


def test_quiet_hours_hold_a_few_more_minutes_back_as_they_do_lateness(alex, sam, couple, smtp_inbox, committed):
    wants_email(sam, **quiet_now(sam, 120, 120))
    late_and_asking_more(alex, committed)
    run_tasks()
    assert [m["Subject"] for m in smtp_inbox.messages] == ["Time to come back together"]


def test_no_email_unless_asked_for(alex, sam, couple, smtp_inbox, committed):
    NotificationSettings.objects.create(person=sam, email_reminders=False)
    called_back(alex, committed)
    run_tasks()
    assert smtp_inbox.messages == []


def test_no_email_for_taking_space(alex, sam, couple, smtp_inbox, committed):
    wants_email(sam)
    committed(space.take_space, alex, 30, REASSURANCE)
    run_tasks()
    assert smtp_inbox.messages == []


def test_no_email_while_a_page_is_open(alex, sam, couple, smtp_inbox, committed):
    wants_email(sam)
    presence.opened(sam.pk, "specific.sam-laptop")
    called_back(alex, committed)
    run_tasks()
    assert smtp_inbox.messages == []


def test_quiet_hours_let_the_time_through_and_hold_lateness_back(alex, sam, couple, smtp_inbox, committed):
    wants_email(sam, **quiet_now(sam, 120, 120))
    brk = pass_time(called_back(alex, committed), OVERDUE_AFTER)
    committed(reminders.say_overdue.call, str(brk.id), brk.returns_at.isoformat())
    run_tasks()
    assert [m["Subject"] for m in smtp_inbox.messages] == ["Time to come back together"]


def test_a_mail_server_that_is_down_is_tried_again(alex, sam, couple, smtp_inbox, committed, settings):
    from breathingroom.notify import delivery
    from breathingroom.notify.tests.conftest import come_due, queued

    wants_email(sam)
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 9  # nothing listens there
    called_back(alex, committed)
    assert run_tasks() == [["email:later"]]
    [again] = queued(delivery.email_again)

    settings.EMAIL_PORT = port
    come_due(again)
    assert run_tasks() == ["sent"]
    assert len(smtp_inbox.messages) == 1
