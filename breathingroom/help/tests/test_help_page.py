"""The page on when to get help: open to anyone, kind about what the app is not, and careful with its links."""

from __future__ import annotations

from django.template import Context, Template
from django.test import RequestFactory

from breathingroom.conftest import page_text
from breathingroom.help import directories


def test_anyone_may_read_it(client):
    page = page_text(client.get("/help/"))
    assert "When to get help" in page
    assert "It is not therapy" in page
    for sign in (
        "The same fight, again and again.",
        "Repairs that don't hold.",
        "Breaks that feel like punishment.",
        "Contempt.",
        "One of you is afraid",
    ):
        assert sign in page
    for kind in (
        "Emotionally Focused Therapy (EFT)",
        "The Gottman Method",
        "Integrative and behavioural couple therapy",
        "Imago Relationship Therapy",
    ):
        assert kind in page
    assert "What to ask in a first call" in page
    # Fear points to the safety page, not to therapy.
    assert 'href="/safety/"' in page


def test_every_directory_is_listed_with_a_secure_link_and_no_referrer(client):
    page = page_text(client.get("/help/"))
    for area in directories.AREAS:
        for directory in area.directories:
            assert directory.website.startswith("https://")
            assert f'<a href="{directory.website}" rel="noreferrer">' in page


def test_the_directories_near_me_come_first(jo, alex, client):
    jo.time_zone = "America/Chicago"
    jo.save()
    client.force_login(jo)
    page = page_text(client.get("/help/"))
    assert page.index("AAMFT TherapistLocator") < page.index("BACP Therapist Directory")
    assert "near you" in page
    assert page.index("ICEEFT") > page.index("Relationships Australia")
    client.force_login(alex)  # Europe/London
    page = page_text(client.get("/help/"))
    assert page.index("BACP Therapist Directory") < page.index("AAMFT TherapistLocator")


def test_signed_out_nobody_is_guessed_near(client):
    page = page_text(client.get("/help/"))
    assert "near you" not in page


def test_home_places_the_suggestion_by_a_tag(alex, couple):
    request = RequestFactory().get("/")
    request.user = alex
    html = Template("{% load help %}{% help_on_home %}").render(Context({"request": request}))
    assert 'id="help-suggestion"' in html
    assert 'data-live-url="/help/suggestion/?seen="' in html
    assert "Would some outside help" not in html
