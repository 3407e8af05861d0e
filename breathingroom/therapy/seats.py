"""The therapist's seat, step by step: every rule about who may invite, approve, accept and end it.

Both partners must say yes before anyone is invited: one invites (``invite``), the other approves
(``approve``) or declines (``decline``), and only then is the email sent. The therapist accepts with
the emailed key (``accept``), signed in with the address it was sent to, from an account that is in
no couple; that account becomes a therapist's (``Therapist``) and can never pair. Either partner ends
the seat at once (``end``), whatever its stage; the therapist may step away (``leave``).

Each step is told to both partners (``therapist.seat``); the seat beginning and ending are written
to both partners' security logs, beside every look the therapist takes (``shared.look``).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.couples.models import Couple, Invitation, NotPaired
from breathingroom.events.publish import publish
from breathingroom.notify import outbox
from breathingroom.refusals import Refused
from breathingroom.security import log
from breathingroom.security.models import Kind as LogKind
from breathingroom.therapy.models import EMAIL_LENGTH, INVITATION_LIFETIME, Ending, Seat, ShareKind, Therapist

CHANGED = "therapist.seat"
KEY_BYTES = 32


class SeatRefused(Refused):
    """A step of the seat that cannot happen."""


class NoCouple(SeatRefused):
    status = 404
    message = _("A therapist's seat belongs to a couple, so it starts once you are paired with your partner.")


class SeatOpen(SeatRefused):
    message = _(
        "There is already a therapist's seat, or an invitation on its way. End it first if you would like "
        "to invite someone else."
    )


class NotAnAddress(SeatRefused):
    status = 400
    message = _("That doesn't look like an email address. Check it with your therapist.")


class OwnAddress(SeatRefused):
    status = 400
    message = _("That is the address of one of you. Invite your therapist with their own address.")


class UnknownKind(SeatRefused):
    status = 400
    message = _("Choose what to share from the list.")


class NoSuchInvitation(SeatRefused):
    status = 404
    message = _("There is no such invitation.")


class OwnInvitation(SeatRefused):
    status = 400
    message = _(
        "You sent this invitation, so it waits for your partner's yes. Both of you agree before anyone is invited."
    )


class AlreadyAnswered(SeatRefused):
    message = _("This invitation has been answered already.")


class NoSeat(SeatRefused):
    status = 404
    message = _("There is no therapist's seat, and no invitation on its way.")


class KeyNotValid(SeatRefused):
    status = 404
    message = _(
        "This invitation no longer works: it was used, called back, or it has expired. "
        "If the couple would still like you to join, they can invite you again."
    )


class WrongAddress(SeatRefused):
    status = 403
    message = _("This invitation was sent to another address. Sign in with the address it came to, then open it again.")


class PairedAccount(SeatRefused):
    status = 403
    message = _(
        "This account belongs to someone in a couple. A therapist's seat needs an account of its own: "
        "sign up with the address the invitation came to."
    )


class NotATherapist(SeatRefused):
    status = 404
    message = _("There is no therapist's seat here.")


class NoSuchCouple(SeatRefused):
    status = 404
    message = _("There is no such couple among your seats.")


def hash_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def is_therapist(person: Person) -> bool:
    return Therapist.objects.filter(person=person).exists()


def kinds_from(values: Iterable[str]) -> list[str]:
    """The kinds named, in the list's order, or :class:`UnknownKind`."""
    chosen = set(values)
    if chosen - set(ShareKind.values):
        raise UnknownKind
    return [kind for kind in ShareKind.values if kind in chosen]


# --- The partners' side ----------------------------------------------------------------------


def _couple_of(person: Person, *, lock: bool = False) -> Couple:
    try:
        return Couple.objects.of(person, lock=lock)
    except NotPaired:
        raise NoCouple from None


def _close_expired(couple: Couple) -> None:
    now = timezone.now()
    Seat.objects.of_couple(couple).open().filter(accepted_at__isnull=True, expires_at__lte=now).update(
        ended_at=now, ending=Ending.EXPIRED
    )


def open_seat(couple: Couple) -> Seat | None:
    """The couple's seat that is not over, at whatever stage; an invitation past its time is over."""
    now = timezone.now()
    seat = Seat.objects.of_couple(couple).open().select_related("therapist", "invited_by", "approved_by").first()
    if seat is None or seat.is_expired(now):
        return None
    return seat


def seat_of(person: Person) -> Seat | None:
    """``person``'s couple's open seat, or None (also when they have no partner)."""
    couple = Couple.objects.current_for(person)
    return open_seat(couple) if couple is not None else None


