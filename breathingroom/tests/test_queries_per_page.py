"""How many database queries each main page and API list costs: a fixed number, the same for a couple
with one past break as for a couple with a thousand.

Each number below is exact. A page that reads one more row per break, episode or note shows up here
as a count that grows with the history; a change that adds or saves a query changes the number, and
the failure lists every query of both histories so the change can be seen. Each request is measured
after one the same that warms the session and what a process caches once, so the count is what a
person pays every time they open the page. Pages kept until news (events/kept_pages.py) are counted
as they cost when made, with keeping off; what the kept answer costs is counted apart, below.

Both histories are written straight into the tables once for the module, with the rows a finished
break holds (takers, an extension now and then, thoughts, notes, the reconnection with its check-ins,
tries and outcomes, a time to talk again after a "not yet"), the episodes looked back on, and the
body check-ins, journal entries and appreciations of the days between.
"""

from __future__ import annotations

import difflib
import random
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from breathingroom.accounts.models import Person
from breathingroom.appreciations.models import Appreciation, NoteKind
from breathingroom.body import models as body
from breathingroom.breaks import models as breaks
from breathingroom.breaks import space
from breathingroom.breaks.tests.conftest import REASSURANCE, agree, until_reconnecting
from breathingroom.conftest import client_for, make_couple, make_person
from breathingroom.couples.models import Couple
from breathingroom.dance.models import Episode, RepairStep, RepairTalk, Side
from breathingroom.demo import words
from breathingroom.demo.history import SAVED_IN_ORDER
from breathingroom.demo.story import Partner, Story
from breathingroom.demo.tendencies import MAYA, SETTLED_FEELINGS, THEO
from breathingroom.journal.models import Entry

# Queries per request, by page. Home, the take-space page and the break's panel are the pages
# opened most; the lists page through a history that only grows.
HOME_ON_BREAK = 17
HOME_WAITING = 19
HOME_BETWEEN = 17  # the second request: whether the couple look stuck is kept until the next event
TAKE_SPACE = 9
BREAK_PANEL = 14
RECONNECTING = 21
HISTORY = 16
DANCE = 9
CYCLE = 8
INSIGHTS = 14
API_CURRENT = 9
API_BREAKS = 14
API_JOURNAL = 6
API_PARTNER_JOURNAL = 6
API_EPISODES = 7
API_CHECK_INS = 7
API_PARTNER_CHECK_INS = 7
API_APPRECIATIONS = 6
API_REPORT_SIDES = 5

pytestmark = pytest.mark.django_db

FEW, MANY = 1, 1000
# One break about every day and a half, going back from yesterday.
APART = timedelta(hours=37)
LENGTHS = (20, 30, 45, 60, 90, 30, 45)


@dataclass(frozen=True)
class Lived:
    """A couple and how many breaks they have behind them. ``alex`` is the one who reaches, ``sam`` settles."""

    couple: Couple
    alex: Person
    sam: Person
    past: int

    def page_is_full(self, response: Any) -> bool:
        """An API list of this history holds a whole page, so a query per row would show in the count."""
        body = response.json() if response["Content-Type"].startswith("application/json") else None
        items = body.get("items") if isinstance(body, dict) else body
        return self.past == FEW or items is None or len(items) > 1


def keys(weights: Mapping[str, float], i: int) -> str:
    """The ``i``-th of a tendency's words, round and round: every word turns up, in a fixed order."""
    listed = sorted(weights)
    return listed[i % len(listed)]


def line(options: tuple[str, ...], i: int) -> str:
    return options[i % len(options)]


