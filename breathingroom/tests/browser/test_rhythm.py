"""A time of the couple's everyday rhythm arrives: both phones show the gentle reminder live.

Rhythm times are wall-clock times, so no fast break-minute helps here: the time is set to the next
whole minute on Alex's clock, and the real worker process says it when that minute comes, through
a real Redis to the real uvicorn both phones are on.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from breathingroom.agreements.rhythm import RhythmTime
from breathingroom.breaks.tests.conftest import agree
from breathingroom.events.models import Event
from breathingroom.tests.clocks import as_shown
from breathingroom.tests.servers import assert_not_reloaded, go_live, heard, server_errors, unexpected

# Page and script behaviour alike on every database; the first CI pass proves it.
pytestmark = [pytest.mark.browser, pytest.mark.once]

WHAT = "Tea on the sofa, then an hour each"
# Long enough for both pages to load and open their sockets before the minute comes.
TO_GET_READY = timedelta(seconds=15)


@pytest.fixture
def redis_url(settings, request) -> str:
    """The configured Redis when there is one (the CI's second pass), else a private one."""
    return settings.REDIS_URL or request.getfixturevalue("private_redis").url


def test_a_rhythm_time_reaches_both_phones_live_and_a_skip_reaches_the_other(
    app_processes, redis_url, phones, problems, shoot, alex, sam, couple
):
    moment = (timezone.now() + TO_GET_READY).replace(second=0, microsecond=0) + timedelta(minutes=1)
    at = timezone.localtime(moment, alex.zone).time()
    every_day = (0, 1, 2, 3, 4, 5, 6)
    agree(alex, sam, rhythm=(RhythmTime(days=every_day, at=at, what=WHAT, kind="both"),))
    web = app_processes.web(redis_url=redis_url)
    worker = app_processes.worker(redis_url=redis_url)
    alex_page = phones.open(web.url, alex)
    sam_page = phones.open(web.url, sam, "America/New_York")
    go_live(alex_page)
    go_live(sam_page)
    # Before the time, each sees it calmly, on their own clock.
    for page, person in ((alex_page, alex), (sam_page, sam)):
        expect(page.get_by_text(f"Next in your rhythm: “{WHAT}”")).to_contain_text(
            f", {as_shown(moment, person.zone)}."
        )

    wait = (moment - timezone.now()).total_seconds()
    for page, person in ((alex_page, alex), (sam_page, sam)):
        expect(page.get_by_role("heading", name=f"Time for “{WHAT}”")).to_be_visible(timeout=(wait + 10) * 1000)
        expect(page.get_by_text("Time together first, then time each on your own.")).to_be_visible()
        # It came over the socket, to the page as it was: not found by reloading.
        due = Event.objects.get(recipient=person, type="rhythm.due")
        assert {"id": due.seq, "type": "rhythm.due"} in heard(page)
        assert due.at >= moment
        assert_not_reloaded(page)
    assert "remind state=SUCCESSFUL" in worker.logged()
    shoot(sam_page, "rhythm-sam-reminded")

    # Sam lets this one pass, without a word; Alex's page says so, gently, by itself.
    sam_page.get_by_role("button", name="Skip today").click()
    expect(sam_page.get_by_text(f"You are letting “{WHAT}” pass this time")).to_be_visible()
    expect(alex_page.get_by_text(f"Sam is letting “{WHAT}” pass this time")).to_be_visible(timeout=3_000)
    assert_not_reloaded(alex_page)
    shoot(alex_page, "rhythm-alex-told-of-the-skip")

    assert unexpected(problems) == []
    assert server_errors(web) == []
