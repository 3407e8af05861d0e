"""A person's profile and ways of signing in (allauth's rows among them): in their copy, and gone with them."""

from __future__ import annotations

from collections.abc import Iterable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.personal_data import Deletion, PersonalData, Record, Section


def profile(person: Person) -> Record:
    # Sign-in secrets (the password hash, authenticator keys, passkeys' keys) never leave.
    return {
        "email": person.email,
        "display_name": person.display_name,
        "time_zone": person.time_zone,
        "language": person.language,
        "browser_language": person.browser_language,
        "resting_heart_rate": person.resting_heart_rate,
        "joined_at": person.date_joined,
        "last_signed_in_at": person.last_login,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=person).order_by("email")
        ],
        "has_password": person.has_usable_password(),
        "sign_in_methods": [
            {
                "type": a.type,
                "name": a.data.get("name", "") if a.type == Authenticator.Type.WEBAUTHN else "",
                "created_at": a.created_at,
                "last_used_at": a.last_used_at,
            }
            for a in Authenticator.objects.filter(user=person).order_by("created_at")
        ],
    }


def sessions(person: Person) -> list[Record]:
    return [
        {"created_at": s.created_at, "last_seen_at": s.last_seen_at, "ip": s.ip, "user_agent": s.user_agent}
        for s in UserSession.objects.filter(user=person).order_by("created_at")
    ]


def names(person: Person) -> Iterable[str]:
    yield person.display_name
    yield person.email
    yield from EmailAddress.objects.filter(user=person).values_list("email", flat=True)


def sign_out_everywhere(deletion: Deletion) -> None:
    # The cascade would remove allauth's list of sessions, not the sessions: each browser and app token is signed out.
    for session in UserSession.objects.filter(user=deletion.person):
        session.end()


declared = PersonalData(
    sections=[
        Section("profile", profile),
        Section("sessions", sessions, csv=_("where you are signed in.")),
    ],
    own=[EmailAddress, Authenticator, UserSession],
    traces=names,
    erase=sign_out_everywhere,
)
