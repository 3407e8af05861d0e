"""Who may reach each URL and API operation: the rules test_access_rules.py holds the app to.

Every URL pattern (by namespaced name) and every API operation (by method and path) has one rule
here, or in its app's own ``tests/access.py`` (``PAGES`` and ``OPERATIONS``, gathered at the end).
A URL with no rule fails the test, so a new page is never reachable by accident: whoever adds it
says who may see it.

- ``PUBLIC``: anyone, signed in or not.
- ``ANONYMOUS_OK``: allauth's own flows, which decide for themselves (declared by route prefix).
- ``SIGNED_IN``: anonymous callers are sent to log in (pages) or answered 401 (API).
- ``OWNED``: signed in, and the URL names a thing of alex's (or alex's couple's). Alex reaches it;
  sam only if ``partner_sees``; robin, from another couple, gets 404; an id of nothing gets the very
  same 404, so no id tells anyone that a thing exists.
- ``THERAPIST``: the therapist's own pages. Only a therapist reaches them, and, where the URL names a
  couple, only the one holding that couple's seat now; everyone else gets the same 404 as for no couple.

Every rule but the public ones is also tried as three therapists (see ``People``): dr_lee, who holds
alex and sam's seat now; dr_ortiz, who holds robin's couple's; and dr_hale, whose seat with alex and
sam ended. Outside the therapist's own pages a therapist is someone with no partner: anything owned
answers them the same 404 as an id of nothing, and no answer names alex or sam.
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import time, timedelta
from enum import StrEnum

from django.apps import apps
from django.utils import timezone

from breathingroom.accounts.models import Person
from breathingroom.agreements import proposals
from breathingroom.agreements.rhythm import RhythmTime
from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.tests.conftest import agree, proposal, until_reconnecting
from breathingroom.calm.models import UnsentNote
from breathingroom.couples import pairing
from breathingroom.notify.models import PushSubscription
from breathingroom.yourdata import export

WORDS = "Back soon, love. I am settling, not leaving."


class Kind(StrEnum):
    PUBLIC = "public"
    ANONYMOUS_OK = "anonymous ok"
    SIGNED_IN = "signed in"
    OWNED = "owned"
    THERAPIST = "therapist"


@dataclass(frozen=True)
class People:
    alex: Person
    sam: Person
    robin: Person
    jo: Person
    # Holds alex and sam's therapist's seat now; holds robin's couple's; held alex and sam's once.
    therapist: Person | None = None
    other_therapist: Person | None = None
    ex_therapist: Person | None = None

    @property
    def therapists(self) -> dict[str, Person]:
        found = {"dr_lee": self.therapist, "dr_ortiz": self.other_therapist, "dr_hale": self.ex_therapist}
        return {name: person for name, person in found.items() if person is not None}


@dataclass(frozen=True)
class Owned:
    """A thing made for a test: who owns it, the URL arguments naming it, and arguments naming nothing."""

    owner: Person
    kwargs: dict[str, object]
    missing: dict[str, object]
    partner: Person | None = None


Factory = Callable[[People], Owned]


@dataclass(frozen=True)
class Rule:
    kind: Kind
    # Pages: the methods a person would use on it. The API's operations have a method of their own.
    methods: tuple[str, ...] = ("get",)
    make: Factory | None = None
    partner_sees: bool = False
    # Arguments for a URL that needs them though nothing of anyone's is named by them.
    kwargs: Callable[[People], dict[str, object]] | None = None
    # A request body the operation accepts, so an outsider is refused for who they are, not for the body.
    body: dict[str, object] = field(default_factory=dict)
    # What a GET answers anyone (public) or the owner (owned); other methods only have to reach the
    # view: no 404, no 5xx, no sign-in.
    status: int = 200


def public(*methods: str, status: int = 200) -> Rule:
    return Rule(Kind.PUBLIC, methods=methods or ("get",), status=status)


def signed_in(*methods: str, **options: object) -> Rule:
    return Rule(Kind.SIGNED_IN, methods=methods or ("get",), **options)  # type: ignore[arg-type]


def owned(make: Factory, *methods: str, **options: object) -> Rule:
    return Rule(Kind.OWNED, methods=methods or ("get",), make=make, **options)  # type: ignore[arg-type]


def therapist(make: Factory | None = None, *methods: str, **options: object) -> Rule:
    """A therapist's own page: ``make`` names a couple whose seat ``People.therapist`` holds (its owner)."""
    return Rule(Kind.THERAPIST, methods=methods or ("get",), make=make, **options)  # type: ignore[arg-type]


