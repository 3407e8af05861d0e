"""The hotline data: every region can be called, every number is a tel: link, every zone is real."""

from __future__ import annotations

import re

import pytest

from breathingroom.accounts import timezones
from breathingroom.safety import hotlines
from breathingroom.safety.hotlines import ALL_REGIONS, ELSEWHERE, REGIONS

TEL = re.compile(r"^tel:\+?[0-9]{3,15}$")


def all_phones():
    for region in ALL_REGIONS:
        if region.emergency:
            yield region.emergency
        for service in region.services:
            if service.phone:
                yield service.phone


def test_every_region_but_everywhere_else_has_an_emergency_number():
    for region in REGIONS:
        assert region.emergency is not None, region.code
        assert region.emergency.display
    assert ELSEWHERE.emergency is None
    assert "local emergency number" in str(ELSEWHERE.note)


def test_every_number_is_a_tel_link_of_the_digits_shown():
    for phone in all_phones():
        assert TEL.match(phone.href), phone
        # What is dialled is what the page shows, without its spaces and dashes.
        assert re.sub(r"[^0-9]", "", phone.display).lstrip("0") in phone.dial.lstrip("+0"), phone


def test_every_region_names_at_least_one_service_and_every_service_a_way_to_reach_it():
    for region in ALL_REGIONS:
        assert 1 <= len(region.services) <= 2, region.code
        assert str(region.name)
        for service in region.services:
            assert service.name
            assert str(service.about)
            assert service.phone or service.website, service.name
            if service.website:
                assert service.website.startswith("https://"), service.website
                assert service.website_label
                assert "/" not in service.website_label


def test_codes_are_unique_and_found_by_code():
    codes = [region.code for region in ALL_REGIONS]
    assert len(codes) == len(set(codes))
    for region in ALL_REGIONS:
        assert hotlines.region_by_code(region.code) is region
    assert hotlines.region_by_code("atlantis") is None
    assert hotlines.region_by_code("") is None


def test_zones_are_ones_a_person_can_choose_and_each_in_one_region_only():
    choosable = dict(timezones.choices())
    seen: set[str] = set()
    for region in REGIONS:
        assert region.zones, region.code
        for zone in region.zones:
            assert zone in choosable, zone
            assert zone not in seen, zone
            seen.add(zone)
    assert not ELSEWHERE.zones


@pytest.mark.parametrize(
    ("zone", "code", "emergency"),
    [
        ("America/New_York", "us", "911"),
        ("America/Los_Angeles", "us", "911"),
        ("Pacific/Honolulu", "us", "911"),
        ("America/Toronto", "ca", "911"),
        ("Europe/London", "gb", "999"),
        ("Europe/Dublin", "ie", "112"),
        ("Australia/Sydney", "au", "000"),
        ("Australia/Perth", "au", "000"),
        ("Pacific/Auckland", "nz", "111"),
        ("Europe/Berlin", "de", "112"),
        ("Europe/Paris", "eu", "112"),
    ],
)
def test_a_time_zone_finds_its_region(zone, code, emergency):
    region = hotlines.region_for_zone(zone)
    assert region.code == code
    assert region.emergency is not None
    assert region.emergency.display == emergency


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "UTC", "America/Sao_Paulo", "Africa/Nairobi", "not/a-zone", ""])
def test_any_other_zone_finds_everywhere_else(zone):
    assert hotlines.region_for_zone(zone) is ELSEWHERE
