"""The safety page: public, the right region first, any other a GET away, and linked from every page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from breathingroom.conftest import client_for, make_person
from breathingroom.events.models import Event

URL = "/safety/"


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def help_now(response) -> str:
    return text(response).split('id="help-now"', 1)[1].split("</section>", 1)[0]


def selected(section: str) -> str:
    match = re.search(r'<option value="([a-z]+)" selected>', section)
    assert match is not None
    return match.group(1)


def test_anyone_can_read_it_signed_out(db):
    page = text(Client().get(URL))
    assert "<h1>If you don't feel safe</h1>" in page
    assert "You are afraid of your partner" in page
    assert "thinking about harming yourself" in page
    assert "reads your messages, tracks where you are" in page
    assert "none of it is your" in page


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_only_reading_is_allowed(db, method):
    assert getattr(Client(), method)(URL).status_code == 405


def test_a_person_in_new_york_sees_the_united_states_first(sam_client):
    section = help_now(sam_client.get(URL))
    assert "Help now: United States" in section
    assert selected(section) == "us"
    assert '<a class="button button-emergency" href="tel:911">911</a>' in section
    assert 'href="tel:18007997233">Call 1-800-799-7233</a>' in section
    assert 'href="https://www.thehotline.org/"' in section
    assert 'href="tel:988">Call 988</a>' in section
    assert "Chosen from your time zone, America/New York." in section


def test_a_person_in_london_sees_the_united_kingdom_first(alex_client):
    section = help_now(alex_client.get(URL))
    assert "Help now: United Kingdom" in section
    assert selected(section) == "gb"
    assert 'href="tel:999">999</a>' in section
    assert 'href="tel:08082000247">Call 0808 2000 247</a>' in section
    assert 'href="tel:116123">Call 116 123</a>' in section
    assert "Samaritans" in section


def test_a_person_in_sydney_sees_australia_first(db):
    client = client_for(make_person("Kim", "Australia/Sydney"))
    section = help_now(client.get(URL))
    assert "Help now: Australia" in section
    assert selected(section) == "au"
    assert 'href="tel:000">000</a>' in section
    assert 'href="tel:1800737732">Call 1800 737 732</a>' in section


def test_a_person_elsewhere_is_pointed_to_their_local_emergency_number(db):
    client = client_for(make_person("Yuki", "Asia/Tokyo"))
    section = help_now(client.get(URL))
    assert "Help now: Everywhere else" in section
    assert selected(section) == "elsewhere"
    assert "call your local emergency number" in section
    assert "button-emergency" not in section
    assert 'href="https://findahelpline.com/"' in section


def test_someone_signed_out_starts_from_everywhere_else_and_is_asked_to_choose(db):
    section = help_now(Client().get(URL))
    assert selected(section) == "elsewhere"
    assert "Choose where you are to see the numbers there." in section


def test_the_chooser_is_a_plain_get_form_that_shows_any_region(alex_client):
    page = text(alex_client.get(URL))
    assert re.search(r'<form method="get" action="/safety/#help-now"', page)
    assert '<select id="region" name="region">' in page
    section = help_now(alex_client.get(URL, {"region": "de"}))
    assert "Help now: Germany" in section
    assert selected(section) == "de"
    assert 'href="tel:116016">Call 116 016</a>' in section
    assert "Chosen from your time zone" not in section


def test_the_chooser_works_signed_out_too(db):
    section = help_now(Client().get(URL, {"region": "us"}))
    assert "Help now: United States" in section
    assert 'href="tel:911"' in section


def test_an_unknown_region_shows_the_guessed_one(sam_client):
    assert selected(help_now(sam_client.get(URL, {"region": "<script>"}))) == "us"


def test_device_advice_is_there(db):
    page = text(Client().get(URL))
    assert "private window" in page
    assert "It cannot erase what came before." in page
    assert "Clear your history with care." in page
    assert "pressing Escape" in page


def test_signed_in_people_get_links_to_their_own_settings(alex_client):
    page = text(alex_client.get(URL))
    assert 'href="/notifications/"' in page
    assert 'href="/accounts/sessions/"' in page


def test_opening_it_tells_nobody(sam_client, alex):
    before = Event.objects.count()
    sam_client.get(URL)
    sam_client.get(URL, {"region": "gb"})
    assert Event.objects.count() == before
