"""A note from the partner reaching a closed page: by push and by email, as each person chose, never the words,
and after quiet hours rather than in them."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from breathingroom.appreciations import notices, sending
from breathingroom.appreciations.models import Appreciation, NoteKind
from breathingroom.appreciations.tests.conftest import THANKS
from breathingroom.events import presence
from breathingroom.events.models import Event
from breathingroom.notify import delivery
from breathingroom.notify.models import NotificationSettings, PushMode
from breathingroom.notify.notices import notice_for
from breathingroom.notify.tests.conftest import come_due, device_for, part, queued, run_tasks
from breathingroom.notify.tests.test_wishes import quiet_now


def wants_email(person, **wishes) -> None:
    NotificationSettings.objects.update_or_create(
        person=person, defaults={"email_reminders": True, "push": PushMode.OFF, **wishes}
    )


def test_a_closed_phone_is_told_who_sent_kind_words_and_not_the_words(alex, sam, couple, push_service, committed):
    phone = device_for(sam, push_service)
    own = device_for(alex, push_service)
    committed(sending.send, alex, THANKS)
    run_tasks()
    [notice] = push_service.to(phone)
    assert notice == {
        "title": "Alex appreciates you",
        "body": "A few kind words are waiting for you in Breathing Room.",
        "url": "/",
        "tag": "appreciation",
    }
    assert push_service.to(own) == []


def test_we_are_okay_is_said_as_such(alex, sam, couple, push_service, committed):
    phone = device_for(alex, push_service)
    committed(sending.send, sam, "", NoteKind.OKAY)
    run_tasks()
    [notice] = push_service.to(phone)
    assert (notice["title"], notice["body"]) == (
        "Sam says you two are okay",
        "Just so you know. Nothing is needed back.",
    )


def test_a_closed_page_is_emailed_if_email_was_asked_for_with_a_link_and_no_words(
    alex, sam, couple, smtp_inbox, committed, settings
):
    wants_email(sam)
    committed(sending.send, alex, THANKS)
    run_tasks()
    [message] = smtp_inbox.messages
    assert (message["To"], message["Subject"]) == ("sam@example.com", "Alex appreciates you")
    text, html = part(message, "text/plain"), part(message, "text/html")
    for body in (text, html):
        assert settings.SITE_URL + "/" in body
        assert THANKS not in body


def test_no_email_without_asking_or_with_a_page_open(alex, sam, couple, smtp_inbox, committed):
    committed(sending.send, alex, THANKS)
    wants_email(alex)
    presence.opened(alex.pk, "specific.alex-laptop")
    committed(sending.send, sam, THANKS)
    run_tasks()
    assert smtp_inbox.messages == []


def test_a_note_in_quiet_hours_waits_for_them_to_end(alex, sam, couple, push_service, committed):
    wishes = quiet_now(sam, 60, 30)
    phone = device_for(sam, push_service, **wishes)
    committed(sending.send, alex, THANKS)
    run_tasks()
    assert push_service.to(phone) == []
    [later] = queued(delivery.tell)
    end = datetime.combine(timezone.localtime(timezone.now(), sam.zone).date(), wishes["quiet_until"], tzinfo=sam.zone)
    if end < timezone.now():
        end += timedelta(days=1)
    assert later.run_after == end

    # The quiet hours are over: now it is told.
    NotificationSettings.objects.filter(person=sam).update(quiet_from=None, quiet_until=None)
    come_due(later)
    run_tasks()
    assert [n["title"] for n in push_service.to(phone)] == ["Alex appreciates you"]


def test_a_note_read_and_put_away_before_quiet_hours_end_is_not_told_after(alex, sam, couple, push_service, committed):
    phone = device_for(sam, push_service, **quiet_now(sam))
    note = committed(sending.send, alex, THANKS)
    run_tasks()
    sending.put_away(sam, note.id)
    NotificationSettings.objects.filter(person=sam).update(quiet_from=None, quiet_until=None)
    for row in queued(delivery.tell):
        come_due(row)
    run_tasks()
    assert push_service.to(phone) == []


def test_outside_quiet_hours_nothing_waits(alex, sam, couple, push_service, committed):
    device_for(sam, push_service)
    committed(sending.send, alex, THANKS)
    assert len(queued(delivery.tell)) == 1
    run_tasks()
    assert queued(delivery.tell) == []


def test_someone_no_one_can_reach_costs_the_worker_nothing_even_in_quiet_hours(alex, sam, couple, committed):
    NotificationSettings.objects.create(person=sam, **quiet_now(sam))
    committed(sending.send, alex, THANKS)
    assert queued(delivery.tell) == []


def test_the_end_of_quiet_hours_on_the_person_s_own_clock(sam):
    new_york = ZoneInfo("America/New_York")
    wishes = NotificationSettings(person=sam, quiet_from=time(22), quiet_until=time(7))

    def end(year, month, day, hour):
        return notices.quiet_hours_end(wishes, datetime(year, month, day, hour, tzinfo=new_york))

    assert end(2030, 6, 4, 3) == datetime(2030, 6, 4, 7, tzinfo=new_york)
    assert end(2030, 6, 4, 23) == datetime(2030, 6, 5, 7, tzinfo=new_york)
    assert end(2030, 6, 4, 12) is None
    # The night the clocks go forward (10 March 2030): seven in the morning is seven, an hour sooner.
    assert end(2030, 3, 9, 23) == datetime(2030, 3, 10, 11, tzinfo=UTC)
    assert notices.quiet_hours_end(NotificationSettings(person=sam), timezone.now()) is None


def test_a_note_gone_with_its_sender_has_nothing_left_to_tell(alex, sam, couple):
    note = sending.send(alex, THANKS)
    event = Event.objects.get(recipient=sam, type="appreciation.received")
    assert notice_for(event, sam) is not None
    Appreciation.objects.filter(pk=note.pk).delete()
    assert notice_for(event, sam) is None
    event.data = {"appreciation": "not-an-id"}
    assert notice_for(event, sam) is None
