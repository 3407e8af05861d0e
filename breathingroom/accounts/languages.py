"""The language Breathing Room speaks to each person in.

A person may choose one in settings; until they do, it follows their browser. Either way their
pages and API answers, their emails and their phone's notifications are in the same language: for
the messages sent while no page is open, the browser's last choice is remembered on the person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

    from breathingroom.accounts.models import Person

# Stored for a person who lets the browser decide.
FOLLOW_BROWSER = ""


def codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def choices() -> list[tuple[str, _StrOrPromise]]:
    # Each language in its own words, so someone who cannot read the page still finds theirs.
    own_names: list[tuple[str, _StrOrPromise]] = [
        (code, translation.get_language_info(code)["name_local"]) for code in codes()
    ]
    return [(FOLLOW_BROWSER, _("As my browser says")), *own_names]


def validate(value: str) -> None:
    if value != FOLLOW_BROWSER and value not in codes():
        raise ValidationError(_("Choose a language from the list."), code="invalid_choice")


def speaks(person: Person) -> str:
    """The language to write to this person in, on a page or not."""
    chosen = person.language or person.browser_language
    return chosen if chosen in codes() else settings.LANGUAGE_CODE


def take_up(request: HttpRequest, person: Person) -> None:
    """Speak the person's chosen language in this answer, or remember the one their browser asked for."""
    if person.language in codes():
        translation.activate(person.language)
        request.LANGUAGE_CODE = person.language
        return
    asked = getattr(request, "LANGUAGE_CODE", "") or translation.get_language()
    # Written only when it changes, so an ordinary page costs no query; blank means the default.
    remembered = person.browser_language or settings.LANGUAGE_CODE
    if asked in codes() and asked != remembered:
        person.browser_language = asked
        person._meta.model._default_manager.filter(pk=person.pk).update(browser_language=asked)
