"""Home offers notifications once after pairing and once after the first break, and remembers "Not now"."""

from __future__ import annotations

import re

import pytest

from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.models import Repair, Timing
from breathingroom.conftest import client_for, page_text
from breathingroom.notify.models import NotificationSettings, PushMode, PushSubscription
from breathingroom.offers.models import Answer, Moment, NotificationOffer

OFFER = "/notifications/offer/"
TITLE = "Be told when this page is closed?"
AFTER_PAIRING = "When your partner takes space, or it is time to come back"
AFTER_BREAK = "Your first break is behind you."


def home(client) -> str:
    return page_text(client.get("/"))


def end_a_break(alex, sam) -> None:
    brk = space.take_space(alex, 20, "Back soon.")
    space.ready_to_talk(alex, brk.id)
    # The break is over once each partner has said how the coming back went.
    for person in (alex, sam):
        reconnecting.record_outcome(person, brk.id, Timing.ON_TIME, Repair.REPAIRED)


def test_both_partners_are_asked_once_they_are_paired(alex_client, sam_client):
    for client in (alex_client, sam_client):
        page = home(client)
        assert TITLE in page
        assert AFTER_PAIRING in page
        assert 'name="moment" value="paired"' in page
        assert re.search(r'value="yes"[^>]*>Yes, tell me</button>', page)
        assert re.search(r'value="not_now"[^>]*>Not now</button>', page, re.DOTALL)


def test_someone_without_a_partner_is_not_asked_yet(jo_client):
    assert TITLE not in home(jo_client)


def test_not_now_is_remembered_for_the_person_on_every_device(alex, alex_client):
    response = alex_client.post(OFFER, {"moment": "paired", "answer": "not_now"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    page = home(alex_client)
    assert "All right. Notifications are in Settings whenever you want them." in page
    assert TITLE not in page
    # Not a cookie: a fresh browser for the same person is not asked again either.
    assert TITLE not in home(client_for(alex))
    assert NotificationOffer.objects.get(person=alex).answer == Answer.NOT_NOW


def test_not_now_on_the_page_replaces_the_card_with_a_quiet_line(alex_client):
    response = alex_client.post(OFFER, {"moment": "paired", "answer": "not_now"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    text = page_text(response)
    assert TITLE not in text
    assert "Notifications are in Settings whenever you want them." in text
    assert TITLE not in home(alex_client)


def test_answering_leaves_the_partner_still_asked(alex_client, sam_client):
    alex_client.post(OFFER, {"moment": "paired", "answer": "not_now"})
    assert TITLE in home(sam_client)


def test_yes_leads_to_choosing_how_and_is_not_asked_again(alex, alex_client):
    response = alex_client.post(OFFER, {"moment": "paired", "answer": "yes"})
    assert response.status_code == 302
    assert response["Location"] == "/notifications/"
    # Nothing was turned on by saying yes: the person chooses a device or email there.
    assert not PushSubscription.objects.filter(person=alex).exists()
    assert TITLE not in home(alex_client)


@pytest.mark.parametrize("how", ["email", "push"])
def test_someone_already_told_is_never_asked(alex, alex_client, how):
    if how == "email":
        NotificationSettings.objects.create(person=alex, email_reminders=True)
    else:
        PushSubscription.objects.create(person=alex, endpoint="https://push.example.com/x", p256dh="k", auth="a")
    assert TITLE not in home(alex_client)


def test_a_device_with_notifications_switched_off_does_not_count_as_told(alex, alex_client):
    NotificationSettings.objects.create(person=alex, push=PushMode.OFF)
    PushSubscription.objects.create(person=alex, endpoint="https://push.example.com/x", p256dh="k", auth="a")
    assert TITLE in home(alex_client)


def test_never_asked_while_a_break_is_on(alex, alex_client, sam_client):
    space.take_space(alex, 20, "Back soon.")
    assert TITLE not in home(alex_client)
    assert TITLE not in home(sam_client)


def test_asked_again_once_the_first_break_is_over(alex, sam, alex_client, sam_client):
    alex_client.post(OFFER, {"moment": "paired", "answer": "not_now"})
    end_a_break(alex, sam)
    page = home(alex_client)
    assert TITLE in page
    assert AFTER_BREAK in page
    assert 'name="moment" value="first_break_ended"' in page

    alex_client.post(OFFER, {"moment": "first_break_ended", "answer": "not_now"})
    assert TITLE not in home(alex_client)
    # A second break changes nothing: each moment is asked about once.
    end_a_break(alex, sam)
    assert TITLE not in home(alex_client)


def test_one_answer_covers_a_moment_that_passed_unseen(alex, sam, sam_client):
    # Sam never opened Home between pairing and the end of the first break: asked once, not twice.
    end_a_break(alex, sam)
    assert AFTER_BREAK in home(sam_client)
    sam_client.post(OFFER, {"moment": "first_break_ended", "answer": "not_now"})
    assert TITLE not in home(sam_client)
    assert set(NotificationOffer.objects.filter(person=sam).values_list("moment", flat=True)) == set(Moment)


def test_the_card_appears_live_after_the_first_break(alex, sam, alex_client):
    alex_client.post(OFFER, {"moment": "paired", "answer": "not_now"})
    quiet = alex_client.get(OFFER, {"seen": ""})
    assert quiet.status_code == 204
    end_a_break(alex, sam)
    shown = alex_client.get(OFFER, {"seen": ""})
    assert shown.status_code == 200
    assert AFTER_BREAK in page_text(shown)
    assert alex_client.get(OFFER, {"seen": "first_break_ended"}).status_code == 204


def test_answering_twice_changes_nothing(alex, alex_client):
    alex_client.post(OFFER, {"moment": "paired", "answer": "not_now"})
    alex_client.post(OFFER, {"moment": "paired", "answer": "yes"})
    assert NotificationOffer.objects.get(person=alex).answer == Answer.NOT_NOW


def test_an_answer_that_is_not_offered_is_refused(alex, alex_client):
    assert alex_client.post(OFFER, {"moment": "someday", "answer": "not_now"}).status_code == 400
    assert alex_client.post(OFFER, {"moment": "paired", "answer": "maybe"}).status_code == 400
    assert not NotificationOffer.objects.filter(person=alex).exists()


def test_the_offer_takes_only_get_and_post(alex_client):
    assert alex_client.put(OFFER).status_code == 405


def test_a_stranger_is_sent_to_sign_in(client):
    response = client.post(OFFER, {"moment": "paired", "answer": "not_now"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