class History:
    """``n`` finished breaks and the days around them, as rows in memory, saved as the demo saves its own.

    Break ``0`` (the newest, and the only one of a one-break history) holds a row of every kind, so
    both histories ask the same questions of every relation a page reads.
    """

    def __init__(self, lived: Lived, n: int, now: datetime) -> None:
        self.lived = lived
        self.partner = {lived.alex.pk: Partner(lived.alex, MAYA), lived.sam.pk: Partner(lived.sam, THEO)}
        # The demo's own rows and their saving; its dice stay unused, every choice here is by number.
        reach, settle = self.partner.values()
        story = Story(random.Random(), lived.couple, reach, settle, now - APART * (n + 1), now)
        self.story, self.add = story, story.add
        for i in range(n):
            self.a_break(i, now - timedelta(days=1) - APART * i)

    def save(self) -> None:
        self.story.save(SAVED_IN_ORDER)

    def a_break(self, i: int, started: datetime) -> None:
        alex, sam = self.lived.alex, self.lived.sam
        taker, waiting = (alex, sam) if i % 3 else (sam, alex)
        asked = LENGTHS[i % len(LENGTHS)]
        brk = breaks.Break(
            couple=self.lived.couple,
            started_by=taker,
            started_at=started,
            returns_at=started + timedelta(minutes=asked),
            agreement_version=1,
        )
        takers = [breaks.Taker(brk=brk, person=taker, reassurance=self.reassurance(taker, i), minutes=asked)]
        takers[0].joined_at = started
        if i % 11 == 5:
            # The other needed space too, a few minutes in.
            also = breaks.Taker(brk=brk, person=waiting, reassurance=self.reassurance(waiting, i), minutes=asked)
            also.joined_at = started + timedelta(minutes=4)
            brk.returns_at = also.joined_at + timedelta(minutes=asked)
            takers.append(also)
        if i % 4 == 0:
            brk.extensions_used = 1
            brk.returns_at += timedelta(minutes=15)
            words_now = line(words.EXTENSION_REASSURANCES[self.partner[taker.pk].role], i)
            at = brk.returns_at - timedelta(minutes=20)
            self.add(breaks.Extension(brk=brk, person=taker, minutes=15, reassurance=words_now, created_at=at))
        late = i % 9 == 4
        if i % 7 == 3:
            brk.ended_early_at = started + timedelta(minutes=asked * 0.6)
            for taker_row in takers:
                taker_row.ready_at = taker_row.back_at = brk.ended_early_at
        else:
            brk.due_announced_at = brk.returns_at
            for taker_row in takers:
                taker_row.back_at = brk.returns_at + timedelta(minutes=25 if late else 3)
            if late:
                brk.overdue_announced_at = brk.returns_at + timedelta(minutes=breaks.OVERDUE_AFTER)
        back = max(t.back_at for t in takers if t.back_at)
        self.add(brk, *takers)
        if i % 2 == 0 and len(takers) == 1:
            self.add(breaks.ThinkingOfYou(brk=brk, sender=waiting, sent_at=started + timedelta(minutes=asked / 2)))
        if i % 3 == 0:
            notes = words.PREPARATION[self.partner[taker.pk].role]
            self.add(
                breaks.Preparation(
                    brk=brk,
                    person=taker,
                    felt=line(notes["felt"], i),
                    need=line(notes["need"], i),
                    my_part=line(notes["my_part"], i),
                    updated_at=back - timedelta(minutes=5),
                )
            )
        self.reconnect(i, brk, taker, waiting, back, late)
        if i % 2 == 0:
            # Every other break is looked back on, and each of them checks in and writes about it.
            self.episode(i, brk, back + timedelta(hours=3))
            for person in (alex, sam):
                self.body_check_in(i, person, started + timedelta(minutes=10))
                self.entry(i, person, back + timedelta(hours=2))
        sender = sam if i % 2 == 0 else alex
        # The newest note is still on its recipient's Home; every other one was put away.
        seen = None if i == 0 else back + timedelta(hours=8)
        self.appreciation(i, sender, alex if sender is sam else sam, back + timedelta(hours=5), seen)

    def reassurance(self, person: Person, i: int) -> str:
        return line(words.REASSURANCES[self.partner[person.pk].role], i)

    def reconnect(self, i: int, brk: breaks.Break, taker: Person, waiting: Person, back: datetime, late: bool) -> None:
        reconnection = breaks.Reconnection(brk=brk, started_at=back, step=breaks.Step.DONE, first_speaker=waiting)
        self.add(reconnection)
        talked = back + timedelta(minutes=35)
        repair = breaks.Repair.NOT_YET if i % 13 == 7 else (breaks.Repair.PARTLY, breaks.Repair.REPAIRED)[i % 3 != 2]
        for person, strength in ((taker, 3 + i % 5), (waiting, 2 + i % 4)):
            role = self.partner[person.pk].role
            self.add(
                breaks.CheckIn(
                    reconnection=reconnection,
                    person=person,
                    strength=strength,
                    shared=(i + (person == taker)) % 2 == 1,
                    created_at=back,
                    checked_at=back,
                ),
                breaks.Outcome(
                    reconnection=reconnection,
                    person=person,
                    timing=breaks.Timing.LATE if late else breaks.Timing.ON_TIME,
                    repair=repair,
                    next_talk_at=talked + timedelta(days=1) if repair == breaks.Repair.NOT_YET else None,
                    recorded_at=talked,
                ),
            )
            if person == taker or i % 2 == 0:
                text = line(words.NEXT_TRIES[role], i)
                self.add(breaks.NextTry(reconnection=reconnection, person=person, text=text, created_at=talked))
        brk.closed_at = talked + timedelta(minutes=2)
        if repair == breaks.Repair.NOT_YET:
            at = talked + timedelta(days=1)
            self.add(
                breaks.TalkAgain(reconnection=reconnection, at=at, called_at=at, talked_at=at + timedelta(minutes=40))
            )

    def episode(self, i: int, brk: breaks.Break, begun: datetime) -> None:
        alex, sam = self.lived.alex, self.lived.sam
        episode = Episode(couple=self.lived.couple, brk=brk, happened_at=brk.started_at, created_at=begun)
        episode.started_by = alex if i % 2 == 0 else sam
        self.add(episode)
        for person, t in ((alex, MAYA), (sam, THEO)):
            written = begun + timedelta(minutes=10 if person == episode.started_by else 90)
            self.add(
                Side(
                    episode=episode,
                    person=person,
                    move=keys(t.moves, i),
                    trigger=keys(t.triggers, i),
                    surface_feeling=keys(t.surface, i),
                    deeper_feeling=keys(t.deeper, i),
                    fear=keys(t.fears, i),
                    need=keys(t.needs, i),
                    written_at=written,
                    updated_at=written,
                    # Most sides are shared; now and then one is kept, which the map and insights leave out.
                    shared_at=None if (i + (person == sam)) % 5 == 4 else written + timedelta(minutes=5),
                )
            )
        if i % 6 == 0:
            at = begun + timedelta(days=1)
            talk = RepairTalk(episode=episode, step=RepairStep.DONE, started_by=alex, started_at=at, kept=True)
            talk.updated_at = talk.finished_at = at + timedelta(minutes=40)
            self.add(talk)

    def body_check_in(self, i: int, person: Person, at: datetime) -> None:
        role, t = self.partner[person.pk].role, self.partner[person.pk].tendency
        check_in = body.CheckIn(
            person=person,
            created_at=at,
            feelings=[keys(SETTLED_FEELINGS, i), keys(SETTLED_FEELINGS, i + 1)],
            need=keys(t.needs, i),
            heart_rate=70 + i % 30,
            note=line(words.BODY_NOTES[role], i),
        )
        if i % 4 == 0:
            check_in.shared_in, check_in.shared_at = self.lived.couple, at + timedelta(minutes=1)
        self.add(check_in)
        for n in range(1 + i % 2):
            region, sensation = keys(t.regions, i + n), keys(t.sensations, i + n)
            self.add(body.Spot(check_in=check_in, region=region, sensation=sensation, intensity=(i + n) % 11))

    def entry(self, i: int, person: Person, at: datetime) -> None:
        role = self.partner[person.pk].role
        mood = ("hard", "everyday", "good")[i % 3]
        entry = Entry(person=person, created_at=at, text=line(words.JOURNAL[role][mood], i))
        if i % 3 == 0:
            entry.shared_in, entry.shared_at = self.lived.couple, at + timedelta(minutes=30)
        self.add(entry)

    def appreciation(self, i: int, sender: Person, recipient: Person, at: datetime, seen: datetime | None) -> None:
        role = self.partner[sender.pk].role
        okay = i % 5 == 4
        self.add(
            Appreciation(
                couple=self.lived.couple,
                sender=sender,
                recipient=recipient,
                kind=NoteKind.OKAY if okay else NoteKind.APPRECIATION,
                text=line(words.OKAY_WORDS, i) if okay else line(words.APPRECIATIONS[role], i),
                sent_at=at,
                seen_at=seen,
            )
        )


