"""The pages for taking space and for the break itself: what each partner sees, and what stays refused."""

from __future__ import annotations

import re
import uuid
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from breathingroom.agreements import proposals
from breathingroom.agreements.models import Contact
from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.models import (
    REASSURANCE_LENGTH,
    Break,
    Phase,
    Preparation,
    Taker,
    ThinkingOfYou,
    minutes,
)
from breathingroom.breaks.tests.conftest import agree, proposal, until_reconnecting
from breathingroom.conftest import page_text
from breathingroom.tests.clocks import as_shown

HOME = "/"
TAKE = "/space/"
NOW = "/space/now/"
HTMX = {"HTTP_HX_REQUEST": "true"}
WORDS = "Back soon, love. I am settling, not leaving."
LONDON, NEW_YORK = "Europe/London", "America/New_York"


def text(response) -> str:
    return page_text(response)


def visible(response) -> str:
    """The words on the page, without markup or attributes."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", text(response))))


def textarea(response, name: str) -> str:
    found = re.search(rf'<textarea name="{name}"[^>]*>(.*?)</textarea>', text(response), re.S)
    assert found, name
    return unescape(found.group(1)).strip()


def signature(response) -> str:
    found = re.search(r'data-live-url="/space/now/\?seen=([0-9a-f]+)"', text(response))
    assert found
    return found.group(1)


def at(brk: Break, action: str) -> str:
    return f"/space/{brk.id}/{action}/"


def without_tokens(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text(response))


@pytest.fixture
def brk(alex, couple) -> Break:
    return space.take_space(alex, 20, WORDS)


# --- Who may open which page ------------------------------------------------------------------

BREAK_URLS = [
    ("post", "ready"),
    ("post", "thinking-of-you"),
    ("get", "extend"),
    ("post", "extend"),
    ("get", "prepare"),
    ("post", "prepare"),
]


@pytest.mark.parametrize(("method", "url"), [("get", TAKE), ("post", TAKE), ("get", NOW)])
def test_anonymous_visitors_are_sent_to_log_in(client, db, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(("method", "action"), BREAK_URLS)
def test_anonymous_visitors_are_sent_to_log_in_from_a_break(client, brk, method, action):
    response = getattr(client, method)(at(brk, action))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("put", TAKE),
        ("delete", TAKE),
        ("post", NOW),
        ("get", "ready"),
        ("get", "thinking-of-you"),
        ("put", "extend"),
        ("delete", "prepare"),
    ],
)
def test_wrong_methods_are_refused(alex_client, brk, method, url):
    path = url if url.startswith("/") else at(brk, url)
    assert getattr(alex_client, method)(path).status_code == 405
    assert Break.objects.get().phase() == Phase.ON_BREAK


@pytest.mark.parametrize(("method", "action"), BREAK_URLS)
def test_an_outsider_finds_nothing_at_the_couples_break(robin_client, brk, method, action):
    theirs = getattr(robin_client, method)(at(brk, action), {"reassurance": "x", "minutes": 15})
    nowhere = getattr(robin_client, method)(f"/space/{uuid.uuid4()}/{action}/", {"reassurance": "x", "minutes": 15})
    assert theirs.status_code == nowhere.status_code == 404
    assert without_tokens(theirs) == without_tokens(nowhere)
    assert WORDS not in text(theirs)
    assert "Alex" not in text(theirs)
    after = Break.objects.get(pk=brk.pk)
    assert (after.returns_at, after.ended_early_at, after.extensions_used) == (brk.returns_at, None, 0)
    assert not ThinkingOfYou.objects.exists()
    assert not Preparation.objects.exists()


@pytest.mark.parametrize("url", [HOME, TAKE, NOW])
def test_an_outsiders_own_pages_never_show_the_couples_break(robin_client, brk, url):
    response = robin_client.get(url)
    assert response.status_code == 200
    assert WORDS not in text(response)
    assert not re.search(r"\b(Alex|Sam)\b", text(response))
    assert "is taking some space" not in text(response)


@pytest.mark.parametrize(
    ("method", "url"),
    [("get", TAKE), ("post", TAKE), ("get", NOW)] + [(method, action) for method, action in BREAK_URLS],
)
def test_someone_without_a_partner_finds_nothing(jo_client, brk, method, url):
    path = url if url.startswith("/") else at(brk, url)
    response = getattr(jo_client, method)(path, {"reassurance": WORDS, "length": "20"})
    assert response.status_code == 404
    assert WORDS not in text(response)
    assert Break.objects.count() == 1


# --- Home -------------------------------------------------------------------------------------


def test_home_is_calm_with_the_way_to_take_space(alex_client):
    page = text(alex_client.get(HOME))
    assert "All is calm" in page
    assert re.search(r'<a [^>]*href="/space/"[^>]*>I need space</a>', page)
    assert "Not agreed yet" in page
    assert "is in force" not in page


def test_home_names_the_agreement_in_force(alex_client, alex, sam):
    agree(alex, sam)
    page = text(alex_client.get(HOME))
    assert "Your Space Agreement (version 1) is in force." in page
    assert "Not agreed yet" not in page


# --- Taking space -----------------------------------------------------------------------------


def test_the_words_start_as_the_ones_the_partner_asked_to_hear(alex_client, sam_client, alex, sam):
    proposals.propose(alex, proposal(words="Say you still love me."))
    proposals.accept(sam, 1, "Tell me when you will be back.")
    assert textarea(alex_client.get(TAKE), "reassurance") == "Tell me when you will be back."
    assert textarea(sam_client.get(TAKE), "reassurance") == "Say you still love me."


def test_without_an_agreement_the_words_start_as_the_gentle_default(alex_client):
    response = alex_client.get(TAKE)
    assert response.status_code == 200
    assert textarea(response, "reassurance") == space.default_reassurance()
    assert "These are the default lengths" in text(response)


def test_the_lengths_are_the_agreements_presets(alex_client, alex, sam):
    agree(alex, sam, shortest=10, longest=48 * 60, presets=(15, 25, 50), until_morning=True)
    page = text(alex_client.get(TAKE))
    buttons = re.findall(r'<button type="submit" name="length" value="(\w+)"', page)
    assert buttons == ["15", "25", "50", "morning"]
    assert ">25 minutes<" in page
    assert "Until tomorrow morning" in page
    assert "These are the default lengths" not in page


def test_until_tomorrow_morning_is_offered_only_when_agreed(alex_client, alex, sam):
    agree(alex, sam, shortest=10, longest=48 * 60, presets=(15, 25), until_morning=False)
    page = text(alex_client.get(TAKE))
    assert "Until tomorrow morning" not in page
    assert 'value="morning"' not in page


def test_the_default_lengths_offer_the_morning_when_it_fits(alex_client, alex):
    page = text(alex_client.get(TAKE))
    for n in (20, 30, 45):
        assert f'name="length" value="{n}"' in page
    fits = 20 <= space.minutes_until_morning(alex) <= 24 * 60
    assert ("Until tomorrow morning" in page) is fits


def test_taking_space_tells_the_partner_in_their_own_time_zone(alex_client, sam_client, alex, sam):
    response = alex_client.post(TAKE, {"reassurance": WORDS, "length": "20"})
    assert response.status_code == 302
    assert response["Location"] == HOME
    brk = Break.objects.get()
    assert brk.returns_at - brk.started_at == minutes(20)
    assert [(t.person, t.reassurance, t.minutes) for t in brk.takers.all()] == [(alex, WORDS, 20)]

    sams = text(sam_client.get(HOME))
    assert "Alex is taking some space" in sams
    assert WORDS in sams
    assert f"You will reconnect at <strong>{as_shown(brk.returns_at, NEW_YORK)}</strong>, your time." in sams
    assert "All is calm" not in sams

    alexs = text(alex_client.get(HOME))
    assert "You are taking space" in alexs
    assert WORDS in alexs
    assert f"You will reconnect at <strong>{as_shown(brk.returns_at, LONDON)}</strong>." in alexs
    assert "All is calm" not in alexs


def test_taking_space_until_the_morning(alex_client, alex, sam):
    agree(alex, sam, shortest=10, longest=48 * 60, presets=(15,), until_morning=True)
    page = text(alex_client.get(TAKE))
    assert re.search(r"back (tomorrow at )?08:00", page)
    response = alex_client.post(TAKE, {"reassurance": WORDS, "length": "morning"})
    assert response.status_code == 302
    brk = Break.objects.get()
    assert brk.returns_at - brk.started_at >= minutes(10)
    assert brk.returns_at - brk.started_at <= minutes(24 * 60 + 10)
    assert brk.returns_at.astimezone(ZoneInfo(LONDON)).hour in (7, 8)


def test_until_tomorrow_morning_is_refused_when_the_agreement_does_not_offer_it(alex_client, alex, sam):
    agree(alex, sam, shortest=10, longest=48 * 60, presets=(15,), until_morning=False)
    response = alex_client.post(TAKE, {"reassurance": WORDS, "length": "morning"})
    assert response.status_code == 400
    assert str(space.NoUntilMorning.message) in text(response)
    assert not Break.objects.exists()
    assert textarea(response, "reassurance") == WORDS


def test_until_tomorrow_morning_comes_back_at_eight(alex_client, alex, sam):
    agree(alex, sam, shortest=10, longest=48 * 60, presets=(15,), until_morning=True)
    alex_client.post(TAKE, {"reassurance": WORDS, "length": "morning"})
    brk = Break.objects.get()
    assert brk.returns_at.astimezone(ZoneInfo(LONDON)).strftime("%H:%M") == "08:00"
    # Taken in the small hours it is this morning at eight, later in the day tomorrow at eight.
    assert as_shown(brk.returns_at, LONDON) in ("08:00", "tomorrow at 08:00")
    assert f"You will reconnect at <strong>{as_shown(brk.returns_at, LONDON)}</strong>." in text(alex_client.get(HOME))


def test_a_reassurance_is_shown_as_text_never_as_markup(alex_client, sam_client):
    script = "<script>alert(1)</script>"
    assert alex_client.post(TAKE, {"reassurance": script, "length": "20"}).status_code == 302
    assert Taker.objects.get().reassurance == script
    for page in (text(sam_client.get(HOME)), text(alex_client.get(HOME)), text(sam_client.get(NOW))):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<script>alert(1)" not in page


@pytest.mark.parametrize(
    ("reassurance", "message"),
    [
        ("", "Leave a few words for your partner"),
        ("   ", "Leave a few words for your partner"),
        ("x" * (REASSURANCE_LENGTH + 1), f"Keep the reassurance to {REASSURANCE_LENGTH} characters"),
        ("\u200b\u2060\ufeff", "Leave a few words for your partner"),
        ("\u202e \u3164 \u200d", "Leave a few words for your partner"),
    ],
)
def test_a_missing_or_long_reassurance_is_refused_beside_the_field(alex_client, reassurance, message):
    response = alex_client.post(TAKE, {"reassurance": reassurance, "length": "20"})
    assert response.status_code == 400
    assert message in text(response)
    assert 'id="id_reassurance_error"' in text(response)
    assert not Break.objects.exists()


def test_the_longest_reassurance_allowed_is_enough(alex_client):
    longest = "x" * REASSURANCE_LENGTH
    assert alex_client.post(TAKE, {"reassurance": longest, "length": "20"}).status_code == 302
    assert Taker.objects.get().reassurance == longest


@pytest.mark.parametrize("length", ["5", "19", "121", "99999", "-20"])
def test_a_length_outside_the_agreement_is_refused_with_the_range(alex_client, alex, sam, length):
    agree(alex, sam, shortest=30, longest=120, presets=(30, 60))
    response = alex_client.post(TAKE, {"reassurance": WORDS, "length": length})
    assert response.status_code == 400
    assert "A break can last from 30 minutes to 2 hours under your agreement." in text(response)
    assert not Break.objects.exists()
    # The page is offered again, words kept, to choose once more.
    assert textarea(response, "reassurance") == WORDS


@pytest.mark.parametrize(
    ("length", "message"), [("abc", "Choose one of the lengths offered."), ("", "Choose how long")]
)
def test_a_length_that_is_no_number_is_refused(alex_client, length, message):
    response = alex_client.post(TAKE, {"reassurance": WORDS, "length": length})
    assert response.status_code == 400
    assert message in text(response)
    assert not Break.objects.exists()


def test_pressing_twice_is_one_break(alex_client):
    first = alex_client.post(TAKE, {"reassurance": WORDS, "length": "20"})
    second = alex_client.post(TAKE, {"reassurance": "Other words", "length": "45"})
    assert first.status_code == second.status_code == 302
    assert second["Location"] == HOME
    brk = Break.objects.get()
    assert [t.reassurance for t in brk.takers.all()] == [WORDS]
    assert brk.returns_at - brk.started_at == minutes(20)


def test_the_partner_can_take_space_too(alex_client, sam_client, brk, alex, sam):
    page = sam_client.get(TAKE)
    assert page.status_code == 200
    assert f"Alex is already taking space, until {as_shown(brk.returns_at, NEW_YORK)}." in text(page)
    assert "If you need space too, take it" in text(page)

    response = sam_client.post(TAKE, {"reassurance": "Me too. Talk at dinner.", "length": "30"})
    assert response.status_code == 302
    brk = Break.objects.get()
    assert {t.person for t in brk.takers.all()} == {alex, sam}
    assert brk.returns_at - brk.started_at >= minutes(30)
    assert "Sam is taking space too." in text(alex_client.get(HOME))
    sams = text(sam_client.get(HOME))
    assert "You are taking space" in sams
    assert "Me too. Talk at dinner." in sams


def test_someone_on_the_break_is_sent_home_from_the_take_page(alex_client, brk):
    response = alex_client.get(TAKE)
    assert response.status_code == 302
    assert response["Location"] == HOME


# --- The live panel ---------------------------------------------------------------------------


def test_the_panel_comes_alone_and_answers_204_when_nothing_changed(alex_client, sam_client, brk):
    panel = alex_client.get(NOW)
    assert panel.status_code == 200
    assert "<html" not in text(panel)
    assert 'id="now"' in text(panel)
    assert WORDS in text(panel)
    seen = signature(panel)
    unchanged = alex_client.get(NOW, {"seen": seen})
    assert unchanged.status_code == 204
    assert unchanged.content == b""

    assert sam_client.post(at(brk, "thinking-of-you")).status_code == 302
    changed = alex_client.get(NOW, {"seen": seen})
    assert changed.status_code == 200
    assert "Sam is thinking of you" in text(changed)
    assert signature(changed) != seen
    assert alex_client.get(NOW, {"seen": signature(changed)}).status_code == 204


def test_the_calm_panel_changes_when_a_break_starts(sam_client, alex):
    seen = signature(sam_client.get(NOW))
    assert sam_client.get(NOW, {"seen": seen}).status_code == 204
    space.take_space(alex, 20, WORDS)
    changed = sam_client.get(NOW, {"seen": seen})
    assert changed.status_code == 200
    assert "Alex is taking some space" in text(changed)


def test_a_stale_or_made_up_signature_gets_the_panel(alex_client):
    assert alex_client.get(NOW, {"seen": "0" * 16}).status_code == 200
    assert alex_client.get(NOW, {"seen": ""}).status_code == 200


# --- Thinking of you --------------------------------------------------------------------------


def test_the_waiting_partner_sends_thinking_of_you_once(alex_client, sam_client, brk):
    response = sam_client.post(at(brk, "thinking-of-you"), follow=True)
    assert response.status_code == 200
    assert "Sent. Nothing is expected back." in text(response)
    assert ThinkingOfYou.objects.filter(brk=brk).count() == 1
    sent_at = ThinkingOfYou.objects.get().sent_at

    again = sam_client.post(at(brk, "thinking-of-you"), follow=True)
    assert "You have sent your “thinking of you” for this break." in text(again)
    assert ThinkingOfYou.objects.count() == 1
    assert "Send “thinking of you”" not in text(again)

    alexs = text(alex_client.get(HOME))
    assert f"Sam is thinking of you ({as_shown(sent_at, LONDON)}). No reply is needed." in alexs


def test_thinking_of_you_from_an_htmx_page_returns_the_panel(sam_client, brk):
    response = sam_client.post(at(brk, "thinking-of-you"), **HTMX)
    assert response.status_code == 200
    assert "<html" not in text(response)
    assert 'id="now"' in text(response)
    assert "Sent. Nothing is expected back." in text(response)

    again = sam_client.post(at(brk, "thinking-of-you"), **HTMX)
    assert again.status_code == 200
    assert 'role="alert"' in text(again)
    assert "You have sent your “thinking of you” for this break." in text(again)
    assert ThinkingOfYou.objects.count() == 1


def test_the_one_taking_space_cannot_send_thinking_of_you(alex_client, brk):
    response = alex_client.post(at(brk, "thinking-of-you"), follow=True)
    assert "You are the one taking space" in text(response)
    assert not ThinkingOfYou.objects.exists()
    assert "Send “thinking of you”" not in text(alex_client.get(HOME))


def test_an_agreement_for_rest_offers_no_thinking_of_you(alex_client, sam_client, alex, sam):
    agree(alex, sam, contact=Contact.NOTHING)
    brk = space.take_space(alex, 20, WORDS)
    page = text(sam_client.get(HOME))
    assert "Your agreement asks for no messages during a break" in page
    assert "Send “thinking of you”" not in page
    assert "asks for no messages" in text(sam_client.post(at(brk, "thinking-of-you"), follow=True))
    assert not ThinkingOfYou.objects.exists()


def test_the_sender_never_learns_whether_it_was_seen(alex_client, sam_client, brk):
    sam_client.post(at(brk, "thinking-of-you"))
    alex_client.get(HOME)
    alex_client.get(NOW)
    for page in (visible(sam_client.get(HOME)), visible(sam_client.get(NOW))):
        assert not re.search(r"\b(seen|read|opened|viewed)\b", page, re.I), page
        assert "Alex is taking some space" in page


def test_the_one_on_the_break_is_not_told_the_partner_read_the_words(alex_client, brk):
    page = visible(alex_client.get(HOME))
    assert f"Your words to Sam: {WORDS}" in page
    assert not re.search(r"\bread\b", page, re.I)


# --- Ready to talk ----------------------------------------------------------------------------


def test_ready_early_calls_both_back(alex_client, sam_client, brk):
    response = alex_client.post(at(brk, "ready"))
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert Break.objects.get().ended_early_at is not None
    alex_page, sam_page = text(alex_client.get(HOME)), text(sam_client.get(HOME))
    # Who is ready is said by name, never as "everyone".
    assert "Alex is ready to talk." in sam_page
    assert "You said you are ready to talk, and Sam has been told." in alex_page
    for page in (alex_page, sam_page):
        assert "Time to come back together" in page
        assert "everyone" not in page.lower()
        assert f'href="/space/{brk.id}/reconnect/"' in page


def test_ready_from_an_htmx_page_returns_the_panel(alex_client, brk):
    response = alex_client.post(at(brk, "ready"), **HTMX)
    assert response.status_code == 200
    assert "<html" not in text(response)
    assert "Time to come back together" in text(response)


def test_the_waiting_partner_cannot_end_the_break(sam_client, brk):
    response = sam_client.post(at(brk, "ready"), follow=True)
    assert "Only a partner on the break can do that." in text(response)
    brk = Break.objects.get()
    assert brk.ended_early_at is None
    assert brk.phase() == Phase.ON_BREAK
    assert "Alex is taking some space" in text(response)


def test_a_refusal_from_an_htmx_page_comes_inside_the_panel(sam_client, brk):
    response = sam_client.post(at(brk, "ready"), **HTMX)
    assert response.status_code == 200
    assert 'role="alert"' in text(response)
    assert "Only a partner on the break can do that." in text(response)
    assert Break.objects.get().ended_early_at is None


def test_when_both_took_space_one_ready_is_not_enough(alex_client, sam_client, brk, sam):
    space.take_space(sam, 20, "Me too.")
    alex_client.post(at(brk, "ready"))
    assert Break.objects.get().phase() == Phase.ON_BREAK
    assert "You said you are ready." in text(alex_client.get(HOME))
    assert "You are taking space" in text(sam_client.get(HOME))
    sam_client.post(at(brk, "ready"))
    assert "Time to come back together" in text(alex_client.get(HOME))


def test_when_both_took_space_each_sees_the_other_is_ready(alex_client, sam_client, brk, sam):
    space.take_space(sam, 20, "Me too.")
    alex_client.post(at(brk, "ready"))
    assert "Alex is ready to talk." in text(sam_client.get(HOME))


# --- Extending --------------------------------------------------------------------------------


@pytest.fixture
def short_agreement(alex, sam, couple):
    return agree(alex, sam, shortest=20, longest=60, presets=(20, 30), extensions=1)


def test_extending_offers_only_what_fits_the_agreement(alex_client, short_agreement, alex):
    brk = space.take_space(alex, 30, WORDS)
    response = alex_client.get(at(brk, "extend"))
    assert response.status_code == 200
    offered = re.findall(r'name="minutes" value="(\d+)"', text(response))
    assert offered == ["10", "15", "20", "30"]
    assert "The longest break in your agreement is 1 hour." in text(response)
    assert "You can extend this break once more." in text(response)
    assert textarea(response, "reassurance") == WORDS


def test_extending_moves_the_time_and_the_partner_reads_the_new_words(alex_client, sam_client, short_agreement, alex):
    brk = space.take_space(alex, 30, WORDS)
    before = brk.returns_at
    response = alex_client.post(at(brk, "extend"), {"minutes": "15", "reassurance": "Fifteen more minutes, then tea."})
    assert response.status_code == 302
    assert response["Location"] == HOME
    brk = Break.objects.get()
    assert brk.returns_at - before == minutes(15)
    assert brk.extensions_used == 1
    sams = text(sam_client.get(HOME))
    assert "Fifteen more minutes, then tea." in sams
    assert WORDS not in sams
    assert f"<strong>{as_shown(brk.returns_at, NEW_YORK)}</strong>, your time." in sams

    again = alex_client.get(at(brk, "extend"))
    assert "Your agreement allows no more extensions on this break." in text(again)
    assert 'name="minutes"' not in text(again)
    refused = alex_client.post(at(brk, "extend"), {"minutes": "10", "reassurance": "More?"})
    assert refused.status_code == 400
    assert Break.objects.get().returns_at == brk.returns_at
    assert "I need more time" not in text(alex_client.get(HOME))


def test_extending_past_the_longest_break_is_refused_with_the_limit(alex_client, short_agreement, alex):
    brk = space.take_space(alex, 30, WORDS)
    response = alex_client.post(at(brk, "extend"), {"minutes": "45", "reassurance": WORDS})
    assert response.status_code == 400
    assert "You can add from 10 minutes to 30 minutes" in text(response)
    assert "longest break is 1 hour" in text(response)
    brk = Break.objects.get()
    assert (brk.extensions_used, brk.returns_at - brk.started_at) == (0, minutes(30))


def test_extending_needs_new_words(alex_client, brk):
    response = alex_client.post(at(brk, "extend"), {"minutes": "15", "reassurance": ""})
    assert response.status_code == 400
    assert "Leave a few words for your partner" in text(response)
    assert Break.objects.get().extensions_used == 0


def test_only_the_one_on_the_break_can_extend_it(sam_client, brk):
    assert sam_client.get(at(brk, "extend"))["Location"] == HOME
    sam_client.post(at(brk, "extend"), {"minutes": "15", "reassurance": "Take longer"})
    assert Break.objects.get().extensions_used == 0


# --- Preparing --------------------------------------------------------------------------------

NOTES = {"felt": "Felt small and unheard", "need": "Needed a hand on my shoulder", "my_part": "I raised my voice"}


def test_private_notes_are_kept_for_their_writer_only(alex_client, sam_client, brk, alex):
    response = alex_client.post(at(brk, "prepare"), NOTES)
    assert response.status_code == 302
    assert response["Location"] == at(brk, "prepare")
    page = alex_client.get(at(brk, "prepare"))
    assert "Saved. Only you can see these notes." in text(page)
    assert textarea(page, "felt") == NOTES["felt"]
    assert textarea(page, "my_part") == NOTES["my_part"]
    notes = Preparation.objects.get(brk=brk, person=alex)
    assert (notes.felt, notes.need, notes.my_part) == (NOTES["felt"], NOTES["need"], NOTES["my_part"])

    sams = sam_client.get(at(brk, "prepare"))
    assert sams.status_code == 200
    assert textarea(sams, "felt") == textarea(sams, "need") == textarea(sams, "my_part") == ""
    for page in (sams, sam_client.get(HOME), sam_client.get(NOW)):
        for note in NOTES.values():
            assert note not in text(page)


def test_notes_that_are_too_long_are_refused(alex_client, brk):
    response = alex_client.post(at(brk, "prepare"), {**NOTES, "need": "x" * 1001})
    assert response.status_code == 400
    assert "up to 1000 characters" in text(response)
    assert not Preparation.objects.exists()


def test_the_waiting_partner_can_prepare_too(sam_client, brk, sam):
    assert sam_client.post(at(brk, "prepare"), {"felt": "Scared", "need": "", "my_part": ""}).status_code == 302
    assert Preparation.objects.get().person == sam


def test_after_the_break_the_notes_are_kept_to_read(alex_client, sam_client, brk, alex, sam):
    reconnecting.prepare(alex, brk.id, NOTES["felt"], "", "")
    for person in (alex, sam):
        reconnecting.record_outcome(person, until_reconnecting(brk).id, "on_time", "repaired")
    page = alex_client.get(at(brk, "prepare"))
    assert page.status_code == 200
    assert "This break is over; your notes are kept here for you." in text(page)
    assert NOTES["felt"] in text(page)
    assert "<textarea" not in text(page)
    assert NOTES["felt"] not in text(sam_client.get(at(brk, "prepare")))


def test_notes_sent_after_the_break_closed_are_not_shown_as_kept(alex_client, brk, alex, sam):
    reconnecting.prepare(alex, brk.id, NOTES["felt"], "", "")
    for person in (alex, sam):
        reconnecting.record_outcome(person, until_reconnecting(brk).id, "on_time", "repaired")
    response = alex_client.post(
        at(brk, "prepare"), {"felt": "Written too late", "need": "", "my_part": ""}, follow=True
    )
    assert Preparation.objects.get().felt == NOTES["felt"]
    assert "This break is over, so these notes were not saved." in text(response)
    assert NOTES["felt"] in text(response)
    assert "Written too late" not in text(response)
