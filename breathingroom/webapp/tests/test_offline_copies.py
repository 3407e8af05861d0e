"""The pages a phone keeps for offline use: the calming tools and the offline page, made for no one."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.utils import translation

from breathingroom.breaks import space
from breathingroom.conftest import page_text
from breathingroom.webapp import offline

WORDS = "Settling down by the river, back soon, my love."
TOOLS = ["calm", "breathe", "ground", "reasons", "safety"]


def worker_plan(client: Client) -> dict:
    script = client.get("/sw.js").content.decode()
    found = re.match(r"const OFFLINE = (.*);\n", script)
    assert found, script[:200]
    return json.loads(found.group(1))


@pytest.mark.parametrize("slug", TOOLS)
def test_a_kept_copy_holds_nothing_of_the_person_who_fetched_it(slug, alex, sam, couple, sam_client):
    space.take_space(alex, 20, WORDS)
    page = page_text(sam_client.get(f"/offline/{slug}/"))
    # Sam's own page shows Alex's break and words; the copy Sam's phone keeps shows neither.
    assert "Alex" not in page
    assert WORDS not in page
    assert "csrfmiddlewaretoken" not in page
    assert "Sign out" not in page
    assert "data-live=" not in page
    assert "data-copy" in page


def test_the_calming_tools_read_the_same_offline(db, alex_client):
    breathe = page_text(Client().get("/offline/breathe/"))
    assert "<h1>Breathe slowly</h1>" in breathe
    assert "In for four seconds, out for six." in breathe
    assert "Five things you can see" in page_text(Client().get("/offline/ground/"))
    reasons = page_text(Client().get("/offline/reasons/"))
    assert "<h1>Why someone may need space</h1>" in reasons
    assert reasons.count('class="card reason"') >= 5


def test_the_safety_copy_has_each_regions_helplines(db):
    assert "Samaritans" in page_text(Client().get("/offline/safety/?region=gb"))
    assert "Find A Helpline" in page_text(Client().get("/offline/safety/"))


def test_an_unknown_tool_is_not_found(db):
    assert Client().get("/offline/journal/").status_code == 404


def test_a_flash_message_waits_for_its_person(alex_client):
    # A message queued for the person's next page is theirs to read, not the copy's to take.
    assert alex_client.post("/notifications/", {"push": "always"}).status_code == 302
    alex_client.get("/offline/")
    assert "Saved." in page_text(alex_client.get("/notifications/"))


def test_the_offline_page_offers_the_tools_and_says_what_happens_next(db):
    page = page_text(Client().get("/offline/"))
    assert "<h1>No connection just now</h1>" in page
    for link in ('href="/calm/breathe/"', 'href="/calm/ground/"', 'href="/calm/reasons/"', 'href="/safety/"'):
        assert link in page
    assert "Anything you pressed while offline, such as a need for space, is sent then" in page


def test_the_worker_keeps_each_tool_under_the_address_people_use(db):
    plan = worker_plan(Client())
    pages = plan["pages"]
    assert pages["/calm/breathe/"] == "/offline/breathe/"
    assert pages["/calm/ground/"] == "/offline/ground/"
    assert pages["/calm/reasons/"] == "/offline/reasons/"
    assert pages["/calm/"] == "/offline/calm/"
    assert pages["/safety/"] == "/offline/safety/"
    assert pages["/safety/?region=de"] == "/offline/safety/?region=de"
    assert pages["/offline/"] == plan["fallback"] == "/offline/"
    assert "/static/breathingroom/icons/maskable-512.png" in plan["files"]
    assert plan["cache"] == offline.CACHE_PREFIX + offline.version()
    client = Client()
    for copy in pages.values():
        assert client.get(copy).status_code == 200, copy
    for file in plan["files"]:
        response = client.get(file)
        assert response.status_code == 200, file
        response.close()


def test_a_changed_file_changes_the_version(tmp_path):
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "app.css").write_text("body { color: black; }")
    (tmp_path / "tests").mkdir()
    before = offline.fingerprint(tmp_path)
    (tmp_path / "tests" / "test_x.py").write_text("# not shipped")
    assert offline.fingerprint(tmp_path) == before
    (tmp_path / "static" / "app.css").write_text("body { color: navy; }")
    assert offline.fingerprint(tmp_path) != before


def test_the_offline_page_lists_exactly_the_tools_kept_on_the_phone(db):
    page = Client().get("/offline/").content.decode()
    listed = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', page)
    assert listed == [
        ("/calm/breathe/", "Breathe slowly"),
        ("/calm/ground/", "Come back to your senses: 5, 4, 3, 2, 1"),
        ("/calm/reasons/", "Why someone may need space"),
        ("/calm/", "Calm your body"),
        ("/safety/", "If you don&#x27;t feel safe"),
    ]
    kept = offline.plan().pages
    assert all(href in kept for href, _title in listed)


def test_the_offline_page_lists_the_tools_in_the_persons_language(db):
    page = Client(headers={"accept-language": "de"}).get("/offline/").content.decode()
    with translation.override("de"):
        german = str(offline.TOOLS["breathe"].title)
    assert german != "Breathe slowly"
    assert f">{german}<" in page
