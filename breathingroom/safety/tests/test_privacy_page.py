"""The privacy page: public, plain, and exact about what deleting an account removes."""

from __future__ import annotations

import re

import pytest
from django.test import Client

URL = "/privacy/"


def main(response) -> str:
    assert response.status_code == 200
    return " ".join(response.content.decode().split("<main", 1)[1].split("</main>", 1)[0].split())


def test_anyone_can_read_it_signed_out(db):
    page = main(Client().get(URL))
    assert "<h1>Privacy, in plain words</h1>" in page


def test_signed_in_people_read_the_same_page_with_the_way_to_their_data(alex_client):
    theirs, everyone = main(alex_client.get(URL)), main(Client().get(URL))
    assert '<a href="/settings/data/">Your data</a>' in theirs
    assert '<a href="/settings/delete">Delete my account</a>' in theirs

    def words(html: str) -> str:
        return " ".join(re.sub(r"<[^>]+>", " ", html).split())

    assert words(theirs).replace(" Your data", "").replace(" Delete my account", "") == words(everyone)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_only_reading_is_allowed(db, method):
    assert getattr(Client(), method)(URL).status_code == 405


def test_it_says_what_is_private_and_what_the_partner_sees(db):
    page = main(Client().get(URL))
    assert "Your journal, your body check-ins, your unsent notes and your own notes are yours alone." in page
    assert "Nothing is shared by default." in page
    assert "Your partner sees only what you choose to share" in page


def test_it_says_nothing_tracks_sells_or_advertises(db):
    page = main(Client().get(URL))
    assert "never asks for your location" in page
    assert "There are no read receipts." in page
    assert "There is no “last seen”" in page
    assert "There are no adverts, no analytics and no scripts from other companies" in page
    assert "Nothing about you is sold or shared with anyone." in page


def test_it_says_text_is_encrypted_and_can_be_taken_away(db):
    page = main(Client().get(URL))
    assert "The text you write is stored encrypted" in page
    assert "download everything you wrote and recorded" in page


def test_it_states_the_deletion_rule(db):
    page = main(Client().get(URL))
    assert "Deleting your account removes, at once and for good:" in page
    for removed in [
        "your account",
        "your email address and name",
        "your ways of signing in",
        "your devices and notification settings",
        "every event kept for you",
        "everything you wrote or recorded",
        "your reassurances, notes, check-ins, unsent notes, notes made to prepare, your tries at reconnecting, "
        "and your words in agreements",
    ]:
        assert removed in page, removed
    assert "Your former partner keeps their own writing and check-ins" in page
    assert "that a break happened and when, how the reconnection went, and the terms of agreements they accepted" in (
        page
    )
    assert 'There you appear only as "a former partner", with nothing you wrote.' in page
    assert "Leaving ends the couple for both of you, and each of you keeps your own private entries." in page


def test_it_links_to_the_safety_page(db):
    assert 'href="/safety/"' in main(Client().get(URL))
