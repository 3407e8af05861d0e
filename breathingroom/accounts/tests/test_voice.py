"""allauth's pages speak as the rest of the app does: sentence case, plain words, no one to "contact"."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from breathingroom.conftest import client_for

PO = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def entries() -> list[tuple[str, str, str]]:
    """(context, msgid, msgstr) for each entry of the English catalogue."""
    found = []
    for block in PO.read_text().split("\n\n"):
        fields = dict(re.findall(r'^(msgctxt|msgid|msgstr) "(.*)"$', block, re.M))
        if fields.get("msgid"):
            unquote = lambda s: s.replace('\\"', '"').replace("\\\\", "\\")  # noqa: E731
            found.append((unquote(fields.get("msgctxt", "")), unquote(fields["msgid"]), unquote(fields["msgstr"])))
    return found


def test_the_compiled_catalogue_says_what_the_source_says():
    # A .po changed without `make messages` would silently keep the old words.
    with translation.override("en"):
        for context, msgid, msgstr in entries():
            said = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
            assert said == msgstr, f"{msgid!r}: run `make messages`"


def visible(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


TITLE_CASE = re.compile(
    r"\b(Sign In|Sign Up|Sign Out|Signup|Remember Me|Password Reset|Change Password|Email Addresses)\b"
)


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"])
def test_the_pages_before_signing_in_use_our_words(db, path):
    page = visible(Client().get(path))
    assert not TITLE_CASE.search(page), TITLE_CASE.search(page)
    assert "contact us" not in page


@pytest.mark.parametrize(
    "path",
    ["/accounts/email/", "/accounts/password/change/", "/accounts/2fa/", "/accounts/sessions/", "/accounts/logout/"],
)
def test_the_account_pages_use_our_words(alex, path):
    response = client_for(alex).get(path)
    assert response.status_code == 200
    page = visible(response)
    assert not TITLE_CASE.search(page), TITLE_CASE.search(page)