ANONYMOUS_OK = Rule(Kind.ANONYMOUS_OK)


# --- Factories: something of alex's, and the URL arguments that name it ------------------------


def _nothing() -> str:
    return str(uuid.uuid4())


def break_on(people: People) -> Owned:
    brk = space.take_space(people.alex, 20, WORDS)
    return Owned(people.alex, {"break_id": brk.id}, {"break_id": _nothing()}, people.sam)


def break_reconnecting(people: People) -> Owned:
    brk = until_reconnecting(space.take_space(people.alex, 20, WORDS))
    return Owned(people.alex, {"break_id": brk.id}, {"break_id": _nothing()}, people.sam)


def break_to_talk_again(people: People) -> Owned:
    """A break both said was "not yet" repaired, with a time to talk again tomorrow."""
    brk = until_reconnecting(space.take_space(people.alex, 20, WORDS))
    tomorrow = timezone.now() + timedelta(days=1)
    for person in (people.alex, people.sam):
        reconnecting.record_outcome(person, brk.id, "on_time", "not_yet", tomorrow)
    return Owned(people.alex, {"break_id": brk.id}, {"break_id": _nothing()}, people.sam)


def agreement_version(name: str, *, from_partner: bool = False) -> Factory:
    """A version of alex's couple's agreement; ``from_partner``: sam proposed it, for alex to accept."""

    def make(people: People) -> Owned:
        agreement = proposals.propose(people.sam if from_partner else people.alex, proposal())
        return Owned(people.alex, {name: agreement.version}, {name: 99}, people.sam)

    return make


def rhythm_time(name: str) -> Factory:
    """A time in the rhythm alex's couple agreed on."""

    def make(people: People) -> Owned:
        rhythm = (RhythmTime(days=(0, 1, 2, 3, 4), at=time(18), what="after work: tea together"),)
        agreement = agree(people.alex, people.sam, rhythm=rhythm)
        return Owned(people.alex, {name: agreement.terms().rhythm[0].key}, {name: "0badc0de"}, people.sam)

    return make


def unsent_note(people: People) -> Owned:
    note = UnsentNote.objects.create(person=people.alex, text="mine alone")
    return Owned(people.alex, {"pk": note.pk}, {"pk": _nothing()}, people.sam)


def device(people: People) -> Owned:
    subscription = PushSubscription.objects.create(
        person=people.alex, endpoint="https://push.example.com/alex-phone", p256dh="key", auth="secret"
    )
    return Owned(people.alex, {"subscription_id": subscription.public_id}, {"subscription_id": _nothing()}, people.sam)


def invitation(people: People) -> Owned:
    # Only someone without a partner can invite: jo's code, which robin must not be able to touch.
    code = pairing.create_invitation(people.jo).display_code
    return Owned(people.jo, {"code": code}, {"code": "ZZZZ-ZZZZ"})


def ready_export(people: People) -> Owned:
    started = export.request_export(people.alex)
    export.build.call(str(started.pk))
    return Owned(people.alex, {"export_id": started.pk}, {"export_id": _nothing()}, people.sam)


def jos_code(people: People) -> dict[str, object]:
    return {"code": pairing.create_invitation(people.jo).display_code}


# --- Pages, by namespaced URL name ----------------------------------------------------------

