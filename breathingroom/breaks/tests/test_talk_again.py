"""After a "not yet": the time to talk again is on Home for both, in a calendar, and calls both back once."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db.models import F
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from icalendar import Calendar

from breathingroom.breaks import personal_data, reconnecting, reminders, space
from breathingroom.breaks import talk_again as talking
from breathingroom.breaks.models import Break, TalkAgain
from breathingroom.breaks.tests.conftest import REASSURANCE, until_reconnecting
from breathingroom.conftest import assert_json, page_text
from breathingroom.housekeeping import run as housekeeping
from breathingroom.notify import delivery
from breathingroom.notify.models import NotificationSettings, PushMode
from breathingroom.notify.tests.conftest import part, run_tasks
from breathingroom.notify.tests.test_wishes import quiet_now
from breathingroom.tests.clocks import as_shown

ALEX_TRIES = "Say the words before I walk out."


def not_yet(alex, sam, *, alex_in: timedelta | None = None, sam_in: timedelta | None = None) -> Break:
    """A break whose reconnection both said was "not yet" repaired, each choosing a time (or none)."""
    brk = until_reconnecting(space.take_space(alex, 30, REASSURANCE))
    reconnecting.check_in(alex, brk.pk, 3)
    reconnecting.name_next_try(alex, brk.pk, ALEX_TRIES)
    now = timezone.now()
    for person, wait in ((alex, alex_in), (sam, sam_in)):
        if wait is None:
            reconnecting.record_outcome(person, brk.pk, "on_time", "repaired")
        else:
            reconnecting.record_outcome(person, brk.pk, "on_time", "not_yet", now + wait)
    return Break.objects.get(pk=brk.pk)


def talk_of(brk: Break) -> TalkAgain:
    return TalkAgain.objects.get(reconnection__brk=brk)


def queued(talk: TalkAgain) -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(
            status=TaskResultStatus.READY,
            task_path=reminders.call_to_talk.module_path,
            args_kwargs__args__0=str(talk.pk),
        )
    )


def come(talk: TalkAgain) -> TalkAgain:
    """Let the time to talk again arrive: it moves into the past."""
    TalkAgain.objects.filter(pk=talk.pk).update(at=F("at") - (talk.at - timezone.now()) - timedelta(seconds=1))
    return TalkAgain.objects.get(pk=talk.pk)


def call(committed, talk: TalkAgain) -> bool:
    return committed(reminders.call_to_talk.call, str(talk.pk), talk.at.isoformat())


@pytest.fixture
def talk(alex, sam, couple) -> TalkAgain:
    return talk_of(not_yet(alex, sam, alex_in=timedelta(hours=2), sam_in=timedelta(hours=5)))


# --- The domain --------------------------------------------------------------------------------


def test_the_later_of_the_chosen_times_is_when_both_talk_again_and_the_call_is_queued_for_it(talk):
    assert talk.at - timezone.now() > timedelta(hours=4, minutes=59)
    [task] = queued(talk)
    assert task.run_after == talk.at


def test_one_view_of_not_yet_is_enough(alex, sam, couple):
    brk = not_yet(alex, sam, alex_in=timedelta(hours=1))
    assert talk_of(brk).at > timezone.now()


def test_without_a_not_yet_there_is_no_time_to_talk_again(alex, sam, couple):
    brk = not_yet(alex, sam)
    assert not TalkAgain.objects.filter(reconnection__brk=brk).exists()


def test_when_the_time_comes_both_are_called_once(alex, sam, talk, events, committed):
    talk = come(talk)
    assert call(committed, talk) is True
    assert call(committed, talk) is False
    for person in (alex, sam):
        assert events.types(person).count("reconnection.talk_again") == 1
        assert events.last(person, "reconnection.talk_again")["break"] == str(talk.reconnection.brk_id)


def test_a_call_woken_before_its_time_says_nothing(alex, talk, events, committed):
    assert call(committed, talk) is False
    assert "reconnection.talk_again" not in events.types(alex)


def test_a_call_whose_task_was_lost_is_said_by_housekeeping_once(alex, sam, talk, events, committed):
    talk = come(talk)
    DBTaskResult.objects.filter(task_path=reminders.call_to_talk.module_path).delete()
    committed(housekeeping)
    committed(housekeeping)
    assert events.types(sam).count("reconnection.talk_again") == 1
    assert talk_of(talk.reconnection.brk).called_at is not None


def test_moving_the_time_calls_at_the_new_time_only_and_raises_the_sequence(alex, sam, talk, events, committed):
    old = talk
    later = timezone.now() + timedelta(days=2)
    moved = committed(talking.move, sam, old.reconnection.brk_id, later)
    assert (moved.at, moved.sequence) == (later, 1)
    [task] = queued(moved)
    assert task.run_after == later
    # The call queued for the old time, had it been picked up already, finds the time moved.
    assert committed(reminders.call_to_talk.call, str(old.pk), old.at.isoformat()) is False
    assert events.last(alex, "reconnection.updated")["talk_again_at"] == later.isoformat()


def test_a_time_too_far_or_past_is_refused(sam, talk):
    for at in (timezone.now() - timedelta(minutes=1), timezone.now() + timedelta(days=15)):
        with pytest.raises(talking.BadTime):
            talking.move(sam, talk.reconnection.brk_id, at)
    assert talk_of(talk.reconnection.brk).sequence == 0


def test_after_we_talked_nobody_is_called(alex, sam, talk, events, committed):
    committed(talking.talked, alex, talk.reconnection.brk_id)
    assert queued(talk) == []
    assert call(committed, come(talk)) is False
    assert "reconnection.talk_again" not in events.types(sam)


def test_another_couple_cannot_reach_it(robin, talk):
    with pytest.raises(space.NoSuchBreak):
        talking.talk_again_of(robin, talk.reconnection.brk_id)


# --- Push and email ----------------------------------------------------------------------------


def test_the_call_comes_by_email_even_in_quiet_hours(alex, sam, talk, committed, smtp_inbox, settings):
    NotificationSettings.objects.create(person=sam, email_reminders=True, push=PushMode.OFF, **quiet_now(sam, 120, 120))
    call(committed, come(talk))
    run_tasks()
    [message] = smtp_inbox.messages
    assert message["To"] == "sam@example.com"
    assert message["Subject"] == "Time to talk again"
    text = part(message, "text/plain")
    assert settings.SITE_URL + f"/space/{talk.reconnection.brk_id}/talk-again/" in text
    assert ALEX_TRIES not in text
    assert REASSURANCE not in text


def test_the_call_may_be_pushed_in_quiet_hours_and_says_the_time_on_each_clock(alex, sam, talk, committed):
    wishes = NotificationSettings(person=sam, push=PushMode.ALWAYS, **quiet_now(sam, 120, 120))
    assert delivery.may_push(wishes, "reconnection.talk_again")
    assert not delivery.may_push(wishes, "break.overdue")
    talk = come(talk)
    [event] = [e for e in call_events(committed, talk) if e.recipient_id == sam.pk]
    notice = delivery.notice_for(event, sam)
    assert notice is not None
    assert notice.title == "Time to talk again"
    assert timezone.localtime(talk.at, ZoneInfo("America/New_York")).strftime("%H:%M") in notice.body


def call_events(committed, talk: TalkAgain):
    from breathingroom.events.models import Event

    call(committed, talk)
    return Event.objects.filter(type="reconnection.talk_again")


def test_a_call_that_was_moved_before_it_reached_a_phone_is_not_pushed(alex, sam, talk, committed):
    talk = come(talk)
    [event] = [e for e in call_events(committed, talk) if e.recipient_id == sam.pk]
    TalkAgain.objects.filter(pk=talk.pk).update(at=timezone.now() + timedelta(hours=1))
    assert delivery.notice_for(event, sam) is None


# --- The calendar ------------------------------------------------------------------------------


def event_in(response) -> dict:
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    return event


def test_the_calendar_file_keeps_its_uid_and_raises_its_sequence_as_the_time_moves(
    alex_client, sam_client, sam, talk, settings
):
    settings.SITE_URL = "https://couple.example.org"
    url = f"/space/{talk.reconnection.brk_id}/talk-again/calendar.ics"
    first = event_in(alex_client.get(url))
    talking.move(sam, talk.reconnection.brk_id, timezone.now() + timedelta(days=1))
    second = event_in(sam_client.get(url))
    assert str(first["uid"]) == str(second["uid"]) == f"talk-again-{talk.reconnection.brk_id}@couple.example.org"
    assert (first["sequence"], second["sequence"]) == (0, 1)
    assert first.decoded("dtstart") == talk.at.replace(microsecond=0)
    assert str(first["summary"]) == "Time to talk again"
    text = alex_client.get(url).content.decode()
    for private in (ALEX_TRIES, REASSURANCE, "Alex", "Sam"):
        assert private not in text


# --- Home and the page -------------------------------------------------------------------------


def test_home_shows_both_the_time_to_talk_again_on_their_own_clock(alex_client, sam_client, talk):
    for client, zone in ((alex_client, "Europe/London"), (sam_client, "America/New_York")):
        home = page_text(client.get("/"))
        assert f"Your time to talk again: <strong>{as_shown(talk.at, zone)}</strong>." in home
        assert f"/space/{talk.reconnection.brk_id}/talk-again/calendar.ics" in home


def test_when_the_time_comes_home_leads_both_to_the_conversation(alex_client, sam_client, talk):
    come(talk)
    for client in (alex_client, sam_client):
        home = page_text(client.get("/"))
        assert "Time to talk again" in home
        assert f'href="/space/{talk.reconnection.brk_id}/talk-again/">Start talking again' in home


def test_the_page_to_start_from_names_what_each_would_try(sam_client, talk):
    page = page_text(sam_client.get(f"/space/{talk.reconnection.brk_id}/talk-again/"))
    assert "Alex said they would try" in page
    assert ALEX_TRIES in page


def test_another_time_is_chosen_on_the_page(sam_client, talk):
    when = timezone.localtime(timezone.now() + timedelta(days=3), ZoneInfo("America/New_York"))
    url = f"/space/{talk.reconnection.brk_id}/talk-again/"
    response = sam_client.post(url + "move/", {"next_talk_at": when.strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 302
    moved = talk_of(talk.reconnection.brk)
    assert moved.at == when.replace(second=0, microsecond=0)
    assert moved.sequence == 1
    refused = sam_client.post(url + "move/", {"next_talk_at": "2001-01-01T10:00"})
    assert refused.status_code == 400
    assert "within the next two weeks" in page_text(refused)


def test_after_we_talked_home_is_calm_again_for_both(alex_client, sam_client, talk):
    come(talk)
    response = sam_client.post(f"/space/{talk.reconnection.brk_id}/talk-again/talked/")
    assert response.status_code == 302
    for client in (alex_client, sam_client):
        assert "data-talk-again" not in page_text(client.get("/"))


# --- The API -------------------------------------------------------------------------------------


def api(talk: TalkAgain, end: str = "") -> str:
    return f"/api/v1/breaks/{talk.reconnection.brk_id}/talk-again{end}"


def test_the_api_tells_the_time_to_talk_again_as_the_page_does(sam_client, talk):
    body = assert_json(sam_client.get(api(talk)), 200)
    # The API says times to the millisecond.
    assert abs(datetime.fromisoformat(body["at"]) - talk.at) < timedelta(milliseconds=1)
    assert (body["sequence"], body["called"], body["talked_at"]) == (0, False, None)
    page, phone = (
        sam_client.get(f"/space/{talk.reconnection.brk_id}/talk-again/calendar.ics"),
        sam_client.get(api(talk, ".ics")),
    )
    assert phone["Content-Type"] == "text/calendar; charset=utf-8"
    assert event_in(phone)["uid"] == event_in(page)["uid"]


def test_the_api_moves_the_time_and_says_we_talked(alex_client, sam_client, talk):
    later = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    moved = assert_json(sam_client.post(api(talk), {"at": later.isoformat()}, content_type="application/json"), 200)
    assert (datetime.fromisoformat(moved["at"]), moved["sequence"]) == (later, 1)
    assert event_in(alex_client.get(api(talk, ".ics")))["sequence"] == 1
    talked = assert_json(alex_client.post(api(talk), {"talked": True}, content_type="application/json"), 200)
    assert talked["talked_at"] is not None
    assert queued(talk) == []


def test_the_api_refuses_a_time_too_far_and_changes_nothing(sam_client, talk):
    far = (timezone.now() + timedelta(days=20)).isoformat()
    refused = assert_json(sam_client.post(api(talk), {"at": far}, content_type="application/json"), 400)
    assert "two weeks" in refused["detail"]
    assert talk_of(talk.reconnection.brk).sequence == 0


def test_a_break_without_a_time_to_talk_again_is_404(alex, sam, alex_client, couple):
    brk = not_yet(alex, sam)
    assert alex_client.get(f"/api/v1/breaks/{brk.id}/talk-again").status_code == 404


def test_a_copy_of_either_partners_data_holds_the_time_to_talk_again(alex, sam, talk):
    for person in (alex, sam):
        [row] = personal_data.reconnections(person)
        assert row["talk_again"] == {"at": talk.at, "called_at": None, "talked_at": None}
