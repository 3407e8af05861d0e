"""Words from the phrasebook where a person looks for them: the agreement, taking space, the ritual's turn."""

from __future__ import annotations

import re
from html import unescape

import pytest

from breathingroom.agreements import proposals
from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.models import Break, Step
from breathingroom.breaks.tests.conftest import REASSURANCE, proposal, until_reconnecting
from breathingroom.conftest import page_text
from breathingroom.phrasebook import words
from breathingroom.phrasebook.vocabulary import NEEDS

SIGNAL = "Need air, back soon <3"


def picks_for(html: str, box: str) -> list[tuple[str, str]]:
    """Each pick offered for the box ``box``: (label, the words it puts there), as a reader meets them."""
    found = re.search(rf'<ul data-suggestions-for="{box}"[^>]*>(.*?)</ul>', html, re.S)
    assert found, f"no words offered for {box}"
    picks = []
    for item in re.findall(r"<li data-suggestion([^>]*)>(.*?)</li>", found.group(1), re.S):
        attributes, inner = item
        given = re.search(r'data-words="([^"]*)"', attributes)
        label = re.search(r'<span class="pick-label">(.*?)</span>', inner)
        shown = re.sub(r"<[^>]+>", "", inner)
        words_in = unescape(given.group(1)) if given else unescape(shown.strip())
        assert unescape(words_in) in unescape(shown), "the words a pick puts in the box are shown on it"
        picks.append((unescape(label.group(1)) if label else "", words_in))
    return picks


@pytest.fixture
def signal(alex, sam, couple):
    words.set_signal_phrase(sam, SIGNAL)
    words.add_word(alex, "need", "a hand on my back")


def test_the_agreement_offers_the_signal_phrase_and_words_that_meet_a_need(signal, alex_client):
    html = page_text(alex_client.get("/agreement/propose/"))
    words_step = html.split('id="step-words"', 1)[1].split('id="step-rhythm"', 1)[0]
    assert "<summary>Words from your phrasebook</summary>" in words_step
    picks = picks_for(words_step, "id_words")
    assert picks[0] == ("Your signal phrase", SIGNAL)
    assert picks[1] == ("A need of your own", "a hand on my back")
    assert ("Reassurance", "We're still us. I'm coming back to you.") in picks
    assert len(picks) == 2 + sum(1 for w in NEEDS if w.hear)
    # Tapping adds to the words rather than replacing them, and the script that does it is on the page.
    assert '<ul data-suggestions-for="id_words" data-suggestions-insert>' in words_step
    assert '<script type="module" src="/static/breathingroom/suggestions.js"></script>' in html
    assert '<a href="/phrasebook/">Open your phrasebook</a>' in words_step


def test_without_a_phrasebook_of_their_own_a_couple_is_still_offered_words(alex_client):
    picks = picks_for(page_text(alex_client.get("/agreement/propose/")), "id_words")
    assert picks[0][0] == "Reassurance"


def test_accepting_the_partners_proposal_offers_the_same_words(signal, alex, sam, alex_client, sam_client):
    proposals.propose(sam, proposal())
    html = page_text(alex_client.get("/agreement/"))
    assert picks_for(html, "id_words")[0] == ("Your signal phrase", SIGNAL)
    # The one who proposed it has nothing to accept, so nothing is offered to them.
    assert "data-suggestions-for" not in page_text(sam_client.get("/agreement/"))


def test_a_pick_puts_no_more_than_the_agreement_keeps(signal, alex, alex_client):
    for _label, words_in in picks_for(page_text(alex_client.get("/agreement/propose/")), "id_words"):
        proposal(words=words_in).check()


def test_taking_space_offers_the_signal_phrase_first_among_the_examples(signal, sam, couple, sam_client):
    html = page_text(sam_client.get("/space/"))
    picks = picks_for(html, "id_reassurance")
    assert picks[0] == ("Your signal phrase", SIGNAL)
    assert len(picks) > 1
    assert all(label == "" for label, _w in picks[1:])
    # It can be sent as it is.
    response = sam_client.post("/space/", {"reassurance": SIGNAL, "length": "20"})
    assert response.status_code == 302
    taker = Break.objects.current_for(couple).taker(sam)
    assert taker is not None
    assert taker.reassurance == SIGNAL


def test_taking_space_without_a_signal_phrase_offers_the_examples_alone(alex_client):
    picks = picks_for(page_text(alex_client.get("/space/")), "id_reassurance")
    assert all(label == "" for label, _w in picks)


@pytest.fixture
def turn(alex, sam, couple):
    """Alex took space, so Sam, who waited, speaks first."""
    brk = until_reconnecting(space.take_space(alex, 30, REASSURANCE))
    reconnecting.check_in(alex, brk.pk, 3)
    reconnecting.check_in(sam, brk.pk, 3)
    return brk


def test_the_speaker_is_offered_words_for_what_they_needed(turn, alex, sam, alex_client, sam_client):
    words.add_word(alex, "need", "a hand on my back", "when words are too much")
    html = page_text(sam_client.get(f"/space/{turn.pk}/reconnect/"))
    needs = html.split('<details class="suggestions needs-to-say" id="needs-to-say" hx-preserve>', 1)[1].split(
        "</details>", 1
    )[0]
    assert "<summary>Words for what you needed</summary>" in needs
    names = [unescape(n) for n in re.findall(r'<dt dir="auto">(.*?)</dt>', needs)]
    assert names == ["a hand on my back", *(str(w.name) for w in NEEDS)]
    assert "when words are too much" in needs
    # The listener is not handed the speaker's words.
    assert "needs-to-say" not in page_text(alex_client.get(f"/space/{turn.pk}/reconnect/"))


def test_the_needs_go_once_the_turns_are_over(turn, alex, sam, sam_client):
    reconnecting.said_back(alex, turn.pk, Step.FIRST_TURN)
    reconnecting.heard(sam, turn.pk, Step.FIRST_TURN, yes=True)
    # Now Alex speaks, and Sam listens.
    assert "needs-to-say" not in page_text(sam_client.get(f"/space/{turn.pk}/reconnect/"))


def test_the_notes_before_a_turn_offer_the_needs_by_name(alex, sam, couple, sam_client):
    words.add_word(sam, "need", "a hand on my back")
    brk = space.take_space(alex, 30, REASSURANCE)
    html = page_text(sam_client.get(f"/space/{brk.pk}/prepare/"))
    picks = picks_for(html, "id_need")
    assert picks[:2] == [("", "a hand on my back"), ("", "Reassurance")]
    assert html.index('name="need"') < html.index('data-suggestions-for="id_need"') < html.index('name="my_part"')


def test_the_agreement_says_the_signal_phrase_and_where_to_find_it(alex, sam, alex_client):
    page = page_text(alex_client.get("/agreement/"))
    assert "No signal phrase yet." in page
    assert '<a href="/phrasebook/#signal-title">Choose it in your phrasebook</a>' in page
    words.set_signal_phrase(sam, SIGNAL)
    page = page_text(alex_client.get("/agreement/"))
    assert "Your signal phrase: “Need air, back soon &lt;3”." in page
    assert '<a href="/phrasebook/#signal-title">See it in your phrasebook</a>' in page
