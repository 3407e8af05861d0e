"""The everyday rhythm on the pages: written in its own step, read in the agreement, met calmly on Home."""

from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo

from django.utils import timezone

from breathingroom.agreements import proposals, rhythm_times
from breathingroom.agreements.rhythm import RhythmTime
from breathingroom.agreements.tests.test_views import ALEX_WORDS, PROPOSE, SHOW, form, text
from breathingroom.breaks.tests.conftest import agree, proposal
from breathingroom.tests.clocks import as_shown

HOME = "/"
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)
CALL = RhythmTime(days=EVERY_DAY, at=time(20), what="A call before bed")


def rows(*times: dict[str, object], zone: str = "") -> dict[str, object]:
    """The rhythm section as the page posts it: its rows, and the clock they keep."""
    data: dict[str, object] = {
        "rhythm-TOTAL_FORMS": str(len(times)),
        "rhythm-INITIAL_FORMS": "0",
        "rhythm-zone": zone,
    }
    for n, t in enumerate(times):
        data.update({f"rhythm-{n}-{k}": v for k, v in t.items()})
    return data


def skip_url(key: str) -> str:
    return f"/agreement/rhythm/{key}/skip/"


def test_the_proposal_page_asks_for_the_rhythm_in_a_step_of_its_own(alex_client, alex, sam, couple):
    agree(alex, sam, rhythm=(CALL,))
    page = text(alex_client.get(PROPOSE))
    assert 'id="step-rhythm"' in page
    # The time in force is offered again to keep or change, with room for more.
    assert 'value="A call before bed"' in page
    assert 'name="rhythm-0-at" value="20:00"' in page
    assert 'name="rhythm-2-what"' in page
    assert 'name="rhythm-6-what"' not in page


def test_a_rhythm_written_on_the_page_is_proposed_and_empty_rows_are_left_out(alex_client, alex, couple):
    data = form(
        **rows(
            {"what": "Slow breakfast", "days": ["5", "6"], "at": "09:30", "kind": "together"},
            {"what": "", "at": ""},
            zone="Europe/Berlin",
        )
    )
    response = alex_client.post(PROPOSE, data)
    assert response.status_code == 302, text(response)
    [t] = proposals.Agreement.objects.get().terms().rhythm
    assert (t.what, t.days, t.at, t.kind) == ("Slow breakfast", (5, 6), time(9, 30), "together")
    assert proposals.Agreement.objects.get().rhythm_zone == "Europe/Berlin"


def test_a_half_written_time_is_refused_with_what_is_missing(alex_client, couple):
    response = alex_client.post(PROPOSE, form(**rows({"what": "Tea", "at": "18:00"})))
    assert response.status_code == 400
    assert "Choose at least one day." in text(response)
    assert not proposals.Agreement.objects.exists()


def test_a_page_that_sends_no_rhythm_still_proposes_the_rest(alex_client, couple):
    assert alex_client.post(PROPOSE, form(words=ALEX_WORDS)).status_code == 302
    assert proposals.Agreement.objects.get().terms().rhythm == ()


def test_the_agreement_shows_the_rhythm_and_the_clock_it_keeps_to_the_partner_elsewhere(
    alex_client, sam_client, alex, sam, couple
):
    agree(alex, sam, rhythm=(CALL,))
    mine, theirs = text(alex_client.get(SHOW)), text(sam_client.get(SHOW))
    for page in (mine, theirs):
        assert "A call before bed" in page
        assert "Every day, 20:00" in page
    assert "keep the clock of Europe/London" not in mine
    assert "your time" not in mine
    assert "These times keep the clock of Europe/London" in theirs
    # Sam, in New York, also reads each time on his own clock.
    [t] = proposals.terms_for(couple).rhythm
    sams = timezone.localtime(t.next_at(ZoneInfo("Europe/London"), timezone.now()), sam.zone).strftime("%H:%M")
    assert f"({sams} your time)" in theirs
    timezone.deactivate()


def hours_from_now(hours: int, zone: str = "Europe/London") -> RhythmTime:
    """The call at a whole hour ``hours`` from now on Alex's clock (the rhythm's): never the hour that
    is "now" whenever the test runs, which Home shows as "Time for …" rather than as the next one."""
    hour = (timezone.localtime(timezone.now(), ZoneInfo(zone)).hour + hours) % 24
    return RhythmTime(days=EVERY_DAY, at=time(hour), what=CALL.what)


def test_home_shows_the_next_time_on_each_partners_own_clock(alex_client, sam_client, alex, sam, couple):
    agree(alex, sam, rhythm=(hours_from_now(3),))
    [moment] = rhythm_times.upcoming(couple, alex)
    for client, person in ((alex_client, alex), (sam_client, sam)):
        page = text(client.get(HOME))
        assert "Next in your rhythm: “A call before bed”" in page
        assert f"Next in your rhythm: “A call before bed”, {as_shown(moment.at, person.zone)}." in page
        assert f'action="{skip_url(moment.time.key)}"' in page
    timezone.deactivate()


def test_skip_on_home_lets_it_pass_and_both_pages_say_so_gently(alex_client, sam_client, alex, sam, couple):
    agree(alex, sam, rhythm=(CALL,))
    [moment] = rhythm_times.upcoming(couple, alex)
    response = alex_client.post(skip_url(moment.time.key), follow=True)
    assert "This one will pass quietly" in text(response)
    assert "You are letting “A call before bed” pass this time" in text(response)
    assert "Skip this one" not in text(response)
    assert "Alex is letting “A call before bed” pass this time" in text(sam_client.get(HOME))
    timezone.deactivate()


def test_skip_is_a_post_and_only_for_a_time_in_ones_own_rhythm(alex_client, robin_client, alex, sam, couple, robin):
    agree(alex, sam, rhythm=(CALL,))
    [moment] = rhythm_times.upcoming(couple, alex)
    assert alex_client.get(skip_url(moment.time.key)).status_code == 405
    assert robin_client.post(skip_url(moment.time.key)).status_code == 404
    assert alex_client.post(skip_url("0badc0de")).status_code == 404
    assert not moment.skipped
    assert not rhythm_times.upcoming(couple, alex)[0].skipped


def test_without_a_rhythm_home_says_nothing_of_one(alex_client, alex, sam, couple):
    proposals.accept(sam, proposals.propose(alex, proposal()).version)
    assert "Next in your rhythm" not in text(alex_client.get(HOME))