def _tell(couple: Couple, seat: Seat, step: str, by: Person | None) -> None:
    publish(
        [p.pk for p in couple.partners],
        CHANGED,
        {"seat": str(seat.pk), "step": step, "by": str(by.public_id) if by is not None else None},
    )


def _log(couple: Couple, kind: str) -> None:
    for partner in couple.partners:
        log.record(partner, kind, device="")


def invite(person: Person, email: str, kinds: Iterable[str] = ()) -> Seat:
    """``person`` asks for a therapist's seat for ``email``; nothing is sent until their partner approves."""
    address = (email or "").strip()
    try:
        validate_email(address)
    except ValidationError:
        raise NotAnAddress from None
    if len(address) > EMAIL_LENGTH:
        raise NotAnAddress
    chosen = kinds_from(kinds)
    with transaction.atomic():
        couple = _couple_of(person, lock=True)
        if any(p.email.casefold() == address.casefold() for p in couple.partners):
            raise OwnAddress
        _close_expired(couple)
        if Seat.objects.of_couple(couple).open().exists():
            raise SeatOpen
        now = timezone.now()
        try:
            with transaction.atomic():
                seat = Seat.objects.create(
                    couple=couple,
                    email=address,
                    invited_by=person,
                    invited_at=now,
                    expires_at=now + INVITATION_LIFETIME,
                    kinds={str(person.pk): chosen},
                )
        except IntegrityError:
            raise SeatOpen from None
        _tell(couple, seat, "invited", person)
        return seat


def _waiting_in(person: Person, seat_id: UUID | str) -> tuple[Couple, Seat]:
    couple = _couple_of(person, lock=True)
    seat = Seat.objects.of_couple(couple).filter(pk=seat_id).select_for_update().first()
    if seat is None:
        raise NoSuchInvitation
    if not seat.is_waiting or seat.is_expired():
        raise AlreadyAnswered
    if seat.invited_by_id == person.pk:
        raise OwnInvitation
    return couple, seat


def approve(person: Person, seat_id: UUID | str, kinds: Iterable[str] = ()) -> Seat:
    """The other partner's yes: the invitation is emailed to the therapist now, with a key of its own."""
    chosen = kinds_from(kinds)
    with transaction.atomic():
        couple, seat = _waiting_in(person, seat_id)
        key = secrets.token_urlsafe(KEY_BYTES)
        now = timezone.now()
        seat.approved_by = person
        seat.approved_at = now
        seat.expires_at = now + INVITATION_LIFETIME
        seat.key_hash = hash_of(key)
        seat.kinds = {**seat.kinds, str(person.pk): chosen}
        seat.save(update_fields=["approved_by", "approved_at", "expires_at", "key_hash", "kinds"])
        _send_invitation(seat, couple, key)
        _tell(couple, seat, "approved", person)
        return seat


def decline(person: Person, seat_id: UUID | str) -> Seat:
    """The other partner's no: the invitation ends, and nobody outside the couple ever hears of it."""
    with transaction.atomic():
        couple, seat = _waiting_in(person, seat_id)
        _finish(seat, person, Ending.DECLINED)
        _tell(couple, seat, "declined", person)
        return seat


def choose(person: Person, kinds: Iterable[str]) -> Seat:
    """What ``person`` ticks to share with the therapist; a kind is shared once both tick it."""
    chosen = kinds_from(kinds)
    with transaction.atomic():
        couple = _couple_of(person, lock=True)
        seat = open_seat(couple)
        if seat is None:
            raise NoSeat
        seat.kinds = {**seat.kinds, str(person.pk): chosen}
        seat.save(update_fields=["kinds"])
        _tell(couple, seat, "chosen", person)
        return seat


def end(person: Person) -> Seat:
    """Either partner ends the seat at once, at whatever stage it is: the therapist sees nothing more."""
    with transaction.atomic():
        couple = _couple_of(person, lock=True)
        seat = open_seat(couple)
        if seat is None:
            raise NoSeat
        seat = Seat.objects.select_for_update().get(pk=seat.pk)
        if seat.is_held:
            ending = Ending.ENDED
        elif seat.is_sent:
            ending = Ending.CANCELLED
        else:
            ending = Ending.WITHDRAWN if seat.invited_by_id == person.pk else Ending.DECLINED
        _finish(seat, person, ending)
        if ending == Ending.ENDED:
            _log(couple, LogKind.THERAPIST_SEAT_ENDED)
        _tell(couple, seat, "ended", person)
        return seat


