"""Nowhere a location, a read receipt or a "last seen".

What a partner can receive is what the templates render, what the scripts do in their browser and
what the API describes (and the events and notifications it sends). The server keeps one internal
time for open pages (``Connection.seen_at``), only to decide whether a notification is needed; it is
never shown to anyone, so models are not searched here, only what leaves the server.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.test import Client

PACKAGE = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(PACKAGE.glob("templates/**/*.html")) + sorted(PACKAGE.glob("*/templates/**/*.html"))
SCRIPTS = sorted(PACKAGE.glob("static/**/*.js")) + sorted(PACKAGE.glob("*/static/**/*.js"))
# Where the text of events and notifications is made: what reaches a partner's page and devices.
SENDERS = [PACKAGE / "events" / "publish.py", PACKAGE / "notify" / "notices.py"]

# Code that would learn or carry a place, or when someone read or was last around.
TRACKING_CODE = re.compile(
    r"navigator\s*\.\s*geolocation|getCurrentPosition|watchPosition|\b(?:last_?seen|seen_?at|read_?at)\b"
    r"|\blastSeen\b|\bseenAt\b|\breadAt\b|read_receipt|readReceipt|latitude|longitude",
    re.IGNORECASE,
)
# Words a person would read. Allowed only where a sentence says there is none of it.
TRACKING_WORDS = re.compile(
    r"last seen|last online|read receipts?|seen at|seen by|was read|\bread at\b|geolocation|your location",
    re.IGNORECASE,
)
NEGATION = re.compile(r"\b(?:no|not|never|nor|without|none|nothing)\b|n't", re.IGNORECASE)
# Property names in the API that would carry the same things.
TRACKING_FIELD = re.compile(
    r"seen|read_at|read_by|is_read|receipt|last_active|online|latitude|longitude|^lat$|^lng$|^lon$|geo|location|coord",
    re.IGNORECASE,
)


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+|\n\s*\n|<li>|</li>|<p[ >]|</p>", text)


def unnegated_mentions(text: str) -> list[str]:
    return [
        " ".join(sentence.split())
        for sentence in sentences(text)
        if TRACKING_WORDS.search(sentence) and not NEGATION.search(sentence)
    ]


def test_the_search_covers_what_a_partner_can_receive():
    names = {path.name for path in TEMPLATES + SCRIPTS}
    assert {"base.html", "_now.html", "privacy.html", "live.js", "quickexit.js", "sw.js"} <= names
    assert all(path.exists() for path in SENDERS)


@pytest.mark.parametrize("path", TEMPLATES + SCRIPTS + SENDERS, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_template_script_or_sender_tracks_anyone(path):
    text = path.read_text()
    assert TRACKING_CODE.findall(text) == []
    assert unnegated_mentions(text) == []


def test_the_rule_for_words_catches_a_read_receipt():
    assert unnegated_mentions("<p>Seen at 10:32</p>") == ["Seen at 10:32"]
    assert unnegated_mentions("<li>Sam was last seen an hour ago.</li>") == ["Sam was last seen an hour ago."]
    assert unnegated_mentions("<li>There are no read receipts.</li>") == []


def test_the_privacy_page_promises_it(db):
    page = Client().get("/privacy/").content.decode()
    assert "There are no read receipts." in page
    assert "There is no “last seen”" in page
    assert "never asks for your location" in page


def api_document() -> dict:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def property_names(node: object) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                found |= set(value)
            found |= property_names(value)
    elif isinstance(node, list):
        for item in node:
            found |= property_names(item)
    return found


def strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for key, value in node.items() for s in [key, *strings(value)]]
    if isinstance(node, list):
        return [s for item in node for s in strings(item)]
    return []


def test_no_api_operation_carries_a_place_a_read_time_or_a_last_seen(db):
    document = api_document()
    names = property_names(document)
    assert {"reassurance", "returns_at"} <= names  # the document is the real one, schemas and all
    assert sorted(name for name in names if TRACKING_FIELD.search(name)) == []
    text = "\n\n".join(strings(document))
    assert TRACKING_CODE.findall(text) == []
    assert unnegated_mentions(text) == []


def test_browsers_are_told_this_site_may_not_ask_for_a_location(db):
    policy = Client().get("/safety/").headers["Permissions-Policy"]
    assert "geolocation=()" in policy
