"""What a couple keeps between breaks, in Chromium on two phones: "Our breaks", and the call to talk again.

The time to talk again is a real moment a few seconds ahead: the real worker process calls both when
it comes, through Redis to the real uvicorn both phones are on, and each page changes by itself.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.tests.conftest import until_reconnecting
from breathingroom.events.models import Event
from breathingroom.tests.clocks import as_shown
from breathingroom.tests.servers import assert_not_reloaded, go_live, server_errors, unexpected, wait_for

pytestmark = pytest.mark.browser

WORDS = "Back soon. I love you and I am coming back."
ALEX_TRIES = "Say “I need space” before my voice rises."
SAM_TRIES = "Ask what Alex needs before I explain."
# Long enough for both pages to load and open their sockets before the time comes.
TO_GET_READY = timedelta(seconds=20)


@pytest.fixture
def redis_url(settings, request) -> str:
    """The configured Redis when there is one (the CI's second pass), else a private one."""
    return settings.REDIS_URL or request.getfixturevalue("private_redis").url


def reconnected(alex, sam, *, talk_again_in: timedelta | None = None):
    """Alex took space; both came back, Alex shared a 3, Sam kept a 6 private; each named a try."""
    brk = until_reconnecting(space.take_space(alex, 30, WORDS))
    reconnecting.check_in(alex, brk.pk, 3, shared=True)
    reconnecting.check_in(sam, brk.pk, 6)
    reconnecting.name_next_try(alex, brk.pk, ALEX_TRIES)
    reconnecting.name_next_try(sam, brk.pk, SAM_TRIES)
    if talk_again_in is None:
        reconnecting.record_outcome(alex, brk.pk, "on_time", "repaired")
        reconnecting.record_outcome(sam, brk.pk, "on_time", "partly")
    else:
        at = timezone.now() + talk_again_in
        reconnecting.record_outcome(alex, brk.pk, "on_time", "not_yet", at)
        reconnecting.record_outcome(sam, brk.pk, "on_time", "partly", None)
    return brk


def no_axe_violations(page) -> list[str]:
    found = Axe().run(page).response["violations"]
    return [f"{page.url}: {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in found]


@pytest.mark.once
def test_our_breaks_tell_each_partner_the_same_breaks_keeping_private_what_is_private(
    server, phones, problems, shoot, alex, sam, couple
):
    brk = reconnected(alex, sam)
    newer = space.take_space(sam, 20, WORDS)
    space.ready_to_talk(sam, newer.pk)
    alex_page = phones.open(server.url, alex)
    sam_page = phones.open(server.url, sam, "America/New_York")

    # From Home, as a person would find it.
    alex_page.goto("/")
    alex_page.get_by_role("link", name="Our breaks: looking back at each time apart").click()
    expect(alex_page.get_by_role("heading", name="Our breaks", exact=True)).to_be_visible()
    items = alex_page.locator("[data-history] > li")
    expect(items).to_have_count(2)
    # Newest first: Sam's, then Alex's with how it went.
    expect(items.nth(0)).to_contain_text("Sam took space.")
    older = items.nth(1)
    expect(older).to_contain_text("You took space.")
    expect(older).to_contain_text("30 minutes")
    expect(older).to_contain_text("Back on time")
    expect(older).to_contain_text(ALEX_TRIES)
    expect(older).to_contain_text(SAM_TRIES)
    expect(older.get_by_text("3 out of 10")).to_be_visible()
    expect(older).not_to_contain_text("6 out of 10")
    expect(older).to_contain_text("How Sam felt it went")

    sam_page.goto("/space/history/")
    sams = sam_page.locator("[data-history] > li").nth(1)
    expect(sams).to_contain_text("Alex took space.")
    expect(sams.get_by_text("6 out of 10")).to_be_visible()
    expect(sams.get_by_text("3 out of 10")).to_be_visible()
    # Sam's day and time, on Sam's clock.
    started = timezone.localtime(brk.started_at, sam.zone).strftime("%H:%M")
    expect(sams.locator("time")).to_contain_text(started)

    found = []
    for scheme in ("light", "dark"):
        for who, page in (("alex", alex_page), ("sam", sam_page)):
            page.emulate_media(color_scheme=scheme)
            page.reload()
            found += no_axe_violations(page)
            shoot(page, f"our-breaks-{who}-{scheme}")
    assert found == [], "\n".join(found)
    assert problems.unexpected() == []
    assert server.errors == []


@pytest.mark.once
def test_before_any_break_our_breaks_says_so_kindly(server, phones, shoot, problems, alex, couple):
    page = phones.open(server.url, alex)
    page.goto("/space/history/")
    expect(page.get_by_text("No breaks yet, and that is fine.")).to_be_visible()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        shoot(page, f"our-breaks-empty-{scheme}")
    assert problems.unexpected() == []


def test_the_time_to_talk_again_calls_both_phones_live(
    app_processes, redis_url, phones, problems, shoot, alex, sam, couple
):
    brk = reconnected(alex, sam, talk_again_in=TO_GET_READY)
    at = brk.reconnection.talk_again.at
    web = app_processes.web(redis_url=redis_url)
    worker = app_processes.worker(redis_url=redis_url)
    alex_page = phones.open(web.url, alex)
    sam_page = phones.open(web.url, sam, "America/New_York")
    go_live(alex_page)
    go_live(sam_page)
    # Before the time, each sees it calmly on Home, on their own clock, with a calendar file.
    for page, person in ((alex_page, alex), (sam_page, sam)):
        card = page.locator("[data-talk-again]")
        expect(card).to_contain_text(f"Your time to talk again: {as_shown(at, person.zone)}.")
        expect(card.get_by_role("link", name="Add the time to my calendar")).to_be_visible()
    shoot(sam_page, "talk-again-sam-before")

    wait = (at - timezone.now()).total_seconds()
    for page, person in ((alex_page, alex), (sam_page, sam)):
        expect(page.get_by_role("heading", name="Time to talk again")).to_be_visible(timeout=(wait + 15) * 1000)
        # It came over the socket, to the page as it was: not found by reloading. The page's own
        # timer may show the moment a little before the worker's event arrives on a busy machine.
        calls = Event.objects.filter(recipient=person, type="reconnection.talk_again")
        wait_for(calls.exists, 10, "the worker's call to talk again")
        call = calls.get()
        page.wait_for_function(
            "seq => window.heard.some(e => e.id === seq && e.type === 'reconnection.talk_again')",
            arg=call.seq,
            timeout=10_000,
        )
        assert call.at >= at
        assert_not_reloaded(page)
    assert "call_to_talk state=SUCCESSFUL" in worker.logged()
    for scheme in ("light", "dark"):
        alex_page.emulate_media(color_scheme=scheme)
        shoot(alex_page, f"talk-again-alex-called-{scheme}")

    # Sam starts from the calm page, and says they talked; Alex's Home lets it go by itself.
    sam_page.get_by_role("link", name="Start talking again").click()
    expect(sam_page.get_by_role("heading", name="Time to talk again")).to_be_visible()
    expect(sam_page.get_by_text(ALEX_TRIES)).to_be_visible()
    for scheme in ("light", "dark"):
        sam_page.emulate_media(color_scheme=scheme)
        assert no_axe_violations(sam_page) == []
        shoot(sam_page, f"talk-again-page-{scheme}")
    sam_page.get_by_role("button", name="We talked").click()
    expect(sam_page.get_by_text("Thank you both for coming back to it.")).to_be_visible()
    expect(alex_page.locator("[data-talk-again]")).to_have_count(0, timeout=5_000)
    assert_not_reloaded(alex_page)

    assert unexpected(problems) == []
    assert server_errors(web) == []