def _finish(seat: Seat, by: Person | None, ending: str) -> None:
    seat.ended_at = timezone.now()
    seat.ended_by = by
    seat.ending = ending
    seat.key_hash = ""
    seat.save(update_fields=["ended_at", "ended_by", "ending", "key_hash"])


def _send_invitation(seat: Seat, couple: Couple, key: str) -> None:
    site = settings.SITE_URL.rstrip("/")
    context = {
        "names": [p.display_name for p in couple.partners],
        "link": site + reverse("therapy:accept_link", args=[key]),
        "days": INVITATION_LIFETIME.days,
        "email": seat.email,
    }
    message = EmailMultiAlternatives(
        subject=render_to_string("therapy/email/invitation_subject.txt", context).strip(),
        body=render_to_string("therapy/email/invitation.txt", context),
        to=[seat.email],
    )
    message.attach_alternative(render_to_string("therapy/email/invitation.html", context), "text/html")
    # The address may have no account yet: the email belongs to no one's data but the couple's.
    outbox.queue(message, what="therapy/invitation")


# --- The therapist's side --------------------------------------------------------------------


def invitation_for(key: str) -> Seat:
    """The invitation an emailed key opens, while it can still be accepted, or :class:`KeyNotValid`."""
    if not key or len(key) > 100:
        raise KeyNotValid
    seat = (
        Seat.objects.open()
        .filter(key_hash=hash_of(key), approved_at__isnull=False, accepted_at__isnull=True)
        .select_related("couple")
        .prefetch_related("couple__memberships__person")
        .first()
    )
    if seat is None or seat.is_expired() or seat.couple.ended_at is not None:
        raise KeyNotValid
    return seat


def accept(person: Person, key: str) -> Seat:
    """The therapist takes the seat: their account becomes a therapist's, and the key is spent."""
    found = invitation_for(key)
    if person.email.casefold() != found.email.casefold():
        raise WrongAddress
    with transaction.atomic():
        list(Person.objects.select_for_update().filter(pk=person.pk).values_list("pk", flat=True))
        couple = Couple.objects.select_for_update().get(pk=found.couple_id)
        seat = Seat.objects.select_for_update().get(pk=found.pk)
        if seat.key_hash != hash_of(key) or seat.ended_at is not None or seat.accepted_at is not None:
            raise KeyNotValid
        if Couple.objects.with_person(person).exists():
            raise PairedAccount
        now = timezone.now()
        # A code they had out to pair with someone would make the account a partner's after all.
        Invitation.objects.open().filter(inviter=person).update(revoked_at=now)
        Therapist.objects.get_or_create(person=person, defaults={"since": now})
        seat.therapist = person
        seat.accepted_at = now
        seat.key_hash = ""
        seat.save(update_fields=["therapist", "accepted_at", "key_hash"])
        couple = Couple.objects.prefetch_related("memberships__person").get(pk=couple.pk)
        _log(couple, LogKind.THERAPIST_SEATED)
        _tell(couple, seat, "accepted", person)
        return seat


def seats_held_by(person: Person) -> list[Seat]:
    """The seats a therapist holds now, the newest first; :class:`NotATherapist` for anyone else."""
    if not is_therapist(person):
        raise NotATherapist
    return list(
        Seat.objects.held_by(person)
        .select_related("couple")
        .prefetch_related("couple__memberships__person")
        .order_by("-accepted_at")
    )


def held(person: Person, couple_id: UUID | str) -> Seat:
    """The seat ``person`` holds now with that couple, or the same 404 as for no couple at all."""
    if not is_therapist(person):
        raise NotATherapist
    seat = (
        Seat.objects.held_by(person)
        .filter(couple_id=couple_id)
        .select_related("couple")
        .prefetch_related("couple__memberships__person")
        .first()
    )
    if seat is None:
        raise NoSuchCouple
    return seat


def leave(person: Person, couple_id: UUID | str) -> Seat:
    """The therapist steps away from one couple's seat; both partners are told."""
    with transaction.atomic():
        seat = held(person, couple_id)
        seat = Seat.objects.select_for_update().get(pk=seat.pk)
        if seat.ended_at is not None:
            raise NoSuchCouple
        _finish(seat, person, Ending.LEFT)
        couple = Couple.objects.prefetch_related("memberships__person").get(pk=seat.couple_id)
        _log(couple, LogKind.THERAPIST_SEAT_ENDED)
        _tell(couple, seat, "ended", person)
        return seat
