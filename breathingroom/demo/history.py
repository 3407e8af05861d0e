"""A demo couple with months or years of history, made by code from a seed: ``make`` and ``remove``.

Maya and Theo sign in with their email address and a password made fresh each time (their
addresses are already confirmed). They paired, wrote their Space Agreement through the same domain
functions a couple uses (``couples.pairing``, ``agreements.proposals``), and then lived the months
before today: breaks and reconnections, episodes of the dance with both sides, repair talks, body
check-ins, journal entries and appreciations. That history is written straight into the database
with the times it would have had, since the domain functions only ever act now.

The same seed and the same ``end`` give the same history. Making it again first removes the demo
couple made before (found by their addresses), and never touches anyone else.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.db import models, transaction
from django.utils import timezone

from breathingroom.accounts.models import Person
from breathingroom.agreements import proposals
from breathingroom.agreements.models import Agreement, Contact, Reconnect
from breathingroom.appreciations.models import Appreciation
from breathingroom.body import models as body
from breathingroom.breaks import models as breaks
from breathingroom.couples import pairing
from breathingroom.couples.models import Couple, Invitation, Membership
from breathingroom.dance.models import Episode, RepairAnswer, RepairConfirm, RepairTalk, Side
from breathingroom.demo import words
from breathingroom.demo.history_breaks import make_breaks
from breathingroom.demo.history_dance import make_episodes
from breathingroom.demo.history_everyday import make_everyday
from breathingroom.demo.story import ZONE, Partner, Story
from breathingroom.demo.tendencies import MAYA, THEO, Tendency
from breathingroom.journal.models import Entry

SEED = 13
MONTHS = 6
DOMAIN = "example.com"
# Each model once, parents before children.
SAVED_IN_ORDER: tuple[type[models.Model], ...] = (
    breaks.Break,
    breaks.Taker,
    breaks.Extension,
    breaks.ThinkingOfYou,
    breaks.Preparation,
    breaks.Reconnection,
    breaks.CheckIn,
    breaks.NextTry,
    breaks.Outcome,
    breaks.TalkAgain,
    Episode,
    Side,
    RepairTalk,
    RepairAnswer,
    RepairConfirm,
    body.CheckIn,
    body.Spot,
    Entry,
    Appreciation,
)


def email_of(tendency: Tendency) -> str:
    return f"{tendency.email_name}.demo@{DOMAIN}"


EMAILS = (email_of(MAYA), email_of(THEO))


@dataclass(frozen=True)
class Login:
    name: str
    email: str
    password: str


@dataclass(frozen=True)
class Demo:
    couple: Couple
    logins: tuple[Login, Login]
    start: datetime
    end: datetime
    # Rows made, by model label ("breaks.Break": 37).
    counts: dict[str, int]


def remove() -> int:
    """Remove the demo couple and its two people, with everything of theirs; how many people went.

    A couple is removed only when no one else is in it, so nobody else's account loses anything.
    """
    people = Person.objects.filter(email__in=EMAILS)
    found = people.count()
    others = Membership.objects.exclude(person__in=people).values("couple")
    Couple.objects.filter(memberships__person__in=people).exclude(pk__in=others).delete()
    people.delete()
    return found


def make(seed: int = SEED, months: int = MONTHS, end: datetime | None = None) -> Demo:
    """Replace the demo couple with a fresh one whose history covers the ``months`` before ``end`` (or now)."""
    end = end or timezone.now()
    start = end - timedelta(days=round(months * 365.25 / 12))
    rng = random.Random(seed)
    with transaction.atomic():
        remove()
        logins = []
        people = []
        for tendency in (MAYA, THEO):
            login = Login(tendency.name, email_of(tendency), secrets.token_urlsafe(9))
            people.append(_person(login, start))
            logins.append(login)
        maya, theo = people
        couple = _pair(maya, theo, start)
        agreements = _agree(maya, theo, start, months, rng)
        story = Story(rng, couple, Partner(maya, MAYA), Partner(theo, THEO), start, end)
        made = make_breaks(story, agreements)
        make_episodes(story, made)
        make_everyday(story, made)
        story.save(SAVED_IN_ORDER)
    counts = {model._meta.label: story.count(model) for model in SAVED_IN_ORDER}
    return Demo(couple=couple, logins=(logins[0], logins[1]), start=start, end=end, counts=counts)


def _person(login: Login, start: datetime) -> Person:
    person = Person.objects.create_user(
        email=login.email, password=login.password, display_name=login.name, time_zone=ZONE
    )
    Person.objects.filter(pk=person.pk).update(date_joined=start - timedelta(days=3))
    EmailAddress.objects.create(user=person, email=login.email, verified=True, primary=True)
    return person


def _pair(maya: Person, theo: Person, start: datetime) -> Couple:
    invitation = pairing.create_invitation(maya)
    couple = pairing.join(theo, invitation.code)
    paired = start - timedelta(days=2)
    Invitation.objects.filter(pk=invitation.pk).update(created_at=paired - timedelta(hours=3), used_at=paired)
    Couple.objects.filter(pk=couple.pk).update(created_at=paired)
    Membership.objects.filter(couple=couple).update(joined_at=paired)
    return Couple.objects.of(maya)


def _agree(maya: Person, theo: Person, start: datetime, months: int, rng: random.Random) -> list[Agreement]:
    """The agreement both accepted before the first break, and, in a longer history, the version that changed it."""
    first = proposals.Proposal(
        shortest=20,
        longest=24 * 60,
        presets=(20, 30, 45, 60, 90, 120),
        until_morning=True,
        extensions=1,
        contact=Contact.ONCE,
        contact_every=60,
        reconnect=Reconnect.RITUAL,
        own_way="",
        words=words.AGREEMENT_WORDS[words.REACH],
    )
    proposals.propose(maya, first)
    agreement = proposals.accept(theo, 1, words=words.AGREEMENT_WORDS[words.SETTLE])
    _backdate(agreement, start - timedelta(days=1, hours=2), start - timedelta(days=1))
    versions = [agreement]
    if months >= 4:
        # A few months in, they make room for a second extension and a shorter first step.
        proposals.propose_changes(
            theo, shortest=15, presets=(15, 30, 45, 60, 90, 120), extensions=2, contact=Contact.EVERY, contact_every=45
        )
        second = proposals.accept(maya, 2)
        changed = start + timedelta(days=rng.randint(80, 110))
        _backdate(second, changed - timedelta(hours=20), changed)
        versions.append(second)
    return versions


def _backdate(agreement: Agreement, proposed: datetime, accepted: datetime) -> None:
    Agreement.objects.filter(pk=agreement.pk).update(proposed_at=proposed, accepted_at=accepted)
    agreement.refresh_from_db()