PAGES: dict[str, Rule] = {
    "home": public(),
    "healthz": public(),
    "livez": public(),
    "notify:service_worker": public(),
    "account_login": public(),
    "account_signup": public(),
    "account_reset_password": public(),
    "accounts:settings": signed_in("get", "post"),
    "yourdata:data": signed_in(),
    "yourdata:start_export": signed_in("post"),
    "yourdata:export": owned(ready_export),
    "yourdata:download_export": owned(ready_export),
    "yourdata:delete": signed_in("get", "post"),
    # Shown once the account is gone, so to someone signed out.
    "yourdata:goodbye": public(),
    "security:log": signed_in(),
    "safety:index": public(),
    "safety:privacy": public(),
    "couples:create_invitation": signed_in("post"),
    "couples:revoke_invitation": owned(invitation, "post"),
    "couples:join_by_code": signed_in("get", "post"),
    # Whoever holds a code may see who sent it; the code comes in the body, never the address.
    "couples:preview": signed_in("post"),
    # A link from before codes moved into the fragment: it only sends anyone on to that fragment.
    "couples:join": Rule(Kind.PUBLIC, status=302, kwargs=jos_code),
    "couples:leave": signed_in("get", "post"),
    "couples:pairing_changed": signed_in(),
    "breaks:take": signed_in("get", "post"),
    "breaks:now": signed_in(),
    # The couple's own list: nothing in the address names anything, and it shows only what each may see.
    "breaks:history": signed_in(),
    "breaks:ready": owned(break_on, "post", partner_sees=True),
    "breaks:extend": owned(break_on, "get", "post", partner_sees=True),
    "breaks:thinking_of_you": owned(break_on, "post", partner_sees=True),
    "breaks:prepare": owned(break_on, "get", "post", partner_sees=True),
    "breaks:calendar": owned(break_on, partner_sees=True),
    "breaks:reconnect": owned(break_reconnecting, partner_sees=True),
    "breaks:back": owned(break_reconnecting, "post", partner_sees=True),
    "breaks:check_in": owned(break_reconnecting, "post", partner_sees=True),
    "breaks:move_on": owned(break_reconnecting, "post", partner_sees=True),
    "breaks:breathe": owned(break_reconnecting, "post", partner_sees=True),
    "breaks:more_minutes": owned(break_reconnecting, "post", partner_sees=True),
    "breaks:go_on": owned(break_reconnecting, "post", partner_sees=True),
    "breaks:said_back": owned(break_reconnecting, "post", partner_sees=True),
    "breaks:heard": owned(break_reconnecting, "post", partner_sees=True),
    "breaks:next_try": owned(break_reconnecting, "post", partner_sees=True),
    "breaks:outcome": owned(break_reconnecting, "post", partner_sees=True),
    "breaks:talk_again": owned(break_to_talk_again, partner_sees=True),
    "breaks:talk_again_calendar": owned(break_to_talk_again, partner_sees=True),
    "breaks:move_talk_again": owned(break_to_talk_again, "post", partner_sees=True),
    "breaks:talked_again": owned(break_to_talk_again, "post", partner_sees=True),
    "agreements:show": signed_in(),
    "agreements:propose": signed_in("get", "post"),
    "agreements:version": owned(agreement_version("number"), partner_sees=True),
    "agreements:accept": owned(agreement_version("number", from_partner=True), "post", partner_sees=True),
    "agreements:skip_rhythm": owned(rhythm_time("key"), "post", partner_sees=True),
    "calm:index": signed_in(),
    "calm:breathe": signed_in(),
    "calm:ground": signed_in(),
    # Where the body check-in used to be: it sends old bookmarks on to /body/.
    "calm:body": signed_in(),
    "calm:unsent": signed_in("get", "post"),
    "calm:delete_unsent_note": owned(unsent_note, "post"),
    "calm:reasons": signed_in(),
    "calm:held": signed_in(),
    "notify:settings": signed_in("get", "post"),
    "notify:remove_device": owned(device, "post"),
    "offers:notifications": signed_in("get", "post"),
    "api:openapi-json": public(),
    "api:openapi-view": public(),
    # The API's root is only the base its operations' paths are built on: nothing there, for anyone.
    "api:api-root": public(status=404),
}

# allauth's own pages and its app API: many, and each decides for itself who may use it. Only
# allauth's views may live under these prefixes.
ALLAUTH_PREFIXES: dict[str, Rule] = {
    "accounts/": ANONYMOUS_OK,
    "_allauth/": ANONYMOUS_OK,
}

# --- API operations, by method and path as the OpenAPI document gives them -----------------

API = "/api/v1"
EXTEND = {"minutes": 10, "reassurance": WORDS}