def lived(reaches: str, settles: str, past: int, now: datetime) -> Lived:
    alex, sam = make_person(reaches, "Europe/London"), make_person(settles, "America/New_York")
    couple = make_couple(alex, sam)
    agree(alex, sam)
    found = Lived(couple=couple, alex=alex, sam=sam, past=past)
    History(found, past, now).save()
    return found


@pytest.fixture(scope="module")
def histories(django_db_setup, django_db_blocker) -> Iterator[tuple[Lived, Lived]]:
    """A couple with one past break and a couple with a thousand, kept for the module and then taken back.

    Each test runs in a savepoint inside this module's own transaction, so what a test changes is
    undone after it and the histories are undone after the module.
    """
    now = timezone.now()
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast, transaction.atomic():
        yield lived("Ali", "Sol", FEW, now), lived("Alex", "Sam", MANY, now)
        transaction.set_rollback(True)


@dataclass(frozen=True)
class Page:
    """One request: who asks, for what, and whether a break is on or waiting to be reconnected."""

    # "{brk}" stands for the id of the break made for the request.
    path: str
    expected: int
    who: str = "alex"
    during: Callable[[Lived], breaks.Break] | None = None
    api: bool = False


def alex_on_break(lived: Lived) -> breaks.Break:
    return space.take_space(lived.alex, 30, REASSURANCE)


