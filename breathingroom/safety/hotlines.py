"""Where to find help now, by region: the emergency number and a few free, national services.

Kept as data, not in templates, so every number is in one place to check. Only long-established
national services are listed, each with a number or address known to be right; a service left out
is better than a wrong number on the page someone opens when they are afraid. The region is guessed
from a person's time zone, which says roughly where they are without asking for a location.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


@dataclass(frozen=True)
class Phone:
    display: str
    dial: str  # digits as dialled from a phone in the region, optionally with a leading +

    @property
    def href(self) -> str:
        return f"tel:{self.dial}"


@dataclass(frozen=True)
class Service:
    name: str  # the service's own name, which is not translated
    about: _StrPromise
    phone: Phone | None = None
    website: str = ""

    @property
    def website_label(self) -> str:
        return self.website.removeprefix("https://").removeprefix("www.").rstrip("/")


@dataclass(frozen=True)
class Region:
    code: str
    name: _StrPromise
    # None only where there is no single number to give: the page then names the local one.
    emergency: Phone | None
    services: tuple[Service, ...]
    note: _StrPromise | str = ""
    zones: frozenset[str] = field(default_factory=frozenset)


FIND_A_HELPLINE = Service(
    name="Find A Helpline",
    about=_("A directory of free, confidential helplines in many countries, searchable by country and by topic."),
    website="https://findahelpline.com/",
)

SAMARITANS = Service(
    name="Samaritans",
    about=_("Someone to talk to about anything, including thoughts of ending your life. Free, day and night."),
    phone=Phone("116 123", "116123"),
    website="https://www.samaritans.org/",
)

REGIONS: tuple[Region, ...] = (
    Region(
        code="us",
        name=_("United States"),
        emergency=Phone("911", "911"),
        services=(
            Service(
                name="National Domestic Violence Hotline",
                about=_(
                    "For anyone afraid of a partner or hurt by one, and for people worried about someone. "
                    "Free and confidential, day and night."
                ),
                phone=Phone("1-800-799-7233", "18007997233"),
                website="https://www.thehotline.org/",
            ),
            Service(
                name="988 Suicide & Crisis Lifeline",
                about=_(
                    "Call or text if you are thinking of harming yourself, or are in any crisis. Free, day and night."
                ),
                phone=Phone("988", "988"),
                website="https://988lifeline.org/",
            ),
        ),
        zones=frozenset(
            {
                "America/New_York",
                "America/Detroit",
                "America/Kentucky/Louisville",
                "America/Kentucky/Monticello",
                "America/Indiana/Indianapolis",
                "America/Indiana/Vincennes",
                "America/Indiana/Winamac",
                "America/Indiana/Marengo",
                "America/Indiana/Petersburg",
                "America/Indiana/Vevay",
                "America/Indiana/Tell_City",
                "America/Indiana/Knox",
                "America/Chicago",
                "America/Menominee",
                "America/North_Dakota/Center",
                "America/North_Dakota/New_Salem",
                "America/North_Dakota/Beulah",
                "America/Denver",
                "America/Boise",
                "America/Phoenix",
                "America/Los_Angeles",
                "America/Anchorage",
                "America/Juneau",
                "America/Sitka",
                "America/Metlakatla",
                "America/Yakutat",
                "America/Nome",
                "America/Adak",
                "Pacific/Honolulu",
            }
        ),
    ),
    Region(
        code="ca",
        name=_("Canada"),
        emergency=Phone("911", "911"),
        services=(
            Service(
                name="9-8-8: Suicide Crisis Helpline",
                about=_(
                    "Call or text if you are thinking of harming yourself, or are in any crisis. Free, day and night."
                ),
                phone=Phone("988", "988"),
                website="https://988.ca/",
            ),
        ),
        note=_("Help for people afraid of a partner is run by each province and territory. In danger now, call 911."),
        zones=frozenset(
            {
                "America/St_Johns",
                "America/Halifax",
                "America/Glace_Bay",
                "America/Moncton",
                "America/Goose_Bay",
                "America/Blanc-Sablon",
                "America/Toronto",
                "America/Iqaluit",
                "America/Atikokan",
                "America/Winnipeg",
                "America/Resolute",
                "America/Rankin_Inlet",
                "America/Regina",
                "America/Swift_Current",
                "America/Edmonton",
                "America/Cambridge_Bay",
                "America/Inuvik",
                "America/Creston",
                "America/Dawson_Creek",
                "America/Fort_Nelson",
                "America/Whitehorse",
                "America/Dawson",
                "America/Vancouver",
            }
        ),
    ),
    Region(
        code="gb",
        name=_("United Kingdom"),
        emergency=Phone("999", "999"),
        services=(
            Service(
                name="National Domestic Abuse Helpline",
                about=_(
                    "Run by Refuge for England, for anyone living with abuse. Free and confidential, day and night."
                ),
                phone=Phone("0808 2000 247", "08082000247"),
                website="https://www.nationaldahelpline.org.uk/",
            ),
            SAMARITANS,
        ),
        note=_(
            "Scotland, Wales and Northern Ireland have helplines of their own; 999 and Samaritans work across the UK."
        ),
        zones=frozenset({"Europe/London"}),
    ),
    Region(
        code="ie",
        name=_("Ireland"),
        emergency=Phone("112", "112"),
        services=(SAMARITANS,),
        note=_("999 works as well as 112."),
        zones=frozenset({"Europe/Dublin"}),
    ),
    Region(
        code="au",
        name=_("Australia"),
        emergency=Phone("000", "000"),
        services=(
            Service(
                name="1800RESPECT",
                about=_(
                    "The national service for anyone affected by domestic, family or sexual violence. "
                    "Free and confidential, day and night."
                ),
                phone=Phone("1800 737 732", "1800737732"),
                website="https://www.1800respect.org.au/",
            ),
            Service(
                name="Lifeline",
                about=_("Crisis support if you are thinking of harming yourself, or are in any crisis. Day and night."),
                phone=Phone("13 11 14", "131114"),
                website="https://www.lifeline.org.au/",
            ),
        ),
        zones=frozenset(
            {
                "Australia/Lord_Howe",
                "Antarctica/Macquarie",
                "Australia/Hobart",
                "Australia/Melbourne",
                "Australia/Sydney",
                "Australia/Broken_Hill",
                "Australia/Brisbane",
                "Australia/Lindeman",
                "Australia/Adelaide",
                "Australia/Darwin",
                "Australia/Perth",
                "Australia/Eucla",
            }
        ),
    ),
    Region(
        code="nz",
        name=_("New Zealand"),
        emergency=Phone("111", "111"),
        services=(
            Service(
                name="Need to talk? 1737",
                about=_("Call or text to talk with a trained counsellor about anything. Free, day and night."),
                phone=Phone("1737", "1737"),
            ),
        ),
        zones=frozenset({"Pacific/Auckland", "Pacific/Chatham"}),
    ),
    Region(
        code="de",
        name=_("Germany"),
        emergency=Phone("112", "112"),
        services=(
            Service(
                name="Hilfetelefon Gewalt gegen Frauen",
                about=_(
                    "For women living with violence, and for the people around them. Free, anonymous, in many "
                    "languages, day and night."
                ),
                phone=Phone("116 016", "116016"),
                website="https://www.hilfetelefon.de/",
            ),
            Service(
                name="TelefonSeelsorge",
                about=_(
                    "Someone to talk to in any crisis, including thoughts of ending your life. Free, day and night."
                ),
                phone=Phone("0800 111 0 111", "08001110111"),
                website="https://www.telefonseelsorge.de/",
            ),
        ),
        note=_("110 reaches the police directly."),
        zones=frozenset({"Europe/Berlin"}),
    ),
    Region(
        code="eu",
        name=_("Elsewhere in the European Union"),
        emergency=Phone("112", "112"),
        services=(FIND_A_HELPLINE,),
        note=_("112 is free and reaches emergency services in every country of the European Union."),
        zones=frozenset(
            {
                "Africa/Ceuta",
                "Asia/Famagusta",
                "Asia/Nicosia",
                "Atlantic/Azores",
                "Atlantic/Canary",
                "Atlantic/Madeira",
                "Europe/Amsterdam",
                "Europe/Athens",
                "Europe/Bratislava",
                "Europe/Brussels",
                "Europe/Bucharest",
                "Europe/Budapest",
                "Europe/Copenhagen",
                "Europe/Helsinki",
                "Europe/Lisbon",
                "Europe/Ljubljana",
                "Europe/Luxembourg",
                "Europe/Madrid",
                "Europe/Malta",
                "Europe/Mariehamn",
                "Europe/Paris",
                "Europe/Prague",
                "Europe/Riga",
                "Europe/Rome",
                "Europe/Sofia",
                "Europe/Stockholm",
                "Europe/Tallinn",
                "Europe/Vienna",
                "Europe/Vilnius",
                "Europe/Warsaw",
                "Europe/Zagreb",
            }
        ),
    ),
)

ELSEWHERE = Region(
    code="elsewhere",
    name=_("Everywhere else"),
    emergency=None,
    services=(FIND_A_HELPLINE,),
    note=_(
        "If you are in danger now, call your local emergency number. If you are not sure what it is, the "
        "police, a hospital or a pharmacy near you can tell you."
    ),
)

ALL_REGIONS: tuple[Region, ...] = (*REGIONS, ELSEWHERE)
_BY_CODE = {region.code: region for region in ALL_REGIONS}


def region_for_zone(zone: str) -> Region:
    """The region a time zone lies in, or everywhere else."""
    return next((region for region in REGIONS if zone in region.zones), ELSEWHERE)


def region_by_code(code: str) -> Region | None:
    return _BY_CODE.get(code)
