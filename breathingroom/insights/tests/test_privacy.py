"""What one partner keeps to themselves never changes the other's insights: compared before and after."""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import timedelta

import pytest

from breathingroom.conftest import client_for
from breathingroom.dance import episodes
from breathingroom.insights.figures import insights_for
from breathingroom.insights.tests import history
from breathingroom.insights.window import Period


@pytest.fixture
def some_history(alex, sam, couple, monday):
    brk = history.a_break(couple, alex, monday, 30, back_after=35)
    history.outcomes(brk, (alex, "repaired"), (sam, "partly"))
    history.check_in(sam, monday, 6, shared_in=couple)
    history.check_in(alex, monday, 5)
    history.episode(couple, monday, (alex, "pursued", "tone", True), (sam, "withdrew", "money", True))
    return couple


def seen_by(person, couple) -> dict:
    return {period: asdict(insights_for(couple, person, period)) for period in Period}


def page(person) -> str:
    """The page's words and drawings, without the form tokens that change on every request."""
    html = client_for(person).get("/insights/?period=all").content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_partners_private_check_ins_and_sides_change_nothing_for_the_other(alex, sam, some_history, monday):
    before = seen_by(alex, some_history)
    api_before = client_for(alex).get("/api/v1/insights?period=all").json()
    page_before = page(alex)

    history.check_in(sam, monday + timedelta(hours=1), 10, 10)
    history.episode(some_history, monday + timedelta(hours=2), (sam, "shut_down", "a secret of mine", False))
    history.episode(some_history, monday + timedelta(hours=3), (sam, "withdrew", "money", False))

    assert seen_by(alex, some_history) == before
    assert client_for(alex).get("/api/v1/insights?period=all").json() == api_before
    assert page(alex) == page_before
    # Sam's own view counts them: they are Sam's.
    sams = insights_for(some_history, sam, Period.QUARTER)
    assert sams.body.lines[0].check_ins == 2
    assert sams.dance[0].sides == 3


def test_unsharing_takes_it_out_again(alex, sam, some_history):
    shared = insights_for(some_history, alex, Period.QUARTER)
    assert shared.body.lines[1].check_ins == 1
    assert shared.dance[1].sides == 1
    episode = some_history.episodes.get()
    episodes.unshare_side(sam, episode.id)
    from breathingroom.body.models import CheckIn

    CheckIn.objects.filter(person=sam).update(shared_in=None, shared_at=None)
    now = insights_for(some_history, alex, Period.QUARTER)
    assert now.body.lines[1].check_ins == 0
    assert now.dance[1].sides == 0
    assert now.dance[1].moves == ()
    assert "a secret" not in str(asdict(now))


def test_my_own_private_ones_count_only_in_my_own_line(alex, sam, some_history, monday):
    before = seen_by(sam, some_history)
    history.check_in(alex, monday, 9)
    history.episode(some_history, monday, (alex, "criticised", "my own private words", False))
    assert seen_by(sam, some_history) == before
    mine = insights_for(some_history, alex, Period.QUARTER)
    assert mine.body.lines[0].check_ins == 2
    assert mine.dance[0].sides == 2
    assert sorted((m.value, m.times) for m in mine.dance[0].moves) == [("criticised", 1), ("pursued", 1)]


def test_a_check_in_shared_in_an_earlier_couple_does_not_count(alex, sam, couple, robin, monday):
    from breathingroom.couples.models import Couple

    earlier = Couple.objects.create()
    history.check_in(sam, monday, 8, shared_in=earlier)
    assert insights_for(couple, alex, Period.QUARTER).body.lines[1].check_ins == 0
