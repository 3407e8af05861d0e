"""Where to find a couples therapist, by region: national and international directories kept as data.

Only long-established bodies' own directories are listed, each at an address known to be right. One
left out is better than a wrong one. Region codes are the safety page's (``safety.hotlines``), so a
person's time zone puts the directories near them first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

INTERNATIONAL = "international"


@dataclass(frozen=True)
class Directory:
    name: str  # the body's own name, which is not translated
    about: _StrPromise
    website: str

    @property
    def website_label(self) -> str:
        return self.website.removeprefix("https://").removeprefix("www.").rstrip("/")


@dataclass(frozen=True)
class Area:
    code: str
    name: _StrPromise
    directories: tuple[Directory, ...]


AREAS: tuple[Area, ...] = (
    Area(
        "gb",
        _("United Kingdom"),
        (
            Directory(
                "BACP Therapist Directory",
                _(
                    "Counsellors and psychotherapists who are members of the British Association for Counselling "
                    "and Psychotherapy, searchable by where you live."
                ),
                "https://www.bacp.co.uk/search/Therapists",
            ),
            Directory(
                "Relate",
                _("A charity offering relationship counselling for couples, in person, by phone and online."),
                "https://www.relate.org.uk/",
            ),
        ),
    ),
    Area(
        "us",
        _("United States"),
        (
            Directory(
                "AAMFT TherapistLocator",
                _(
                    "The American Association for Marriage and Family Therapy's directory of marriage and family "
                    "therapists, searchable by where you live."
                ),
                "https://www.therapistlocator.net/",
            ),
        ),
    ),
    Area(
        "au",
        _("Australia"),
        (
            Directory(
                "Relationships Australia",
                _("A national organisation offering counselling for couples and families, in person and online."),
                "https://www.relationships.org.au/",
            ),
        ),
    ),
    Area(
        INTERNATIONAL,
        _("In many countries"),
        (
            Directory(
                "ICEEFT: Find an EFT therapist",
                _(
                    "The International Centre for Excellence in Emotionally Focused Therapy's directory of "
                    "therapists trained in EFT."
                ),
                "https://iceeft.com/find-a-therapist/",
            ),
            Directory(
                "Gottman Referral Network",
                _("The Gottman Institute's directory of therapists trained in the Gottman Method."),
                "https://www.gottmanreferralnetwork.com/",
            ),
        ),
    ),
)


def in_order_for(code: str) -> tuple[Area, ...]:
    """Every area, the one with ``code`` first and the international directories last."""
    near = [area for area in AREAS if area.code == code and area.code != INTERNATIONAL]
    rest = [area for area in AREAS if area not in near and area.code != INTERNATIONAL]
    return (*near, *rest, *(area for area in AREAS if area.code == INTERNATIONAL))
