"""The demo couple: made from a seed the same way each time, varied, replaced when made again, and told on screen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.db.models import F

from breathingroom.accounts.models import Person
from breathingroom.agreements.models import Agreement
from breathingroom.appreciations.models import Appreciation, NoteKind
from breathingroom.body import models as body
from breathingroom.body.feelings import FEELING_KEYS
from breathingroom.breaks import models as breaks
from breathingroom.breaks import space
from breathingroom.conftest import make_couple, make_person
from breathingroom.couples.models import Couple
from breathingroom.dance import repair
from breathingroom.dance.cycle import Pattern, cycle_of
from breathingroom.dance.models import Episode, RepairAnswer, RepairTalk, Side
from breathingroom.dance.vocabulary import FEAR_KEYS, TRIGGER_KEYS, Move
from breathingroom.demo import history, words
from breathingroom.demo.tendencies import MAYA, SETTLED_FEELINGS, STIRRED_FEELINGS, THEO
from breathingroom.journal.models import Entry
from breathingroom.phrasebook.vocabulary import NEED_KEYS

END = datetime(2026, 3, 20, 18, 0, tzinfo=UTC)
MONTHS = 2


def snapshot(demo: history.Demo) -> dict[str, object]:
    """What a history holds, without its ids: the counts and its first rows of each kind."""
    couple = demo.couple
    names = {p.pk: p.display_name for p in couple.partners}
    sides = Side.objects.filter(episode__couple=couple).order_by(
        "episode__happened_at", "episode__created_at", "person__email"
    )
    return {
        "counts": demo.counts,
        "breaks": list(
            breaks.Break.objects.filter(couple=couple)
            .order_by("started_at")
            .values_list("started_at", "returns_at", "extensions_used", "ended_early_at", "closed_at")[:5]
        ),
        "sides": [
            (names[s.person_id], s.move, s.trigger, s.deeper_feeling, s.fear, s.need, s.shared_at is not None)
            for s in sides[:6]
        ],
        "entries": [
            (names[e.person_id], e.created_at, e.text)
            for e in Entry.objects.filter(person__in=couple.partners).order_by("created_at", "person__email")[:4]
        ],
    }


@pytest.fixture
def demo(db) -> history.Demo:
    return history.make(months=MONTHS, end=END)


def test_the_same_seed_makes_the_same_history(db):
    first = snapshot(history.make(seed=7, months=MONTHS, end=END))
    again = snapshot(history.make(seed=7, months=MONTHS, end=END))
    other = snapshot(history.make(seed=8, months=MONTHS, end=END))
    assert again == first
    assert other != first
    assert first["counts"]["breaks.Break"] > 5


def test_the_couple_can_sign_in_and_is_paired(demo):
    maya, theo = (Person.objects.get(email=login.email) for login in demo.logins)
    for person, login in ((maya, demo.logins[0]), (theo, demo.logins[1])):
        assert person.check_password(login.password)
        assert person.time_zone == "Europe/London"
        assert EmailAddress.objects.filter(user=person, email=person.email, verified=True, primary=True).exists()
    assert Couple.objects.of(maya) == Couple.objects.of(theo) == demo.couple
    agreement = Agreement.objects.in_force_for(demo.couple)
    assert agreement is not None
    assert {agreement.proposed_by_id, agreement.accepted_by_id} == {maya.pk, theo.pk}
    assert agreement.accepted_at < demo.start


def test_the_history_has_the_variety_promised(demo):
    couple = demo.couple
    maya, theo = (Person.objects.get(email=login.email) for login in demo.logins)
    all_breaks = breaks.Break.objects.filter(couple=couple)
    assert all_breaks.filter(extensions_used__gt=0).exists()
    assert breaks.Extension.objects.filter(brk__couple=couple).exists()
    assert all_breaks.filter(ended_early_at__isnull=False).exists()
    late_after = timedelta(minutes=breaks.OVERDUE_AFTER)
    assert breaks.Taker.objects.filter(brk__couple=couple, back_at__gt=F("brk__returns_at") + late_after).exists()
    assert {b.started_by_id for b in all_breaks} == {maya.pk, theo.pk}
    assert all_breaks.filter(closed_at__isnull=True).count() == 0

    outcomes = breaks.Outcome.objects.filter(reconnection__brk__couple=couple)
    assert {o.repair for o in outcomes} == set(breaks.Repair.values)
    assert {o.timing for o in outcomes} == {breaks.Timing.ON_TIME, breaks.Timing.LATE}
    assert breaks.TalkAgain.objects.filter(reconnection__brk__couple=couple, talked_at__isnull=False).exists()
    check_ins = breaks.CheckIn.objects.filter(reconnection__brk__couple=couple)
    assert {c.shared for c in check_ins} == {True, False}

    sides = Side.objects.filter(episode__couple=couple)
    assert {s.person_id for s in sides} == {maya.pk, theo.pk}
    assert sides.filter(shared_at__isnull=True).exists()
    assert sides.filter(shared_at__isnull=False).count() > sides.filter(shared_at__isnull=True).count()
    assert Episode.objects.filter(couple=couple, brk__isnull=False).exists()
    kept = RepairTalk.objects.filter(episode__couple=couple, kept=True, finished_at__isnull=False)
    assert kept.exists()
    assert RepairAnswer.objects.filter(talk__in=kept, person=maya).exists()
    assert RepairAnswer.objects.filter(talk__in=kept, person=theo).exists()

    body_check_ins = body.CheckIn.objects.filter(person__in=[maya, theo])
    assert body_check_ins.filter(shared_in=couple).exists()
    assert body_check_ins.filter(shared_in__isnull=True).exists()
    assert body.Spot.objects.filter(check_in__in=body_check_ins).count() >= body_check_ins.count()
    entries = Entry.objects.filter(person__in=[maya, theo])
    assert entries.filter(shared_in=couple).exists()
    assert entries.filter(shared_in__isnull=True).exists()
    assert Appreciation.objects.filter(couple=couple, kind=NoteKind.APPRECIATION).exists()


def test_the_history_is_all_in_the_past(demo):
    couple = demo.couple
    latest = [
        breaks.Break.objects.filter(couple=couple).latest("closed_at").closed_at,
        Episode.objects.filter(couple=couple).latest("created_at").created_at,
        Side.objects.filter(episode__couple=couple).latest("updated_at").updated_at,
        body.CheckIn.objects.filter(person__in=couple.partners).latest("created_at").created_at,
        Entry.objects.filter(person__in=couple.partners).latest("created_at").created_at,
    ]
    assert all(moment <= demo.end for moment in latest)
    assert breaks.Break.objects.filter(couple=couple).earliest("started_at").started_at >= demo.start


def test_the_cycle_map_shows_maya_reaching_and_theo_stepping_back(demo):
    maya = Person.objects.get(email=demo.logins[0].email)
    cycle = cycle_of(demo.couple, maya)
    assert cycle.pattern == Pattern.PURSUE_WITHDRAW
    assert cycle.enough
    assert [p.name for p in cycle.partners] == ["Maya", "Theo"]


def test_making_it_again_replaces_the_couple_and_leaves_everyone_else_alone(alex, sam, couple, demo):
    space.take_space(alex, 20, "Back soon.")
    again = history.make(months=MONTHS, end=END)
    assert Person.objects.filter(email__in=history.EMAILS).count() == 2
    assert not Couple.objects.filter(pk=demo.couple.pk).exists()
    assert Couple.objects.filter(memberships__person__email__in=history.EMAILS).distinct().get() == again.couple
    assert Couple.objects.of(alex) == Couple.objects.of(sam) == couple
    assert breaks.Break.objects.filter(couple=couple).count() == 1
    assert not Person.objects.filter(pk__in=[p.pk for p in demo.couple.partners]).exists()


def test_a_demo_person_paired_with_someone_else_takes_only_themselves_away(db, alex):
    stray = make_person("Stray")
    stray.email = history.EMAILS[0]
    stray.save()
    kept = make_couple(stray, alex)
    history.remove()
    assert Couple.objects.filter(pk=kept.pk).exists()
    assert Person.objects.filter(pk=alex.pk).exists()
    assert not Person.objects.filter(email__in=history.EMAILS).exists()


def test_the_command_prints_both_logins_and_where_to_look(db, settings):
    out = StringIO()
    call_command("demo", "--months", "1", stdout=out)
    said = out.getvalue()
    for email in history.EMAILS:
        person = Person.objects.get(email=email)
        line = next(line for line in said.splitlines() if email in line)
        assert person.check_password(line.split("password:")[1].strip())
    site = settings.SITE_URL.rstrip("/")
    assert f"open {site}/\n" in said
    assert f"{site}/dance/cycle/" in said
    assert f"{site}/insights/" in said


def test_the_command_refuses_where_production_is_on(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("demo", "--months", "1", stdout=StringIO())
    assert not Person.objects.filter(email__in=history.EMAILS).exists()


@pytest.mark.parametrize("months", ["0", "121"])
def test_the_command_refuses_a_length_out_of_range(db, months):
    with pytest.raises(CommandError):
        call_command("demo", "--months", months, stdout=StringIO())


@pytest.mark.parametrize("tendency", [MAYA, THEO], ids=["maya", "theo"])
def test_every_word_they_choose_is_one_the_app_offers(tendency):
    assert set(tendency.moves) <= set(Move.values)
    assert set(tendency.triggers) <= TRIGGER_KEYS
    assert set(tendency.surface) | set(tendency.deeper) <= FEELING_KEYS
    assert set(tendency.fears) <= FEAR_KEYS
    assert set(tendency.needs) <= NEED_KEYS
    assert set(SETTLED_FEELINGS) | set(STIRRED_FEELINGS[tendency.role]) <= FEELING_KEYS
    assert set(tendency.regions) <= set(body.Region.values)
    assert set(tendency.sensations) <= set(body.Sensation.values)
    assert {p.key for p in repair.PARTS} <= set(words.REPAIR[tendency.role])