def back_to_talk(lived: Lived) -> breaks.Break:
    return until_reconnecting(alex_on_break(lived))


PAGES = {
    "home, on a break": Page("/", HOME_ON_BREAK, during=alex_on_break),
    "home, waiting": Page("/", HOME_WAITING, who="sam", during=alex_on_break),
    "home, between breaks": Page("/", HOME_BETWEEN),
    "take space": Page("/space/", TAKE_SPACE),
    "the break, waiting": Page("/space/now/", BREAK_PANEL, who="sam", during=alex_on_break),
    "the break, reconnecting": Page("/space/{brk}/reconnect/", RECONNECTING, during=back_to_talk),
    "our breaks": Page("/space/history/", HISTORY),
    "our dance": Page("/dance/", DANCE),
    "our cycle": Page("/dance/cycle/", CYCLE),
    "insights": Page("/insights/", INSIGHTS),
    "api current break": Page("/api/v1/breaks/current", API_CURRENT, who="sam", during=alex_on_break, api=True),
    "api breaks": Page("/api/v1/breaks", API_BREAKS, api=True),
    "api journal": Page("/api/v1/journal", API_JOURNAL, api=True),
    "api partner's journal": Page("/api/v1/journal?whose=partner", API_PARTNER_JOURNAL, api=True),
    "api episodes": Page("/api/v1/episodes", API_EPISODES, api=True),
    "api body check-ins": Page("/api/v1/body/check-ins", API_CHECK_INS, api=True),
    "api partner's check-ins": Page("/api/v1/body/check-ins?whose=partner", API_PARTNER_CHECK_INS, api=True),
    "api appreciations": Page("/api/v1/appreciations", API_APPRECIATIONS, api=True),
    "api sides for reports": Page("/api/v1/reports/sides", API_REPORT_SIDES, api=True),
}


