"""The web app manifest: what a phone reads to put the app on its home screen, in the person's language."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.test import Client
from PIL import Image

from breathingroom.conftest import page_text

URL = "/manifest.webmanifest"
STATIC = Path(__file__).resolve().parents[2] / "static"

GERMAN = """
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "I need space"
msgstr "Ich brauche Abstand"

msgid "Calm"
msgstr "Ruhe"

msgctxt "the name under the app's icon on a phone's home screen; 12 letters or fewer"
msgid "Breathing Room"
msgstr "Atemraum"
"""


def manifest(client: Client, **headers: str) -> dict:
    response = client.get(URL, headers=headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    return response.json()


def test_the_manifest_describes_an_app_that_opens_on_its_own(db):
    found = manifest(Client())
    assert found["name"] == "Breathing Room"
    assert found["short_name"] == "Breathing Room"
    assert found["description"]
    assert found["id"] == "/"
    assert found["start_url"] == "/"
    assert found["scope"] == "/"
    assert found["display"] == "standalone"
    assert found["theme_color"] == found["background_color"] == "#f5f1ea"
    assert [(s["name"], s["url"]) for s in found["shortcuts"]] == [("I need space", "/space/"), ("Calm", "/calm/")]


def test_the_icons_are_there_at_the_sizes_phones_ask_for(db):
    icons = manifest(Client())["icons"]
    pngs = {(icon["sizes"], icon["purpose"]): icon["src"] for icon in icons if icon["type"] == "image/png"}
    assert set(pngs) == {("192x192", "any"), ("512x512", "any"), ("192x192", "maskable"), ("512x512", "maskable")}
    assert {"src": "/static/breathingroom/mark.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"} in icons
    client = Client()
    for (sizes, purpose), src in pngs.items():
        response = client.get(src)
        assert response.status_code == 200, src
        image = Image.open(STATIC / src.removeprefix("/static/"))
        assert f"{image.width}x{image.height}" == sizes
        # A maskable icon fills its square, or the launcher's mask shows a hole; an "any" icon may not.
        corner = image.convert("RGBA").getpixel((0, 0))
        assert (corner[3] == 255) == (purpose == "maskable"), src
        response.close()


def test_every_page_links_the_manifest_and_its_colours(db, alex_client):
    for client in (Client(), alex_client):
        page = page_text(client.get("/safety/"))
        assert '<link rel="manifest" href="/manifest.webmanifest" crossorigin="use-credentials">' in page
        assert '<meta name="theme-color" content="#f5f1ea" media="(prefers-color-scheme: light)">' in page
        assert '<meta name="theme-color" content="#111a1b" media="(prefers-color-scheme: dark)">' in page
        assert '<link rel="apple-touch-icon" href="/static/breathingroom/icons/maskable-192.png">' in page


def test_the_manifest_speaks_the_persons_language(db, settings, tmp_path):
    catalogue = tmp_path / "de" / "LC_MESSAGES"
    catalogue.mkdir(parents=True)
    (catalogue / "django.po").write_text(GERMAN)
    subprocess.run(["msgfmt", "-o", catalogue / "django.mo", catalogue / "django.po"], check=True)
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]

    found = manifest(Client(), accept_language="de")
    assert found["lang"] == "de"
    assert found["short_name"] == "Atemraum"
    assert [s["name"] for s in found["shortcuts"]] == ["Ich brauche Abstand", "Ruhe"]
    assert manifest(Client(), accept_language="en")["short_name"] == "Breathing Room"


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_manifest_is_only_read(db, method):
    assert getattr(Client(), method)(URL).status_code == 405
