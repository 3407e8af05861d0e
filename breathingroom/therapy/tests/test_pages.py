"""The seat's pages, the emailed link, the notices each partner gets, and what deleting an account does."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from breathingroom.conftest import client_for, page_text
from breathingroom.events.models import Event
from breathingroom.notify.notices import notice_for
from breathingroom.therapy import seats
from breathingroom.therapy.models import Ending, Seat, ShareKind
from breathingroom.therapy.personal_data import therapist_seats
from breathingroom.therapy.tests.seating import invited, seated
from breathingroom.yourdata.deletion import delete_account


def test_invited_on_one_phone_and_approved_on_the_other(alex, sam, couple, dr_lee):
    alex_client, sam_client = client_for(alex), client_for(sam)

    page = page_text(alex_client.get(reverse("therapy:seat")))
    assert "Invite your therapist" in page
    assert "Ask Sam to agree" in page
    response = alex_client.post(reverse("therapy:invite"), {"email": dr_lee.email, "kinds": ["agreement", "cycle"]})
    assert response.status_code == 302
    assert "Waiting for Sam to agree" in page_text(alex_client.get(reverse("accounts:settings")))

    page = page_text(sam_client.get(reverse("therapy:seat")))
    assert f"Alex would like to invite {dr_lee.email} as your couples therapist" in page
    assert "Alex ticks this" in page
    seat = Seat.objects.get()
    response = sam_client.post(reverse("therapy:approve", args=[seat.pk]), {"kinds": ["cycle"]})
    assert response.status_code == 302
    assert Seat.objects.get().shared() == {ShareKind.CYCLE}
    assert f"The invitation went to {dr_lee.email}" in page_text(sam_client.get(reverse("accounts:settings")))


def test_the_invitation_form_says_what_is_wrong(alex, sam, couple):
    response = client_for(alex).post(reverse("therapy:invite"), {"email": "sam@example.com"})

    assert response.status_code == 400
    assert "That is the address of one of you" in page_text(response)


def test_the_emailed_link_leads_a_signed_out_therapist_to_sign_in_and_then_accept(alex, sam, couple, dr_lee):
    key = invited(alex, sam, dr_lee.email)
    browser = Client()

    response = browser.get(reverse("therapy:accept_link", args=[key]))
    assert response["Location"] == reverse("therapy:accept")
    page = page_text(browser.get(reverse("therapy:accept")))
    assert "Alex and Sam invite you" in page
    assert f"sign in or create an account with {dr_lee.email}" in page
    assert key not in page

    browser.force_login(dr_lee)
    response = browser.post(reverse("therapy:accept"))
    assert response["Location"] == reverse("therapy:couple", args=[couple.pk])
    page = page_text(browser.get(response["Location"]))
    assert "Alex and Sam" in page
    assert "Not shared with you." not in page
    assert "Alex and Sam" in page_text(browser.get(reverse("therapy:couples")))
    assert "Your seats as a therapist" in page_text(browser.get(reverse("accounts:settings")))


def test_a_link_used_or_called_back_says_so_calmly(alex, sam, couple, dr_lee, jo):
    key = invited(alex, sam, dr_lee.email)
    browser = client_for(jo)
    browser.get(reverse("therapy:accept_link", args=[key]))

    response = browser.post(reverse("therapy:accept"))
    assert response.status_code == 403
    assert "sent to another address" in page_text(response)

    seats.end(sam)
    page = page_text(browser.get(reverse("therapy:accept")))
    assert "This invitation no longer works" in page


def test_ending_from_settings_closes_the_therapists_page_at_once(alex, sam, couple, dr_lee):
    seated(alex, sam, dr_lee)
    assert "End the seat now" in page_text(client_for(sam).get(reverse("accounts:settings")))

    client_for(sam).post(reverse("therapy:end"))

    assert client_for(dr_lee).get(reverse("therapy:couple", args=[couple.pk])).status_code == 404
    assert "Invite a therapist" in page_text(client_for(alex).get(reverse("accounts:settings")))


def test_the_therapist_can_give_the_seat_back_from_their_page(alex, sam, couple, dr_lee):
    seated(alex, sam, dr_lee)

    response = client_for(dr_lee).post(reverse("therapy:leave", args=[couple.pk]))

    assert response["Location"] == reverse("therapy:couples")
    assert Seat.objects.get().ending == Ending.LEFT


def test_a_therapist_on_the_pairing_pages_is_refused_calmly(alex, sam, couple, dr_lee):
    seated(alex, sam, dr_lee)

    response = client_for(dr_lee).post(reverse("couples:create_invitation"))

    assert response.status_code == 403
    assert "This account is a therapist" in page_text(response)


def notices_for(person) -> list[str]:
    found = []
    for event in Event.objects.filter(recipient=person, type=seats.CHANGED).order_by("seq"):
        notice = notice_for(event, person)
        if notice is not None:
            found.append(notice.title)
    return found


def test_each_partner_is_told_of_the_others_steps_never_their_own(alex, sam, couple, dr_lee):
    seated(alex, sam, dr_lee)
    seats.choose(alex, [ShareKind.AGREEMENT])
    seats.end(alex)

    assert notices_for(sam) == [
        "Alex would like to invite a couples therapist",
        "Dr Lee accepted the therapist's seat",
        "Alex ended the therapist's seat",
    ]
    assert notices_for(alex) == ["Sam agreed to invite your therapist", "Dr Lee accepted the therapist's seat"]


def test_a_deleted_partner_ends_the_seat(alex, sam, couple, dr_lee):
    seated(alex, sam, dr_lee)

    delete_account(sam)

    seat = Seat.objects.get()
    assert seat.ended_at is not None
    assert seats.seats_held_by(dr_lee) == []


def test_a_deleted_therapist_ends_their_seats_and_the_couple_is_told(alex, sam, couple, dr_lee):
    seated(alex, sam, dr_lee)

    delete_account(dr_lee)

    seat = Seat.objects.get()
    assert seat.ending == Ending.LEFT
    assert seat.therapist is None
    assert seat.email == ""
    assert "gave the therapist's seat back" in notices_for(alex)[-1]
    assert seats.seat_of(alex) is None


def test_each_copy_holds_the_seat_as_its_person_saw_it(alex, sam, couple, dr_lee):
    seated(alex, sam, dr_lee, [ShareKind.CYCLE])

    [mine] = therapist_seats(alex)
    assert mine["therapist_email"] == dr_lee.email
    assert mine["you_shared"] == ["cycle"]
    [theirs] = therapist_seats(dr_lee)
    assert theirs["couple"] == "Alex & Sam"


def test_a_therapists_home_is_the_list_of_couples_they_sit_with(
    alex, sam, couple, dr_lee, jo, django_capture_on_commit_callbacks
):
    assert client_for(dr_lee).get("/").status_code == 200  # invited only: not a therapist's account yet
    with django_capture_on_commit_callbacks(execute=True):  # committed, as accepting through a page is
        seated(alex, sam, dr_lee)
    home = client_for(dr_lee).get("/")
    assert home.status_code == 302
    assert home.url == reverse("therapy:couples")
    assert client_for(jo).get("/").status_code == 200  # anyone else without a couple stays on Home
