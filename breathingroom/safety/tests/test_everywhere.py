"""On every page: the way out ("Leave quickly") and the links to safety and privacy."""

from __future__ import annotations

import pytest
from django.test import Client

PUBLIC_PAGES = ["/", "/safety/", "/privacy/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
SIGNED_IN_PAGES = ["/", "/calm/", "/settings/", "/notifications/", "/accounts/email/", "/safety/", "/privacy/"]
QUICK_EXIT = (
    '<a class="quick-exit" href="https://www.bbc.com/weather" rel="noreferrer" data-quick-exit '
    'aria-describedby="quick-exit-hint">Leave quickly</a>'
)


def assert_has_the_way_out(page: str) -> None:
    assert QUICK_EXIT in page
    assert '<script type="module" src="/static/breathingroom/quickexit.js"></script>' in page
    footer = page.split('<footer class="site-footer">', 1)[1]
    assert 'href="/safety/"' in footer
    assert 'href="/privacy/"' in footer


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_has_it(db, path):
    response = Client().get(path)
    assert response.status_code == 200
    assert_has_the_way_out(response.content.decode())


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_every_signed_in_page_has_it(alex_client, path):
    response = alex_client.get(path)
    assert response.status_code == 200
    assert_has_the_way_out(response.content.decode())


def test_the_not_found_page_has_it(db):
    response = Client().get("/nowhere/")
    assert response.status_code == 404
    assert_has_the_way_out(response.content.decode())


def test_the_quick_exit_comes_first_in_the_header_right_after_the_skip_link(db):
    page = Client().get("/").content.decode()
    body = page.split("<body", 1)[1]
    assert body.index("skip-link") < body.index("site-header") < body.index("quick-exit") < body.index("wordmark")


def test_the_address_is_a_setting(db, settings):
    settings.QUICK_EXIT_URL = "https://weather.example/"
    page = Client().get("/safety/").content.decode()
    assert '<a class="quick-exit" href="https://weather.example/" rel="noreferrer"' in page


def test_sign_in_links_to_safety_and_sign_up_to_privacy(db):
    login = Client().get("/accounts/login/").content.decode()
    main = login.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'href="/safety/">Where to find help</a>' in main
    signup = Client().get("/accounts/signup/").content.decode()
    main = signup.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'href="/privacy/">Privacy, in plain words</a>' in main
    assert 'href="/safety/"' in main


def test_the_current_page_is_marked_in_the_footer(db):
    page = Client().get("/privacy/").content.decode()
    assert 'href="/privacy/" aria-current="page">Privacy</a>' in page
    assert 'href="/safety/" aria-current' not in page
