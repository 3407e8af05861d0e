"""What a report holds: only the kinds chosen, only the period, and of episodes only the sides let in.

Every place a private word hides (see ``conftest.PRIVATE``) is tried against the page and the PDF,
for both partners, with every kind chosen.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from breathingroom.breaks import space
from breathingroom.breaks.models import Break
from breathingroom.breaks.tests.conftest import agree, pass_time
from breathingroom.conftest import client_for, page_text
from breathingroom.dance import episodes
from breathingroom.dance.models import Episode
from breathingroom.dance.tests.conftest import side
from breathingroom.reports import contents, making, pdf
from breathingroom.reports.models import ReportKind
from breathingroom.reports.tests.conftest import LET_IN, PRIVATE, assert_private_words_absent, make_history
from breathingroom.reports.tests.pdftext import text_of

ALL = list(ReportKind.values)


def today_of(person):
    return timezone.localdate(timezone.now(), person.zone)


def a_month(person, kinds=ALL):
    today = today_of(person)
    return making.make(person, today - timedelta(days=30), today, kinds)


def test_nothing_private_reaches_the_page_or_the_pdf_of_either_partner(alex, sam, couple, robin):
    make_history(alex, sam, couple, robin)
    report = a_month(alex)
    for person in (alex, sam):
        page = page_text(client_for(person).get(f"/reports/{report.pk}/"))
        assert_private_words_absent(page)
        assert LET_IN["alex"] in page
        assert LET_IN["sam"] in page
        printed = client_for(person).get(f"/reports/{report.pk}.pdf").content
        assert printed.startswith(b"%PDF")
        text = text_of(pdf.render(contents.describe(report, person), compress=False))
        assert_private_words_absent(text)
        assert LET_IN["alex"] in text
        assert LET_IN["sam"] in text


def test_a_side_shows_only_while_its_author_lets_it_in_and_shares_it(history):
    report = a_month(history.sam)

    def sides_shown() -> dict[str, list[str]]:
        found = contents.describe(report, history.sam).episodes
        return {str(e.happened_at): [s.author for s in e.sides] for e in found}

    shown = sides_shown()
    # The first episode with both sides, the second with alex's alone, the unshared one not at all.
    assert sorted(shown.values()) == [["Alex"], ["Alex", "Sam"]]
    making.let_in(history.sam, history.let_in.id, False)
    assert sorted(sides_shown().values()) == [["Alex"], ["Alex"]]
    # Unsharing takes a side out of every report at once, even while it is still ticked.
    episodes.unshare_side(history.alex, history.only_alex_let_in.id)
    assert sorted(sides_shown().values()) == [["Alex"]]
    # Ticking an unshared side is refused, so sharing again brings it back only as it was ticked.
    episodes.share_side(history.alex, history.only_alex_let_in.id)
    assert sorted(sides_shown().values()) == [["Alex"], ["Alex"]]


def test_an_episode_shows_nothing_of_itself_beyond_the_sides_let_in(history):
    found = contents.describe(a_month(history.alex), history.alex).episodes
    only_alex = next(e for e in found if len(e.sides) == 1)
    assert [(t.label, t.value) for t in only_alex.sides[0].parts] == [
        ("What set it off", LET_IN["alex"]),
        ("What they did", "I withdrew"),
    ]


def test_only_the_kinds_chosen_are_there(history):
    report = a_month(history.alex, ["breaks"])
    found = contents.describe(report, history.alex)
    assert (found.agreement, found.insights, found.cycle, found.episodes) == (None, None, None, ())
    assert len(found.breaks) == 1
    page = page_text(client_for(history.sam).get(f"/reports/{report.pk}/"))
    for heading in ("The Space Agreement", "Insights for the period", "The cycle map", "Episodes"):
        assert f">{heading}</h2>" not in page
    assert LET_IN["alex"] not in page
    assert ">Breaks and how they went</h2>" in page


def test_a_break_says_when_how_long_and_how_it_went_never_its_words(history):
    (line,) = contents.describe(a_month(history.alex, ["breaks"]), history.sam).breaks
    assert line.taken_by == ("Alex",)
    assert (line.asked, line.apart, line.extensions) == ("20 minutes", "21 minutes", 0)
    assert [(r.name, r.timing) for r in line.returns] == [("Alex", "on_time")]
    assert [(v.name, v.timing, v.repair) for v in line.views] == [
        ("Alex", "Back on time", "Partly"),
        ("Sam", "Back late", "Repaired"),
    ]
    assert PRIVATE["reassurance"] not in repr(line)


def test_a_view_of_how_it_went_waits_until_both_are_in(alex, sam, couple):
    from breathingroom.breaks import reconnecting
    from breathingroom.breaks.tests.conftest import until_reconnecting

    brk = until_reconnecting(space.take_space(sam, 30, "back soon"))
    reconnecting.come_back(sam, brk.id)
    reconnecting.record_outcome(sam, brk.id, "late", "repaired")
    (line,) = contents.describe(a_month(alex, ["breaks"]), alex).breaks
    assert line.views == ()
    reconnecting.record_outcome(alex, brk.id, "on_time", "partly")
    (line,) = contents.describe(a_month(alex, ["breaks"]), alex).breaks
    assert sorted((v.name, v.repair) for v in line.views) == [("Alex", "Partly"), ("Sam", "Repaired")]


def test_only_breaks_begun_in_the_period_on_its_own_calendar(alex, sam, couple):
    today = today_of(alex)
    inside = space.take_space(alex, 20, "back soon")
    Break.objects.filter(pk=inside.pk).update(closed_at=timezone.now())
    before = pass_time(space.take_space(alex, 20, "back soon"), 60 * 24 * 8)
    Break.objects.filter(pk=before.pk).update(closed_at=timezone.now())
    report = making.make(alex, today - timedelta(days=6), today, ["breaks"])
    found = contents.describe(report, sam)
    assert found.breaks_total == 1
    since, until = contents.bounds(report)
    assert all(since <= line.started_at < until for line in found.breaks)
    older = making.make(alex, today - timedelta(days=10), today - timedelta(days=7), ["breaks"])
    assert contents.describe(older, sam).breaks_total == 1


def test_the_agreement_is_the_version_in_force_on_the_last_day_without_the_words_to_hear(alex, sam, couple):
    first = agree(alex, sam, extensions=2, words=PRIVATE["words_to_hear"])
    report = a_month(alex, ["agreement"])
    found = contents.describe(report, sam).agreement
    assert found.version == first.version
    assert ("More time, per break", "2") in [(t.label, t.value) for t in found.terms]
    assert PRIVATE["words_to_hear"] not in repr(found)
    # A report of days before any agreement says there was none.
    today = today_of(alex)
    early = making.make(alex, today - timedelta(days=30), today - timedelta(days=20), ["agreement"])
    assert contents.describe(early, sam).agreement is None


def test_the_cycle_map_counts_only_episodes_whose_two_sides_are_let_in(alex, sam, couple):
    for n in range(3):
        episode = episodes.start(alex)
        side(alex, episode, "withdrew", fear=f"Lanternfear{n}")
        side(sam, episode, "pursued", need="closeness")
        making.let_in(alex, episode.id, True)
        if n < 2:
            making.let_in(sam, episode.id, True)
    cycle = contents.describe(a_month(alex, ["cycle"]), alex).cycle
    assert cycle.cycle.episodes == 2
    assert "Lanternfear2" not in " ".join(cycle.text)
    assert cycle.drawing.boxes[0].who == "me"
    assert cycle.resting_on == "Drawn from 2 episodes whose two sides you both let into reports."


def test_the_insights_count_the_period_s_breaks_and_no_private_line(history):
    found = contents.describe(a_month(history.alex, ["insights"]), history.sam).insights
    assert found.found.breaks.total == 1
    assert found.found.body.lines == ()
    assert found.found.dance == ()
    assert found.breaks_chart is not None
    assert found.repairs_chart is not None
    assert found.found.repairs.views == 2
    assert not found.runs_past_end


def test_an_episode_outside_the_period_is_not_there(history):
    Episode.objects.filter(pk=history.let_in.pk).update(happened_at=timezone.now() - timedelta(days=60))
    found = contents.describe(a_month(history.alex, ["episodes"]), history.alex).episodes
    assert [len(e.sides) for e in found] == [1]


@pytest.mark.parametrize("kind", ReportKind.values)
def test_each_kind_alone_renders_on_the_page_and_in_the_pdf(history, kind):
    report = a_month(history.alex, [kind])
    response = client_for(history.sam).get(f"/reports/{report.pk}/")
    assert response.status_code == 200
    assert_private_words_absent(page_text(response))
    text = text_of(pdf.render(contents.describe(report, history.sam), compress=False))
    assert str(ReportKind(kind).label) in text
    assert_private_words_absent(text)


@pytest.mark.parametrize(
    ("language", "label", "after_name"),
    [("en", "Repaired", "repaired"), ("en", "Not yet", "not yet"), ("de", "Repariert", "Repariert")],
)
def test_how_it_went_is_lowered_after_the_name_only_in_english(language, label, after_name):
    """In English "Alex: repaired"; other languages keep the word as their list shows it."""
    with translation.override(language):
        assert contents.View("Alex", "Back on time", label).repair_after_name == after_name
