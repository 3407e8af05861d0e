"""The seat's steps in the domain: both partners say yes, the therapist accepts, either partner ends it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from breathingroom.conftest import make_person
from breathingroom.couples import pairing
from breathingroom.couples.models import Invitation
from breathingroom.events.models import Event
from breathingroom.notify.models import OutgoingEmail
from breathingroom.notify.tests.conftest import part, run_tasks
from breathingroom.security.models import Kind as LogKind
from breathingroom.security.models import SecurityEvent
from breathingroom.therapy import seats
from breathingroom.therapy.models import INVITATION_LIFETIME, Ending, Seat, ShareKind, Therapist
from breathingroom.therapy.tests.seating import LINK, emailed_key, invited, make_therapist, seated


def steps_told(person) -> list[str]:
    return [e.data["step"] for e in Event.objects.filter(recipient=person, type=seats.CHANGED).order_by("seq")]


def test_an_invitation_waits_for_the_other_partners_yes_and_nothing_is_sent(alex, sam, couple):
    seat = seats.invite(alex, "dr.lee@example.org", [ShareKind.AGREEMENT])

    assert seat.is_waiting
    assert OutgoingEmail.objects.count() == 0
    assert steps_told(sam) == ["invited"]
    assert seats.seat_of(sam) == seat


def test_the_email_goes_once_the_other_partner_approves_through_a_real_mail_server(alex, sam, couple, smtp_inbox):
    seat = seats.invite(alex, "dr.lee@example.org", [ShareKind.AGREEMENT])
    seats.approve(sam, seat.pk, [ShareKind.AGREEMENT, ShareKind.BREAKS])

    assert run_tasks() == ["sent"]
    [message] = smtp_inbox.messages
    assert message["To"] == "dr.lee@example.org"
    assert message["Subject"] == "Alex and Sam invite you to their therapist's seat"
    text = part(message, "text/plain")
    assert "/therapist/accept/" in text
    assert "within 7 days" in text
    seat.refresh_from_db()
    assert seat.is_sent
    # Only a hash of the key is kept.
    key = LINK.search(text).group(1)
    assert seat.key_hash == seats.hash_of(key)
    assert key not in seat.key_hash
    assert steps_told(alex) == ["invited", "approved"]


def test_a_partner_cannot_approve_their_own_invitation(alex, sam, couple):
    seat = seats.invite(alex, "dr.lee@example.org")

    with pytest.raises(seats.OwnInvitation):
        seats.approve(alex, seat.pk)
    assert OutgoingEmail.objects.count() == 0


def test_the_other_partner_can_decline_and_nothing_is_ever_sent(alex, sam, couple):
    seat = seats.invite(alex, "dr.lee@example.org")

    seats.decline(sam, seat.pk)

    seat.refresh_from_db()
    assert seat.ending == Ending.DECLINED
    assert OutgoingEmail.objects.count() == 0
    assert seats.seat_of(alex) is None
    with pytest.raises(seats.AlreadyAnswered):
        seats.approve(sam, seat.pk)


def test_someone_outside_the_couple_cannot_approve_it(alex, sam, couple, robin):
    seat = seats.invite(alex, "dr.lee@example.org")

    with pytest.raises(seats.NoSuchInvitation):
        seats.approve(robin, seat.pk)


def test_one_open_seat_a_couple_and_never_for_a_partners_own_address(alex, sam, couple):
    seats.invite(alex, "dr.lee@example.org")

    with pytest.raises(seats.SeatOpen):
        seats.invite(sam, "dr.ortiz@example.org")
    seats.end(sam)
    with pytest.raises(seats.OwnAddress):
        seats.invite(sam, "ALEX@example.com")
    with pytest.raises(seats.NotAnAddress):
        seats.invite(sam, "not an address")
    with pytest.raises(seats.UnknownKind):
        seats.invite(sam, "dr.ortiz@example.org", ["journal"])


def test_someone_without_a_partner_cannot_invite(jo):
    with pytest.raises(seats.NoCouple):
        seats.invite(jo, "dr.lee@example.org")


def test_the_therapist_accepts_with_the_emailed_key_and_becomes_a_therapists_account(alex, sam, couple, dr_lee):
    key = invited(alex, sam, dr_lee.email)

    seat = seats.accept(dr_lee, key)

    assert seat.is_held
    assert seat.therapist == dr_lee
    assert Therapist.objects.filter(person=dr_lee).exists()
    assert [s.couple for s in seats.seats_held_by(dr_lee)] == [couple]
    assert steps_told(alex)[-1] == steps_told(sam)[-1] == "accepted"
    for partner in (alex, sam):
        assert SecurityEvent.objects.filter(person=partner, kind=LogKind.THERAPIST_SEATED).count() == 1
    # The key is spent.
    with pytest.raises(seats.KeyNotValid):
        seats.accept(dr_lee, key)


def test_only_the_address_invited_may_accept(alex, sam, couple, dr_lee, jo):
    key = invited(alex, sam, dr_lee.email)

    with pytest.raises(seats.WrongAddress):
        seats.accept(jo, key)
    with pytest.raises(seats.KeyNotValid):
        seats.accept(dr_lee, key[:-2] + "xx")
    assert seats.accept(dr_lee, key).therapist == dr_lee


def test_an_account_in_a_couple_cannot_take_a_seat(alex, sam, couple, robin):
    key = invited(alex, sam, robin.email)

    with pytest.raises(seats.PairedAccount):
        seats.accept(robin, key)
    assert not Therapist.objects.exists()


def test_accepting_withdraws_a_pairing_code_the_therapist_had_out(alex, sam, couple, dr_lee):
    code = pairing.create_invitation(dr_lee)
    seated(alex, sam, dr_lee)

    assert not Invitation.objects.open().filter(pk=code.pk).exists()


def test_a_therapist_can_neither_invite_a_partner_nor_join_one(alex, sam, couple, dr_lee, jo):
    seated(alex, sam, dr_lee)

    with pytest.raises(pairing.TherapistAccount):
        pairing.create_invitation(dr_lee)
    with pytest.raises(pairing.TherapistAccount):
        pairing.join(dr_lee, pairing.create_invitation(jo).code)
    # Jo's code still works for anyone else.
    assert pairing.join(make_person("Kim"), Invitation.objects.open().get(inviter=jo).code)


@pytest.mark.parametrize("who", ["alex", "sam"])
def test_either_partner_ends_the_seat_at_once(alex, sam, couple, dr_lee, who):
    seated(alex, sam, dr_lee)
    ender = {"alex": alex, "sam": sam}[who]

    seat = seats.end(ender)

    assert seat.ending == Ending.ENDED
    assert seat.ended_by == ender
    assert seats.seats_held_by(dr_lee) == []
    with pytest.raises(seats.NoSuchCouple):
        seats.held(dr_lee, couple.pk)
    for partner in (alex, sam):
        assert steps_told(partner)[-1] == "ended"
        assert SecurityEvent.objects.filter(person=partner, kind=LogKind.THERAPIST_SEAT_ENDED).exists()
    with pytest.raises(seats.NoSeat):
        seats.end(ender)


def test_ending_an_invitation_on_its_way_makes_its_link_useless(alex, sam, couple, dr_lee):
    key = invited(alex, sam, dr_lee.email)

    assert seats.end(alex).ending == Ending.CANCELLED

    with pytest.raises(seats.KeyNotValid):
        seats.accept(dr_lee, key)


def test_an_invitation_expires_unanswered_and_a_new_one_can_follow(alex, sam, couple, dr_lee):
    seat = seats.invite(alex, dr_lee.email)
    Seat.objects.filter(pk=seat.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    with pytest.raises(seats.AlreadyAnswered):
        seats.approve(sam, seat.pk)
    assert seats.seat_of(alex) is None
    again = seats.invite(sam, dr_lee.email)
    assert Seat.objects.get(pk=seat.pk).ending == Ending.EXPIRED
    assert again.is_waiting


def test_an_emailed_link_expires_a_week_after_both_agreed(alex, sam, couple, dr_lee):
    key = invited(alex, sam, dr_lee.email)
    seat = Seat.objects.get()
    assert seat.expires_at - seat.approved_at == INVITATION_LIFETIME
    Seat.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    with pytest.raises(seats.KeyNotValid):
        seats.accept(dr_lee, key)


def test_a_kind_is_shared_only_while_both_tick_it(alex, sam, couple, dr_lee):
    seat = seated(alex, sam, dr_lee, kinds=[ShareKind.AGREEMENT, ShareKind.CYCLE])
    assert seat.shared() == {ShareKind.AGREEMENT, ShareKind.CYCLE}

    seats.choose(alex, [ShareKind.AGREEMENT, ShareKind.SIDES])
    assert Seat.objects.get(pk=seat.pk).shared() == {ShareKind.AGREEMENT}
    seats.choose(sam, [ShareKind.SIDES])
    assert Seat.objects.get(pk=seat.pk).shared() == {ShareKind.SIDES}


def test_a_therapist_holds_seats_with_several_couples(alex, sam, couple, robin, dr_lee):
    seated(alex, sam, dr_lee)
    casey = robin.memberships.get().couple.partner_of(robin)
    seated(robin, casey, dr_lee)

    assert {frozenset(p.display_name for p in s.couple.partners) for s in seats.seats_held_by(dr_lee)} == {
        frozenset({"Alex", "Sam"}),
        frozenset({"Robin", "Casey"}),
    }


def test_leaving_the_couple_takes_the_seat_with_it(alex, sam, couple, dr_lee):
    seated(alex, sam, dr_lee)

    pairing.leave(sam)

    assert seats.seats_held_by(dr_lee) == []
    with pytest.raises(seats.NoSuchCouple):
        seats.held(dr_lee, couple.pk)


def test_the_therapist_can_give_the_seat_back(alex, sam, couple, dr_lee):
    seated(alex, sam, dr_lee)

    assert seats.leave(dr_lee, couple.pk).ending == Ending.LEFT

    assert seats.seat_of(alex) is None
    assert steps_told(alex)[-1] == "ended"


def test_someone_who_is_no_therapist_has_no_list(alex, couple):
    with pytest.raises(seats.NotATherapist):
        seats.seats_held_by(alex)


def test_two_partners_inviting_at_the_same_moment_open_one_seat(alex, sam, couple, transactional_db):
    from breathingroom.conftest import at_once

    outcomes = at_once(
        lambda: seats.invite(alex, "dr.lee@example.org"),
        lambda: seats.invite(sam, "dr.ortiz@example.org"),
    )
    assert sorted(type(o).__name__ for o in outcomes) == ["Seat", "SeatOpen"], outcomes
    assert Seat.objects.open().count() == 1


def test_a_new_therapist_invited_later_starts_with_nothing_ticked(alex, sam, couple, dr_lee):
    seated(alex, sam, dr_lee)
    seats.end(alex)
    dr_ortiz = make_therapist("Dr Ortiz")

    seat = seats.invite(sam, dr_ortiz.email)
    seats.approve(alex, seat.pk)
    accepted = seats.accept(dr_ortiz, emailed_key(dr_ortiz.email))

    assert accepted.shared() == frozenset()
