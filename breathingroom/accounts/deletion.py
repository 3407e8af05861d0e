"""Deleting an account: at once, for good, by the rule the privacy page states.

Gone with the account: the email addresses, name, every way of signing in and every session, the
devices and notification settings, all of the person's events, and everything they wrote or
recorded (reassurances, extensions, "thinking of you"s, body check-ins, unsent notes, notes before
reconnecting, check-ins and "one thing to try", their words in agreements, proposals never
accepted, invitations). Most of it goes by the database's own cascade; this module removes what a
cascade cannot see. A former partner keeps their own writing and the bare shape of the history
they shared: that a break happened and when, how the reconnection went, the terms they accepted.
There the deleted person is only "a former partner", with nothing they wrote.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any

from allauth.account.models import EmailAddress
from allauth.core import ratelimit
from allauth.mfa.base.forms import BaseAuthenticateForm
from allauth.mfa.utils import is_mfa_enabled
from allauth.usersessions.models import UserSession
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Export, Person
from breathingroom.agreements.models import Agreement
from breathingroom.breaks.models import Extension, NextTry, Taker
from breathingroom.couples import pairing
from breathingroom.couples.models import Couple, Membership
from breathingroom.events import authority
from breathingroom.events.models import Event
from breathingroom.refusals import Refused


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
        couple_ids = list(Couple.objects.filter(memberships__person=found).values_list("pk", flat=True))
        partner_ids = list(
            Membership.objects.filter(couple__in=couple_ids)
            .exclude(person=found)
            .values_list("person_id", flat=True)
            .distinct()
        )
        traces = _traces_of(found)
        # Every socket of theirs, on every device, whatever session it was opened under; said before
        # leaving the couple says "start again", so that no page of theirs tries to.
        authority.close_person(found.pk)
        # Ending the couple first tells the partner, as leaving does.
        with contextlib.suppress(pairing.NotPaired):
            pairing.leave(found, tell_self=False)
        _scrub_agreements(found, couple_ids)
        _scrub_events(found, couple_ids, traces)
        # A copy the partner made earlier holds this person's name and words; they can make a new one.
        Export.objects.filter(person__in=partner_ids).delete()
        for session in UserSession.objects.filter(user=found):
            session.end()
        found.delete()
    return True


def _traces_of(person: Person) -> set[str]:
    """Whatever could name this person in a partner's stored events: names, addresses, their words."""
    found = {person.display_name, person.email}
    found.update(EmailAddress.objects.filter(user=person).values_list("email", flat=True))
    found.update(Taker.objects.filter(person=person).values_list("reassurance", flat=True))
    found.update(Extension.objects.filter(person=person).values_list("reassurance", flat=True))
    found.update(NextTry.objects.filter(person=person).values_list("text", flat=True))
    return {text.strip().casefold() for text in found if text and text.strip()}


def _mentions(value: Any, traces: set[str]) -> bool:
    if isinstance(value, str):
        return value.strip().casefold() in traces
    if isinstance(value, dict):
        return any(_mentions(item, traces) for item in value.values())
    if isinstance(value, list):
        return any(_mentions(item, traces) for item in value)
    return False


def _scrub_events(person: Person, couple_ids: list[Any], traces: set[str]) -> None:
    # Everything a partner heard while paired with this person was about the two of them, and may
    # name them as they were called then; anything else is checked for their names and words.
    now = timezone.now()
    spans: dict[int, list[tuple[datetime, datetime]]] = {}
    for couple in Couple.objects.filter(pk__in=couple_ids).prefetch_related("memberships"):
        for m in couple.memberships.all():
            if m.person_id != person.pk:
                spans.setdefault(m.person_id, []).append((m.joined_at, couple.ended_at or now))
    gone = []
    for event in Event.objects.select_for_update().filter(recipient_id__in=spans):
        together = any(start <= event.at <= end for start, end in spans[event.recipient_id])
        if event.type == "couple.left":
            if "by" in event.data and (together or _mentions(event.data, traces)):
                # Kept without the name, so a partner who was away still learns that the couple ended.
                event.data = {key: value for key, value in event.data.items() if key != "by"}
                event.save(update_fields=["data"])
        elif together or _mentions(event.data, traces):
            gone.append(event.pk)
    Event.objects.filter(pk__in=gone).delete()


def _scrub_agreements(person: Person, couple_ids: list[Any]) -> None:
    agreements = Agreement.objects.filter(couple__in=couple_ids)
    # A proposal never accepted was only ever this person's words; accepted terms stay with the partner.
    agreements.filter(proposed_by=person, accepted_at__isnull=True).delete()
    key = str(person.pk)
    for agreement in agreements.select_for_update():
        changed = []
        if key in agreement.words:
            agreement.words = {k: v for k, v in agreement.words.items() if k != key}
            changed.append("words")
        if agreement.proposed_by_id == person.pk and agreement.own_way:
            # "Our own way" of reconnecting was written by whoever proposed it.
            agreement.own_way = ""
            changed.append("own_way")
        if changed:
            agreement.save(update_fields=changed)
