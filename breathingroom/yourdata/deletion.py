"""Deleting an account: at once, for good, by the rule the privacy page states.

Gone with the account: the email addresses, name, every way of signing in and every session, the
devices and notification settings, all of the person's events, and everything they wrote or
recorded. A former partner keeps their own writing and the bare shape of the history they shared:
that a break happened and when, how the reconnection went, the terms they accepted. There the
deleted person is only "a former partner", with nothing they wrote.

The rule is kept here; each app's ``personal_data`` says how its rows follow it: which are the
person's own (gone by the database's cascade), which a partner keeps, and what its ``erase`` removes
from those that a cascade cannot see.
"""

from __future__ import annotations

import contextlib
from datetime import datetime

from allauth.core import ratelimit
from allauth.mfa.base.forms import BaseAuthenticateForm
from allauth.mfa.utils import is_mfa_enabled
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.couples import pairing
from breathingroom.couples.models import Couple
from breathingroom.events import authority
from breathingroom.personal_data import Deletion
from breathingroom.refusals import Refused
from breathingroom.yourdata import declarations


class NotConfirmed(Refused):
    # Not 401 or 403: the caller is signed in and may do this; what they sent does not confirm it.
    status = 400
    message = _("Nothing has been deleted.")


class WrongPassword(NotConfirmed):
    message = _("That password is not right, so nothing has been deleted. Please try again.")


class CodeNeeded(NotConfirmed):
    message = _(
        "Your account has two-step sign-in: enter a code from your authenticator app, or a recovery code, "
        "as well as your password. Nothing has been deleted."
    )


class WrongCode(NotConfirmed):
    message = _("That code is not right, so nothing has been deleted. Please try again.")


class TooManyTries(NotConfirmed):
    status = 429
    message = _("That was a lot of tries in a short time. Please wait a minute and try again.")


def has_two_step(person: Person) -> bool:
    return bool(is_mfa_enabled(person))


def count_try(request: HttpRequest, person: Person) -> None:
    """Guessing a password here must be as slow as anywhere else in signing in."""
    if not ratelimit.consume(request, action="reauthenticate", user=person):
        raise TooManyTries


def confirm_identity(person: Person, password: str, code: str = "") -> None:
    """Refuse unless this is really ``person``: their password, and a code if they use two-step sign-in."""
    if not password or not person.check_password(password):
        raise WrongPassword
    if has_two_step(person):
        if not code.strip():
            raise CodeNeeded
        if not BaseAuthenticateForm(data={"code": code.strip()}, user=person).is_valid():
            raise WrongCode


def delete_account(person: Person) -> bool:
    """Delete ``person`` and everything they wrote, at once. False if the account was already gone."""
    with transaction.atomic():
        found = Person.objects.select_for_update().filter(pk=person.pk).first()
        if found is None:
            return False
        # Every socket of theirs, on every device, whatever session it was opened under; said before
        # leaving the couple says "start again", so that no page of theirs tries to.
        authority.close_person(found.pk)
        # Ending the couple first tells the partner, as leaving does.
        with contextlib.suppress(pairing.NotPaired):
            pairing.leave(found, tell_self=False)
        deletion = _deletion_of(found)
        for declared in declarations.every().values():
            if declared.erase is not None:
                declared.erase(deletion)
        found.delete()
    return True


def _deletion_of(person: Person) -> Deletion:
    couples = Couple.objects.filter(memberships__person=person).prefetch_related("memberships")
    together: dict[int, list[tuple[datetime, datetime]]] = {}
    now = timezone.now()
    for couple in couples:
        for m in couple.memberships.all():
            if m.person_id != person.pk:
                together.setdefault(m.person_id, []).append((m.joined_at, couple.ended_at or now))
    traces = {
        text.strip().casefold()
        for declared in declarations.every().values()
        if declared.traces is not None
        for text in declared.traces(person)
        if text and text.strip()
    }
    return Deletion(person, [couple.pk for couple in couples], together, frozenset(traces))
