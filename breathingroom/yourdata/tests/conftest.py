"""A couple with a whole history behind them, for the tests of exporting and deleting it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.urls import reverse

from breathingroom.accounts.models import Person
from breathingroom.agreements import proposals, rhythm_times
from breathingroom.agreements.models import Reconnect
from breathingroom.agreements.rhythm import RhythmTime
from breathingroom.body import checking_in
from breathingroom.body.checking_in import Place
from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.models import Break, Repair, Step, Timing
from breathingroom.breaks.tests.conftest import proposal, until_reconnecting
from breathingroom.calm.models import UnsentNote
from breathingroom.conftest import PASSWORD
from breathingroom.couples.models import Couple
from breathingroom.notify.models import NotificationSettings, PushMode, PushSubscription
from breathingroom.yourdata import export
from breathingroom.yourdata.models import Export

# Alex's name for these tests: long and unusual, so finding it anywhere in the database means it leaked.
ALEX_NAME = "Alexandrine Quellwater"
ALEX_EMAIL = "alexandrine.quellwater@example.com"
ALEX_OTHER_EMAIL = "aq.at.work@example.org"


@dataclass
class History:
    alex: Person
    sam: Person
    couple: Couple
    first: Break
    second: Break
    alex_client: Client
    alex_token: str
    totp_secret: str
    # Every text Alex wrote, and every text Sam wrote, as typed.
    alex_wrote: list[str] = field(default_factory=list)
    sam_wrote: list[str] = field(default_factory=list)
    # Filled in just before deleting: the sessions that must end with the account.
    alex_sessions: list[str] = field(default_factory=list)


def written(history: list[str], text: str) -> str:
    history.append(text)
    return text


def build_export(person: Person) -> Export:
    started = export.request_export(person)
    export.build.call(str(started.pk))
    return Export.objects.get(pk=started.pk)


@pytest.fixture
def history(alex, sam, couple) -> History:
    """Alex and Sam, months in: agreements, two breaks, a reconnection, notes, devices, two-step sign-in."""
    Person.objects.filter(pk=alex.pk).update(display_name=ALEX_NAME, email=ALEX_EMAIL)
    alex.refresh_from_db()
    EmailAddress.objects.create(user=alex, email=ALEX_EMAIL, verified=True, primary=True)
    EmailAddress.objects.create(user=alex, email=ALEX_OTHER_EMAIL, verified=False, primary=False)
    a: list[str] = []
    s: list[str] = []

    tea = RhythmTime(days=(0, 3), at=time(19), what=written(a, "Alex-rhythm: tea on the balcony"))
    first = proposals.propose(
        alex, proposal(words=written(a, "Alex-words: tell me you are coming back"), rhythm=(tea,))
    )
    proposals.accept(sam, first.version, written(s, "Sam-words: a hand on my shoulder"))
    rhythm_times.skip(alex, first.terms().rhythm[0].key)
    second = proposals.propose(sam, proposal(words="Sam-words: a hand on my shoulder", extensions=2))
    proposals.accept(alex, second.version, written(a, "Alex-words: say my name softly"))
    proposals.propose(
        alex,
        proposal(
            reconnect=Reconnect.OWN,
            own_way=written(a, "Alex-own-way: a slow walk by the canal"),
            words=written(a, "Alex-words: pending, a cup of tea"),
        ),
    )

    brk = space.take_space(alex, 30, written(a, "Alex-reassurance: I am settling, I am not leaving us"))
    space.send_thinking_of_you(sam, brk.pk)
    space.extend(alex, brk.pk, 15, written(a, "Alex-extension: a little longer, still coming back"))
    brk = until_reconnecting(Break.objects.get(pk=brk.pk))
    reconnecting.prepare(
        alex,
        brk.pk,
        written(a, "Alex-felt: small and unheard"),
        written(a, "Alex-need: to be asked first"),
        written(a, "Alex-part: I raised my voice"),
    )
    reconnecting.prepare(sam, brk.pk, written(s, "Sam-felt: shut out"), "", "")
    reconnecting.check_in(alex, brk.pk, 7, shared=False)
    reconnecting.check_in(sam, brk.pk, 3, shared=True)
    reconnecting.move_on(sam, brk.pk, Step.FIRST_TURN)
    reconnecting.move_on(alex, brk.pk, Step.SECOND_TURN)
    reconnecting.name_next_try(alex, brk.pk, written(a, "Alex-try: name the flood before I leave"))
    reconnecting.name_next_try(sam, brk.pk, written(s, "Sam-try: wait for the time we agreed"))
    reconnecting.record_outcome(sam, brk.pk, Timing.LATE, Repair.REPAIRED)

    later = space.take_space(sam, 30, written(s, "Sam-reassurance: back soon, love"))
    space.send_thinking_of_you(alex, later.pk)

    checking_in.record(
        alex, [Place("chest", "tight", 8)], own_feeling=written(a, "Alex-feeling: dread"),
        note=written(a, "Alex-body-note: shoulders up by my ears"), heart_rate=104,
    )  # fmt: skip
    checking_in.record(sam, [Place("stomach", "hollow", 5)], own_feeling=written(s, "Sam-feeling: lonely"))
    UnsentNote.objects.create(person=alex, text=written(a, "Alex-unsent: you never let me finish a sentence"))
    UnsentNote.objects.create(person=sam, text=written(s, "Sam-unsent: I miss you when you go quiet"))

    PushSubscription.objects.create(
        person=alex, endpoint="https://push.example.com/send/alex-device-1", p256dh="k" * 87, auth="a" * 22,
        device="Firefox on Android",
    )  # fmt: skip
    NotificationSettings.objects.create(person=alex, push=PushMode.ALWAYS, email_reminders=True)

    # Signed in for real, in a browser and in the app, before turning two-step sign-in on.
    browser = Client()
    assert browser.post(reverse("account_login"), {"login": ALEX_EMAIL, "password": PASSWORD}).status_code == 302
    app = Client()
    signed_in = app.post(
        "/_allauth/app/v1/auth/login", {"email": ALEX_EMAIL, "password": PASSWORD}, content_type="application/json"
    )
    assert signed_in.status_code == 200, signed_in.content
    token = signed_in.json()["meta"]["session_token"]

    secret = generate_totp_secret()
    TOTP.activate(alex, secret)
    RecoveryCodes.activate(alex)
    Authenticator.objects.create(
        user=alex, type=Authenticator.Type.WEBAUTHN, data={"name": written(a, "Alex-passkey: kitchen laptop")}
    )

    return History(
        alex=alex,
        sam=sam,
        couple=couple,
        first=Break.objects.get(pk=brk.pk),
        second=Break.objects.get(pk=later.pk),
        alex_client=browser,
        alex_token=token,
        totp_secret=secret,
        alex_wrote=a,
        sam_wrote=s,
    )
