"""The Space Agreement's pages: proposing, accepting, and every version kept, for the couple alone."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from breathingroom.agreements import proposals
from breathingroom.agreements.models import Agreement, Contact, Reconnect
from breathingroom.breaks.tests.conftest import proposal
from breathingroom.conftest import page_text

SHOW = "/agreement/"
PROPOSE = "/agreement/propose/"
HOME = "/"
ALEX_WORDS = "Say the time you will be back, Alex-words."
SAM_WORDS = "Tell me we are fine, Sam-words."
ROBIN_WORDS = "Just a wave, Robin-words."


def text(response) -> str:
    return page_text(response)


def without_tokens(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text(response))


def form(**changes: object) -> dict[str, object]:
    """What the propose page sends when its defaults are kept, with ``changes``."""
    data: dict[str, object] = {
        "shortest": "20",
        "longest": "1440",
        "presets": ["20", "30", "45", "60", "90", "120", "240"],
        "until_morning": "on",
        "extensions": "1",
        "contact": "once",
        "contact_every": "60",
        "reconnect": "ritual",
        "own_way": "",
        "words": ALEX_WORDS,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def selected(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S)
    assert select, name
    return re.findall(r'<option value="(\d+)" selected>', select.group(0))


def checked(page: str, name: str) -> list[str]:
    return [
        m.group(1)
        for m in re.finditer(rf'<input type="(?:checkbox|radio)" name="{name}" value="(\w+)"([^>]*)>', page)
        if "checked" in m.group(2)
    ]


@pytest.fixture
def proposed(alex, sam, couple) -> Agreement:
    return proposals.propose(alex, proposal(words=ALEX_WORDS, presets=(20, 30, 45)))


@pytest.fixture
def robins_version_1(robin) -> Agreement:
    return proposals.propose(robin, proposal(words=ROBIN_WORDS, presets=(25, 50)))


# --- Who may open which page ------------------------------------------------------------------

URLS = [("get", SHOW), ("get", PROPOSE), ("post", PROPOSE), ("get", "/agreement/1/"), ("post", "/agreement/1/accept/")]


@pytest.mark.parametrize(("method", "url"), URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, db, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("method", "url"),
    [("post", SHOW), ("put", PROPOSE), ("delete", PROPOSE), ("post", "/agreement/1/"), ("get", "/agreement/1/accept/")],
)
def test_wrong_methods_are_refused(sam_client, proposed, method, url):
    assert getattr(sam_client, method)(url).status_code == 405
    proposed.refresh_from_db()
    assert proposed.accepted_at is None


@pytest.mark.parametrize(("method", "url"), URLS)
def test_someone_without_a_partner_finds_nothing(jo_client, proposed, method, url):
    response = getattr(jo_client, method)(url, form())
    assert response.status_code == 404
    assert ALEX_WORDS not in text(response)
    assert Agreement.objects.count() == 1


def test_an_outsider_sees_only_their_own_couples_version(robin_client, proposed, robins_version_1, alex, sam):
    proposals.propose(sam, proposal(words=SAM_WORDS))
    own = robin_client.get("/agreement/1/")
    assert own.status_code == 200
    assert ROBIN_WORDS in text(own)
    for url in (SHOW, "/agreement/1/", PROPOSE, HOME):
        page = text(robin_client.get(url))
        for trace in (ALEX_WORDS, SAM_WORDS, r"\bAlex\b", r"\bSam\b"):
            assert not re.search(trace, page), (url, trace)
    # Version 2 exists only for Alex and Sam: to Robin it is as absent as version 99.
    theirs, nowhere = robin_client.get("/agreement/2/"), robin_client.get("/agreement/99/")
    assert theirs.status_code == nowhere.status_code == 404
    assert without_tokens(theirs) == without_tokens(nowhere)


def test_an_outsider_cannot_accept_another_couples_proposal(robin_client, alex, sam, couple, robin):
    proposals.propose(alex, proposal(words=ALEX_WORDS))
    proposals.propose(alex, proposal(words=ALEX_WORDS, presets=(30,)))
    theirs = robin_client.post("/agreement/2/accept/", {"words": "mine"})
    nowhere = robin_client.post("/agreement/99/accept/", {"words": "mine"})
    assert theirs.status_code == nowhere.status_code == 404
    assert without_tokens(theirs) == without_tokens(nowhere)
    assert not Agreement.objects.filter(accepted_at__isnull=False).exists()


def test_a_version_that_does_not_exist_is_not_found(alex_client, proposed):
    assert alex_client.get("/agreement/2/").status_code == 404
    assert alex_client.post("/agreement/7/accept/").status_code == 404


# --- Before anything is agreed ----------------------------------------------------------------


def test_the_agreement_page_says_the_defaults_apply(alex_client):
    response = alex_client.get(SHOW)
    assert response.status_code == 200
    assert "Not agreed yet." in text(response)
    assert "Until you both accept a version, these defaults apply." in text(response)
    assert "20 minutes to 24 hours" in text(response)
    assert "Write your agreement" in text(response)
    assert "All versions" not in text(response)


def test_the_proposal_form_starts_from_the_defaults(alex_client):
    response = alex_client.get(PROPOSE)
    assert response.status_code == 200
    page = text(response)
    assert selected(page, "shortest") == ["20"]
    assert selected(page, "longest") == ["1440"]
    assert selected(page, "extensions") == ["1"]
    assert checked(page, "presets") == ["20", "30", "45", "60", "90", "120", "240"]
    assert checked(page, "contact") == ["once"]
    assert checked(page, "reconnect") == ["ritual"]
    assert re.search(r'<input type="checkbox" name="until_morning"[^>]*checked', page)


# --- Proposing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"shortest": "120", "longest": "60"}, "Select a valid choice. 120 is not one of the available choices."),
        ({"shortest": "60", "longest": "60", "presets": ["30", "60"]}, "must be between 1 hour and 1 hour"),
        ({"presets": ["10", "30"]}, "Every length offered must be between 20 minutes and 24 hours."),
        ({"presets": [], "until_morning": None}, "Offer at least one length to choose from."),
        ({"reconnect": "own", "own_way": "  "}, "Say in a few words how you will reconnect"),
        ({"contact": "shout"}, "Select a valid choice."),
        ({"words": "x" * 281}, "280 characters at most"),
    ],
)
def test_a_proposal_outside_the_rules_is_refused_with_a_reason(alex_client, changes, message):
    response = alex_client.post(PROPOSE, form(**changes))
    assert response.status_code == 400
    assert message in text(response)
    assert not Agreement.objects.exists()


def test_proposing_waits_for_the_partner(alex_client, alex):
    response = alex_client.post(PROPOSE, form(presets=["30", "45"], extensions="2"))
    assert response.status_code == 302
    assert response["Location"] == SHOW
    agreement = Agreement.objects.get()
    assert (agreement.version, agreement.proposed_by, agreement.accepted_at) == (1, alex, None)
    assert (agreement.presets, agreement.extensions) == ([30, 45], 2)
    page = text(alex_client.get(SHOW))
    assert "Version 1 is proposed. It takes effect when your partner accepts it." in page
    assert "Proposed: version 1" in page
    assert "Waiting for Sam to accept it." in page
    assert "Not agreed yet." in page
    assert "Accept this version" not in page
    assert "waiting" in page


def test_the_partner_reads_the_proposal_and_may_accept_it(sam_client, proposed):
    page = text(sam_client.get(SHOW))
    assert "Alex proposed this. It takes effect when you accept it." in page
    assert 'action="/agreement/1/accept/"' in page
    assert "Accept this version" in page
    assert '<textarea name="words"' in page
    assert "Words Alex would like to hear" in page
    assert ALEX_WORDS in page
    assert "Alex proposed a new version of your Space Agreement." in text(sam_client.get(HOME))


def test_the_proposer_cannot_accept_their_own(alex_client, proposed):
    response = alex_client.post("/agreement/1/accept/", {"words": ""}, follow=True)
    assert "You proposed this version. It takes effect when your partner accepts it." in text(response)
    proposed.refresh_from_db()
    assert proposed.accepted_at is None
    assert "Alex proposed a new version" not in text(alex_client.get(HOME))


def test_accepting_puts_the_version_in_force_for_both(alex_client, sam_client, proposed, sam):
    response = sam_client.post("/agreement/1/accept/", {"words": SAM_WORDS}, follow=True)
    assert response.status_code == 200
    assert "Agreed. Version 1 is now in force for you both." in text(response)
    proposed.refresh_from_db()
    assert proposed.accepted_by == sam
    assert proposed.words[str(sam.pk)] == SAM_WORDS
    for client in (alex_client, sam_client):
        page = text(client.get(SHOW))
        assert "Version 1, agreed on" in page
        assert "Not agreed yet" not in page
        assert "Accept this version" not in page
        assert "in force" in page
        assert "Your Space Agreement (version 1) is in force." in text(client.get(HOME))
    alexs = text(alex_client.get(SHOW))
    assert f'Words Sam would like to hear</dt><dd dir="auto">{SAM_WORDS}' in alexs
    # The words Sam asked for are what Alex is offered to send.
    assert SAM_WORDS in text(alex_client.get("/space/"))


def test_a_double_tap_on_accept_is_one_acceptance(sam_client, proposed):
    sam_client.post("/agreement/1/accept/", {"words": ""})
    again = sam_client.post("/agreement/1/accept/", {"words": ""}, follow=True)
    assert again.status_code == 200
    assert "Version 1 is now in force for you both." in again.content.decode()
    proposed.refresh_from_db()
    assert proposed.accepted_at is not None


def test_accepting_with_too_many_words_is_refused(sam_client, proposed):
    response = sam_client.post("/agreement/1/accept/", {"words": "x" * 281}, follow=True)
    assert "280 characters at most" in text(response)
    proposed.refresh_from_db()
    assert proposed.accepted_at is None


def test_a_new_proposal_replaces_a_pending_one(alex_client, sam_client, proposed, alex):
    response = sam_client.post(PROPOSE, form(words=SAM_WORDS, presets=["20", "60"]))
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.withdrawn_at is not None
    page = text(alex_client.get(SHOW))
    assert "Proposed: version 2" in page
    assert "Sam proposed this." in page
    assert re.search(r"Version 1</a>\s*<span class=\"muted\">\s*replaced before it was accepted", page)
    late = alex_client.post("/agreement/1/accept/", {"words": ""}, follow=True)
    # Alex proposed version 1; accepting it is refused either way, and nothing changes.
    assert late.status_code == 200
    assert not Agreement.objects.filter(accepted_at__isnull=False).exists()
    replaced = sam_client.post("/agreement/1/accept/", {"words": ""}, follow=True)
    assert "A newer proposal replaced this one." in text(replaced)
    assert not Agreement.objects.filter(accepted_at__isnull=False).exists()


def test_a_change_starts_from_the_latest_version(alex_client, sam_client, alex, sam, couple):
    proposals.propose(alex, proposal(presets=(30, 45), contact=Contact.NOTHING))
    proposals.accept(sam, 1, SAM_WORDS)
    page = text(sam_client.get(PROPOSE))
    assert checked(page, "presets") == ["30", "45"]
    assert checked(page, "contact") == ["nothing"]
    assert SAM_WORDS in page
    assert "Propose a change" in text(sam_client.get(SHOW))


def test_every_version_can_be_read(alex_client, sam_client, proposed, alex, sam):
    proposals.accept(sam, 1, SAM_WORDS)
    proposals.propose(sam, proposal(reconnect=Reconnect.OWN, own_way="A walk by the river"))
    first, second = alex_client.get("/agreement/1/"), alex_client.get("/agreement/2/")
    assert first.status_code == second.status_code == 200
    assert "Accepted by Sam on" in text(first)
    assert "20 minutes, 30 minutes, 45 minutes" in text(first)
    assert "Proposed by Sam on" in text(second)
    assert "Waiting to be accepted." in text(second)
    assert "A walk by the river" in text(second)


# --- The header -------------------------------------------------------------------------------


def test_the_header_offers_space_on_other_pages_to_paired_people(alex_client, jo_client):
    button = re.compile(r'<a class="button button-space" href="/space/">I need space</a>')
    assert button.search(text(alex_client.get(SHOW)))
    assert button.search(text(alex_client.get("/settings/")))
    assert not button.search(text(alex_client.get("/space/")))
    for url in ("/settings/", SHOW):
        page = text(jo_client.get(url))
        assert not button.search(page)
        assert 'href="/agreement/"' not in page