def signed_in(person: Person, api: bool) -> Client:
    browser = client_for(person)
    if not api:
        return browser
    # A phone sends its app session token, which is the key of a session like the browser's.
    return Client(headers={"X-Session-Token": browser.session.session_key})


def measured(page: Page, lived: Lived) -> list[str]:
    """Every query of the second of two requests for ``page``, as ``lived``'s person sees it, made afresh."""
    with override_settings(KEEP_PAGES=False):
        return asked(page, lived)


def asked(page: Page, lived: Lived) -> list[str]:
    """Every query of the second of two requests for ``page``, as ``lived``'s person sees it."""
    brk = page.during(lived) if page.during else None
    path = page.path.format(brk=brk.pk if brk else None)
    client = signed_in(getattr(lived, page.who), page.api)
    client.get(path)
    with CaptureQueriesContext(connection) as seen:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code, response.content[:300])
    assert lived.page_is_full(response), (path, response.content[:300])
    return [re.sub(COLUMNS, "SELECT … FROM", query["sql"]) for query in seen.captured_queries]


# A plain list of columns says nothing a reader needs, and hides the part of the query that changed.
COLUMNS = re.compile(r'^SELECT (?:DISTINCT )?(?:"\w+"\."\w+"(?: AS "\w+")?, )*"\w+"\."\w+"(?: AS "\w+")? FROM')
# Ids, times and keys differ between the two couples; the rest of a query is what a page asked.
VALUES = re.compile(r"'[^']*'(?:::\w+)?|\b\d+\b")


def shape(sql: str) -> str:
    return VALUES.sub("?", sql)


@pytest.mark.parametrize("name", list(PAGES))
def test_a_page_costs_the_same_queries_whatever_the_history(histories, name):
    page = PAGES[name]
    few, many = (measured(page, lived) for lived in histories)
    report = [f"{name}: {len(few)} queries with {FEW} past break, {len(many)} with {MANY}; expected {page.expected}"]
    if len(few) != len(many):
        before, after = [shape(sql) for sql in few], [shape(sql) for sql in many]
        report += difflib.unified_diff(before, after, f"{FEW} past break", f"{MANY} past breaks", lineterm="", n=1)
    report += [f"With {MANY} past breaks:", *(f"{n:3}. {sql}" for n, sql in enumerate(many, 1))]
    assert (len(few), len(many)) == (page.expected, page.expected), "\n".join(report)


# Kept until news: the session, the person, and the number of their newest event.
KEPT_PAGE = 3
# An app's token is its session's key: the same three.
KEPT_API = KEPT_PAGE
KEPT = {
    "home, on a break": KEPT_PAGE,
    "home, waiting": KEPT_PAGE,
    "home, between breaks": KEPT_PAGE,
    "the break, waiting": KEPT_PAGE,
    "our breaks": KEPT_PAGE,
    "api current break": KEPT_API,
    "api breaks": KEPT_API,
}


@pytest.mark.parametrize("name", list(KEPT))
def test_a_kept_page_costs_only_what_says_whether_there_is_news(histories, name):
    page = PAGES[name]
    few, many = (asked(page, lived) for lived in histories)
    expected = KEPT[name]
    report = [f"{name}, kept: {len(few)} queries with {FEW} past break, {len(many)} with {MANY}; expected {expected}"]
    report += [f"With {MANY} past breaks:", *(f"{n:3}. {sql}" for n, sql in enumerate(many, 1))]
    assert (len(few), len(many)) == (expected, expected), "\n".join(report)
