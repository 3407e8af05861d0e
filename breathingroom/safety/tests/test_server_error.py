"""Even the page for a failure on our side keeps the way out."""

from __future__ import annotations

from django.test import RequestFactory

from breathingroom.safety.views import server_error


def test_the_error_page_has_the_quick_exit(settings):
    settings.QUICK_EXIT_URL = "https://weather.example.org/"
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert '<a class="quick-exit" href="https://weather.example.org/" rel="noreferrer">Leave quickly</a>' in page
    assert "Nothing you did caused this." in page