OPERATIONS: dict[tuple[str, str], Rule] = {
    ("GET", f"{API}/me"): signed_in(),
    ("PATCH", f"{API}/me"): signed_in(),
    ("DELETE", f"{API}/me"): signed_in(body={"password": "not-my-password"}),
    ("GET", f"{API}/me/security-log"): signed_in(),
    ("POST", f"{API}/me/export"): signed_in(),
    ("GET", f"{API}/me/export"): signed_in(),
    ("GET", f"{API}/me/export/{{export_id}}"): owned(ready_export),
    ("GET", f"{API}/me/export/{{export_id}}/download"): owned(ready_export),
    ("GET", f"{API}/couple"): signed_in(),
    ("POST", f"{API}/couple/invitations"): signed_in(),
    ("GET", f"{API}/couple/invitations/current"): signed_in(),
    ("DELETE", f"{API}/couple/invitations/{{code}}"): owned(invitation),
    ("POST", f"{API}/couple/join"): signed_in(body={"code": "ZZZZ-ZZZZ"}),
    ("DELETE", f"{API}/couple/membership"): signed_in(),
    ("POST", f"{API}/events/ticket"): signed_in(),
    ("GET", f"{API}/events"): signed_in(),
    ("GET", f"{API}/agreement"): signed_in(),
    ("POST", f"{API}/agreement/proposals"): signed_in(),
    ("POST", f"{API}/agreement/proposals/{{version}}/accept"): owned(
        agreement_version("version", from_partner=True), partner_sees=True
    ),
    ("POST", f"{API}/agreement/rhythm/{{id}}/skip"): owned(rhythm_time("id"), partner_sees=True),
    ("GET", f"{API}/breaks"): signed_in(),
    ("POST", f"{API}/breaks"): signed_in(body={"minutes": 20}),
    ("GET", f"{API}/breaks/current"): signed_in(),
    ("GET", f"{API}/breaks/{{break_id}}"): owned(break_on, partner_sees=True),
    ("GET", f"{API}/breaks/{{break_id}}/calendar.ics"): owned(break_on, partner_sees=True),
    ("POST", f"{API}/breaks/{{break_id}}/extend"): owned(break_on, partner_sees=True, body=EXTEND),
    ("POST", f"{API}/breaks/{{break_id}}/end"): owned(break_on, partner_sees=True),
    ("POST", f"{API}/breaks/{{break_id}}/thinking-of-you"): owned(break_on, partner_sees=True),
    ("GET", f"{API}/breaks/{{break_id}}/reconnection"): owned(break_reconnecting, partner_sees=True),
    ("POST", f"{API}/breaks/{{break_id}}/reconnection"): owned(break_reconnecting, partner_sees=True),
    ("GET", f"{API}/breaks/{{break_id}}/talk-again"): owned(break_to_talk_again, partner_sees=True),
    ("POST", f"{API}/breaks/{{break_id}}/talk-again"): owned(break_to_talk_again, partner_sees=True),
    ("GET", f"{API}/breaks/{{break_id}}/talk-again.ics"): owned(break_to_talk_again, partner_sees=True),
    ("GET", f"{API}/notifications/settings"): signed_in(),
    ("PUT", f"{API}/notifications/settings"): signed_in(
        body={"push": "off", "email_reminders": False, "quiet_from": None, "quiet_until": None}
    ),
    ("GET", f"{API}/notifications/subscriptions"): signed_in(),
    ("POST", f"{API}/notifications/subscriptions"): signed_in(),
    ("DELETE", f"{API}/notifications/subscriptions/{{subscription_id}}"): owned(device),
    ("GET", f"{API}/notifications/vapid-key"): signed_in(),
}


def _gather() -> None:
    """Add each app's own rules: an app declares its URLs beside its code, and no two apps name one URL.

    Called last, so an app's rules module can import this module's kinds, factories and constants.
    """
    for config in apps.get_app_configs():
        if not config.name.startswith("breathingroom.") or config.name == "breathingroom.tests":
            continue
        name = f"{config.name}.tests.access"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as missing:
            if missing.name in (name, f"{config.name}.tests"):
                continue
            raise
        for mine, theirs in ((PAGES, module.PAGES), (OPERATIONS, module.OPERATIONS)):
            twice = mine.keys() & theirs.keys()
            if twice:
                raise AssertionError(f"{name} declares rules already declared: {sorted(map(str, twice))}")
            mine.update(theirs)


_gather()
