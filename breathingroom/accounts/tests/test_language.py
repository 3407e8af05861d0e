"""The language follows the browser until a person chooses one; chosen, it wins on every page and API answer."""

from __future__ import annotations

import re

from django.urls import reverse

from breathingroom.accounts.models import Person
from breathingroom.conftest import assert_json

SETTINGS = reverse("accounts:settings")
GERMAN_DATE = re.compile(
    r"\d{1,2}\. (?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}"
)


def lang(response) -> str:
    match = re.search(r'<html lang="([^"]+)"', response.content.decode())
    assert match, "the page has no <html lang>"
    return match.group(1)


def profile(person: Person, **changes) -> dict:
    return {
        "display_name": person.display_name,
        "time_zone": person.time_zone,
        "language": person.language,
        "resting_heart_rate": "",
        **changes,
    }


def test_the_browser_decides_for_someone_who_has_not_chosen(alex, alex_client):
    assert lang(alex_client.get(SETTINGS)) == "en"
    response = alex_client.get(SETTINGS, headers={"accept-language": "de-DE,de;q=0.9,en;q=0.5"})
    assert lang(response) == "de"
    assert response["Content-Language"] == "de"
    alex.refresh_from_db()
    assert (alex.language, alex.browser_language, alex.speaks) == ("", "de", "de")


def test_a_language_chosen_in_settings_wins_over_the_browser(alex, alex_client):
    response = alex_client.post(SETTINGS, profile(alex, language="de"))
    assert response.status_code == 302
    alex.refresh_from_db()
    assert alex.language == "de"

    page = alex_client.get(SETTINGS, headers={"accept-language": "en"})
    assert lang(page) == "de"
    assert '<option value="de" selected>Deutsch</option>' in page.content.decode()

    alex_client.post(SETTINGS, profile(alex, language=""))
    assert lang(alex_client.get(SETTINGS, headers={"accept-language": "en"})) == "en"


def test_the_notice_that_settings_were_saved_is_in_the_language_just_chosen(alex, alex_client):
    english = {"accept-language": "en"}
    page = alex_client.post(SETTINGS, profile(alex, language="de"), headers=english, follow=True)
    text = page.content.decode()
    assert "Gespeichert." in text
    assert "Einstellungen" in text
    assert "Abmelden" in text

    alex.refresh_from_db()
    page = alex_client.post(SETTINGS, profile(alex, language=""), headers=english, follow=True)
    assert "Saved." in page.content.decode()
    assert "Gespeichert." not in page.content.decode()


def test_the_settings_page_offers_each_language_in_its_own_words(alex_client):
    page = alex_client.get(SETTINGS).content.decode()
    assert "As my browser says" in page
    assert ">English</option>" in page
    assert ">Deutsch</option>" in page


def test_a_language_not_offered_is_refused(alex, alex_client):
    response = alex_client.post(SETTINGS, profile(alex, language="xx"))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    alex.refresh_from_db()
    assert alex.language == ""


def test_the_api_answers_in_the_chosen_language(alex, alex_client):
    body = assert_json(alex_client.patch("/api/v1/me", {"language": "de"}, content_type="application/json"), 200)
    assert body["language"] == "de"
    response = alex_client.get("/api/v1/me", headers={"accept-language": "en"})
    assert response["Content-Language"] == "de"
    refused = alex_client.patch("/api/v1/me", {"language": "xx"}, content_type="application/json")
    assert refused.status_code == 422
    # Refused in the language just chosen.
    assert refused.json()["detail"][0]["ctx"]["error"] == "Wähle eine Sprache aus der Liste."


def test_dates_on_a_page_are_said_the_german_way(alex, alex_client):
    Person.objects.filter(pk=alex.pk).update(language="de")
    page = alex_client.get(reverse("home")).content.decode()
    # "Together here since 3. Dezember 2025." (the month from Django's own German catalogue)
    assert GERMAN_DATE.search(page), "no date said the German way on the pairing page"
