"""axe-core finds nothing on any page: both languages, light and dark, a phone, and 200% zoom.

200% zoom is emulated as the browser does it: a phone 360 CSS px wide, zoomed to 200%, lays pages
out in 180 CSS px and draws them at twice the pixels (device scale factor 2).

To stay quick, each page is loaded once per language, then checked as it is at 360 px in light and
in dark, and again at 200% zoom in light. Every rule runs in light; in dark only the rules that read
colours, as nothing else axe checks depends on the colour scheme, and those read the same colours at
any zoom. axe is put in every page before the page's own scripts.
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import Page

from breathingroom.tests.browser.every_page import every_page, seen_by

pytestmark = [pytest.mark.browser, pytest.mark.once]

AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")
LANGUAGES = {"en": "en-GB", "de": "de-DE"}
SIZES = {
    "360px": {"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": True},
    "200%": {"width": 180, "height": 370, "deviceScaleFactor": 2, "mobile": True},
}
# Each size with the colour schemes it is checked in.
SCHEMES = {"360px": ("light", "dark"), "200%": ("light",)}
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def violations(page: Page, where: str, *, colours_only: bool) -> list[str]:
    options: dict[str, object] = {"resultTypes": ["violations"]}
    if colours_only:
        options["runOnly"] = {"type": "rule", "values": COLOUR_RULES}
    found = page.evaluate("options => axe.run(document, options).then(r => r.violations)", options)
    return [
        f"{where}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:4]}" for v in found
    ]


# A language's pages take a minute on a quiet machine: room for a busy one.
@pytest.mark.timeout(360)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_has_accessibility_violations(browser, server, language):
    pages = every_page()
    found: list[str] = []
    locale = LANGUAGES[language]
    for who in {seen.who for seen in pages}:
        with seen_by(browser, server.url, who, locale=locale, is_mobile=True, has_touch=True) as context:
            context.add_init_script(path=AXE)
            page = context.new_page()
            screen = context.new_cdp_session(page)
            for seen in (seen for seen in pages if seen.who == who):
                screen.send("Emulation.setDeviceMetricsOverride", SIZES["360px"])
                response = page.goto(seen.path)
                assert response is not None
                assert response.ok, (seen.name, response.status)
                for size, metrics in SIZES.items():
                    screen.send("Emulation.setDeviceMetricsOverride", metrics)
                    for scheme in SCHEMES[size]:
                        page.emulate_media(color_scheme=scheme)
                        where = f"[{language} {size} {scheme}] {seen.name} ({seen.path})"
                        found += violations(page, where, colours_only=scheme == "dark")
    assert found == [], "\n".join(found)
    assert server.errors == [], [r.getMessage() for r in server.errors]
