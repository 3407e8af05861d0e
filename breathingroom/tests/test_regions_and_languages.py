"""Helplines follow the region, lessons the language: choosing German hides neither a helpline nor a lesson."""

from __future__ import annotations

from html import escape

import pytest

from breathingroom.accounts.models import Person
from breathingroom.conftest import client_for, make_person
from breathingroom.lessons import content
from breathingroom.safety import hotlines


@pytest.mark.parametrize("region", hotlines.REGIONS, ids=lambda r: r.code)
@pytest.mark.django_db
def test_every_helpline_of_a_region_is_shown_in_german_too(region):
    person = make_person("Kim", time_zone=sorted(region.zones)[0])
    Person.objects.filter(pk=person.pk).update(language="de")
    page = client_for(person).get("/safety/", headers={"accept-language": "de"}).content.decode()
    assert '<html lang="de"' in page
    assert region.emergency.href in page
    for service in region.services:
        assert escape(service.name) in page, f"{service.name} ({region.code}) is missing from the German safety page"
        if service.phone is not None:
            assert service.phone.href in page


def test_a_lesson_without_german_words_is_read_in_english():
    german = content.CONTENT / "de"
    for lesson in content.library("de"):
        english = content.find(lesson.slug, "en")
        assert english is not None
        translated = german / f"{lesson.slug}.md"
        if lesson.language == "de":
            assert translated.exists()
            assert lesson.version == english.version
        else:
            assert lesson.language == "en"
            assert lesson == english
    # A language with no folder at all falls back to English for every lesson.
    assert [lesson.language for lesson in content.library("xx")] == ["en"] * len(content.library("en"))
