"""allauth's and Django's signals, turned into lines of the person's security log, and the end of the
live sockets that stood on a sign-in that is over."""

from __future__ import annotations

from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.contrib.auth import signals as auth_signals
from django.db.models import Q
from django.dispatch import receiver
from django.http import HttpRequest

from breathingroom.accounts.models import Person
from breathingroom.events import authority
from breathingroom.security import devices, log
from breathingroom.security.models import Kind

ADDED = {
    Authenticator.Type.TOTP: Kind.TWO_STEP_ON,
    Authenticator.Type.WEBAUTHN: Kind.PASSKEY_ADDED,
    Authenticator.Type.RECOVERY_CODES: Kind.RECOVERY_CODES_MADE,
}
# Recovery codes go by themselves when the last other step is removed; that removal is the news.
REMOVED = {
    Authenticator.Type.TOTP: Kind.TWO_STEP_OFF,
    Authenticator.Type.WEBAUTHN: Kind.PASSKEY_REMOVED,
}


@receiver(auth_signals.user_logged_in, dispatch_uid="security.signed_in")
def signed_in(sender: Any, request: HttpRequest | None, user: Person, **kwargs: Any) -> None:
    if request is not None:
        devices.signed_in(request, user)


@receiver(auth_signals.user_logged_out, dispatch_uid="security.signed_out")
def signed_out(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    # Sent before the session is emptied, so its key still names the sockets it opened: a browser's,
    # or an app's (whose session token is that key).
    if request is not None:
        authority.close_session(request.session.session_key)


def new_password(sender: Any, request: HttpRequest | None, user: Person, **kwargs: Any) -> None:
    # Every other session now fails Django's check; the one that set the password carries on.
    authority.close_person(user.pk, keeping=request.session.session_key if request is not None else None)


for _signal in (account_signals.password_changed, account_signals.password_set, account_signals.password_reset):
    _signal.connect(new_password, dispatch_uid="security.new_password", weak=False)


@receiver(auth_signals.user_login_failed, dispatch_uid="security.sign_in_failed")
def sign_in_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    # Only an existing account has a log; a wrong address is nobody's business here.
    login = credentials.get("email") or credentials.get("username")
    if not isinstance(login, str) or not login:
        return
    person = Person.objects.filter(Q(email__iexact=login) | Q(emailaddress__email__iexact=login)).first()
    if person is not None:
        log.record(person, Kind.SIGN_IN_FAILED, request)


@receiver(mfa_signals.authentication_failed, dispatch_uid="security.second_step_failed")
def second_step_failed(
    sender: Any, request: HttpRequest, user: Person | None, reauthentication: bool = False, **kwargs: Any
) -> None:
    if user is not None and not reauthentication:
        log.record(user, Kind.SIGN_IN_FAILED, request)


def _recorder(kind: str):
    def record(sender: Any, request: HttpRequest | None, user: Person, **kwargs: Any) -> None:
        log.record(user, kind, request)

    return record


_PLAIN = (
    (account_signals.password_changed, Kind.PASSWORD_CHANGED),
    (account_signals.password_set, Kind.PASSWORD_CHANGED),
    (account_signals.password_reset, Kind.PASSWORD_RESET),
    (account_signals.email_changed, Kind.EMAIL_CHANGED),
    (account_signals.email_added, Kind.EMAIL_ADDED),
    (account_signals.email_removed, Kind.EMAIL_REMOVED),
)
for _signal, _kind in _PLAIN:
    _signal.connect(_recorder(_kind), dispatch_uid=f"security.{_kind}", weak=False)


@receiver(mfa_signals.authenticator_added, dispatch_uid="security.authenticator_added")
@receiver(mfa_signals.authenticator_reset, dispatch_uid="security.authenticator_reset")
def authenticator_added(
    sender: Any, request: HttpRequest | None, user: Person, authenticator: Authenticator, **kwargs: Any
) -> None:
    kind = ADDED.get(Authenticator.Type(authenticator.type))
    if kind is not None:
        log.record(user, kind, request)


@receiver(mfa_signals.authenticator_removed, dispatch_uid="security.authenticator_removed")
def authenticator_removed(
    sender: Any, request: HttpRequest | None, user: Person, authenticator: Authenticator, **kwargs: Any
) -> None:
    kind = REMOVED.get(Authenticator.Type(authenticator.type))
    if kind is not None:
        log.record(user, kind, request)
