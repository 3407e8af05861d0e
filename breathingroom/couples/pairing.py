"""Pairing: inviting a partner, joining with their code, and leaving.

Every rule about who may pair with whom lives here; the pages and the API only call these
functions and show the message of the :class:`PairingError` (or :class:`NotPaired`) they raise.
"""

from __future__ import annotations

import re

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from breathingroom.accounts.models import Person
from breathingroom.couples.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    INVITATION_LIFETIME,
    Couple,
    Invitation,
    Membership,
)
from breathingroom.couples.models import NotPaired as NotPaired  # what leave() raises, for its callers
from breathingroom.events import authority
from breathingroom.events.publish import publish
from breathingroom.refusals import Refused
from breathingroom.therapy.models import Therapist


def _invitation_days() -> str:
    days = INVITATION_LIFETIME.days
    return ngettext("%(n)s day", "%(n)s days", days) % {"n": days}


# How long an invitation lasts, as people read it ("3 days").
INVITATION_DAYS = lazy(_invitation_days, str)()


class PairingError(Refused):
    """A pairing step that cannot happen."""


class MalformedCode(PairingError):
    status = 400
    message = format_lazy(
        _("That doesn't look like an invitation code. A code has {n} letters and numbers."), n=CODE_LENGTH
    )


class UnknownCode(PairingError):
    status = 404
    message = _("No invitation has that code. Check it with the person who sent it.")


class ExpiredInvitation(PairingError):
    message = format_lazy(
        _("This invitation has expired. Ask for a new one; each code lasts {lifetime}."), lifetime=INVITATION_DAYS
    )


class UsedInvitation(PairingError):
    message = _("This invitation has already been used. Each code pairs one couple; ask for a new one.")


class RevokedInvitation(PairingError):
    message = _("This code is no longer active: it was withdrawn, or replaced by a newer one. Ask for a new one.")


class OwnInvitation(PairingError):
    status = 400
    message = _("This is your own invitation. Send it to your partner so they can join you.")


class AlreadyPaired(PairingError):
    message = _("You are already in a couple. Leave it first if you want to pair with someone else.")


class TherapistAccount(PairingError):
    status = 403
    message = _(
        "This account is a therapist's: it holds seats with couples and does not pair. "
        "For a couple of your own, sign up with another address."
    )


class InviterAlreadyPaired(PairingError):
    # Worded like a withdrawn code on purpose: whoever holds an old code learns nothing about
    # the inviter's life since.
    message = _("This code is no longer active. Ask for a new one.")


# Codes are short enough to type, so guessing them must be slow.
FAILED_ATTEMPTS_ALLOWED = 10
FAILED_ATTEMPTS_WINDOW = 15 * 60


class TooManyAttempts(PairingError):
    status = 429
    message = format_lazy(
        _("That was a lot of codes in a short time. Please wait {n} minutes and try again."),
        n=FAILED_ATTEMPTS_WINDOW // 60,
    )


_SEPARATORS = re.compile(r"[\s\-_.]+")
# Crockford's rule: letters that look like digits are read as those digits.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalise_code(raw: str) -> str:
    """Turn what a person typed or pasted into the stored form, or raise MalformedCode."""
    if not isinstance(raw, str) or len(raw) > 64:
        raise MalformedCode
    code = _SEPARATORS.sub("", raw).upper().translate(_LOOKALIKES)
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        # A partner often copies the whole line ("Your code: 7KQ2-M9XD") or the link that ends in
        # the code; the code is what comes after the last colon, slash or "#".
        last = re.split(r"[:/#]", raw.strip().rstrip("/"))[-1]
        if last == raw:
            raise MalformedCode
        return normalise_code(last)
    return code


def create_invitation(inviter: Person) -> Invitation:
    """A fresh code for ``inviter``; any code they made before stops working."""
    with transaction.atomic():
        _lock_people(inviter.pk)
        if Couple.objects.current_for(inviter):
            raise AlreadyPaired(_("You are already in a couple, so there is no one to invite."))
        _check_not_a_therapist(inviter)
        now = timezone.now()
        Invitation.objects.open().filter(inviter=inviter).update(revoked_at=now)
        return Invitation.objects.create(inviter=inviter, created_at=now)


def revoke_invitation(inviter: Person, raw_code: str) -> Invitation:
    """Withdraw one of ``inviter``'s own open codes. Someone else's code is unknown to them."""
    code = normalise_code(raw_code)
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(code=code, inviter=inviter).first()
        if invitation is None:
            raise UnknownCode
        _check_open(invitation)
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        return invitation


def preview(person: Person, raw_code: str) -> Invitation:
    """The invitation ``person`` could join with this code, to show who sent it before they do.

    Refuses exactly what :func:`join` would refuse, with the same message.
    """
    invitation = _find(person, raw_code)
    _check_can_join(person, invitation)
    return invitation


def join(person: Person, raw_code: str) -> Couple:
    """Pair ``person`` with whoever made the invitation. Exactly one person can ever use a code."""
    found = _find(person, raw_code)
    try:
        with transaction.atomic():
            # Pairing changes both people, so it holds both of them, always in the same order: a
            # second pairing of either waits here and then sees the first one's result.
            _lock_people(person.pk, found.inviter_id)
            invitation = Invitation.objects.select_related("inviter").get(pk=found.pk)
            _check_can_join(person, invitation)
            now = timezone.now()
            couple = Couple.objects.create(created_at=now)
            Membership.objects.create(couple=couple, person=invitation.inviter, joined_at=now)
            Membership.objects.create(couple=couple, person=person, joined_at=now)
            invitation.used_at = now
            invitation.used_by = person
            invitation.save(update_fields=["used_at", "used_by"])
            # Neither partner should have a code out that could pull them into a second couple.
            Invitation.objects.open().filter(inviter__in=[person, invitation.inviter]).update(revoked_at=now)
            publish(
                [invitation.inviter_id, person.pk],
                "couple.joined",
                {"couple": str(couple.pk), "names": [invitation.inviter.display_name, person.display_name]},
            )
    except IntegrityError:
        # Another pairing of one of the two committed first; the database refused this one.
        if Couple.objects.current_for(person):
            raise AlreadyPaired from None
        raise InviterAlreadyPaired from None
    return couple


def _find(person: Person, raw_code: str) -> Invitation:
    _check_attempts(person)
    try:
        code = normalise_code(raw_code)
        invitation = Invitation.objects.select_related("inviter").filter(code=code).first()
        if invitation is None:
            raise UnknownCode
    except (MalformedCode, UnknownCode):
        _count_failed_attempt(person)
        raise
    return invitation


def _check_not_a_therapist(person: Person) -> None:
    # A therapist reads what couples share with them; pairing would make them a partner in one.
    if Therapist.objects.filter(person=person).exists():
        raise TherapistAccount


def _check_can_join(person: Person, invitation: Invitation) -> None:
    if invitation.inviter_id == person.pk:
        raise OwnInvitation
    if Couple.objects.current_for(person):
        raise AlreadyPaired
    _check_not_a_therapist(person)
    _check_open(invitation)
    if Couple.objects.current_for(invitation.inviter):
        raise InviterAlreadyPaired


def leave(person: Person, *, tell_self: bool = True) -> Couple:
    """End ``person``'s couple, for both partners at once.

    ``tell_self=False`` tells only the partner: for an account that is being deleted.
    """
    with transaction.atomic():
        couple = Couple.objects.of(person, lock=True)
        now = timezone.now()
        couple.ended_at = now
        couple.ended_by = person
        couple.save(update_fields=["ended_at", "ended_by"])
        couple.memberships.filter(left_at__isnull=True).update(left_at=now)
        # A break still open ends with the couple: nobody is called back to a couple that is gone.
        couple.breaks.filter(closed_at__isnull=True).update(closed_at=now)
        partners = [pk for pk in couple.memberships.values_list("person_id", flat=True) if tell_self or pk != person.pk]
        publish(partners, "couple.left", {"couple": str(couple.pk), "by": person.display_name})
        # After "couple.left" has gone out: every page of theirs starts again from what is true now.
        authority.close_person(person.pk, code=authority.START_AGAIN)
        return couple


def _attempts_key(person: Person) -> str:
    return f"pairing:failed-joins:{person.pk}"


def _lock_people(*pks: int) -> None:
    list(Person.objects.select_for_update().filter(pk__in=pks).order_by("pk").values_list("pk", flat=True))


def _check_attempts(person: Person) -> None:
    if cache.get(_attempts_key(person), 0) >= FAILED_ATTEMPTS_ALLOWED:
        raise TooManyAttempts


def _count_failed_attempt(person: Person) -> None:
    key = _attempts_key(person)
    if not cache.add(key, 1, FAILED_ATTEMPTS_WINDOW):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, FAILED_ATTEMPTS_WINDOW)


def _check_open(invitation: Invitation) -> None:
    if invitation.used_at is not None:
        raise UsedInvitation
    if invitation.revoked_at is not None:
        raise RevokedInvitation
    if invitation.is_expired:
        raise ExpiredInvitation
