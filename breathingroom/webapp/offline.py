"""What the service worker keeps on the phone for when there is no connection, and under which version.

The calming tools (breathing, grounding, the reasons, the safety page with its helplines) and a calm
page for everything else are kept. Each is kept as a copy made for no one (see views.tool), never as
the page a person saw: a signed-in page carries their partner's words, their break and their form
tokens, and a phone is often shared. The worker stores each copy under the address people use
(/calm/breathe/), so a link or a bookmark works the same offline.

The static files those pages use are taken from the copies themselves, so the worker keeps exactly
the files the server names (with their content hash in the name once collected), and nothing here
needs to know them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext_lazy

from breathingroom.safety import hotlines

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

CACHE_PREFIX = "breathingroom-offline-"


@dataclass(frozen=True)
class Tool:
    """A calming tool kept on the phone: its offline copy's slug, its page, and what the offline page calls it."""

    slug: str
    url_name: str
    title: _StrOrPromise

    @property
    def url(self) -> str:
        return reverse(self.url_name)


# In the order the offline page lists them.
TOOLS = {
    tool.slug: tool
    for tool in (
        Tool("breathe", "calm:breathe", gettext_lazy("Breathe slowly")),
        Tool("ground", "calm:ground", gettext_lazy("Come back to your senses: 5, 4, 3, 2, 1")),
        Tool("reasons", "calm:reasons", gettext_lazy("Why someone may need space")),
        Tool("calm", "calm:index", gettext_lazy("Calm your body")),
        Tool("safety", "safety:index", gettext_lazy("If you don't feel safe")),
    )
}
# Files a page does not name but the phone asks for: the icons in the manifest.
ICONS = (
    "breathingroom/mark.svg",
    "breathingroom/icons/icon-192.png",
    "breathingroom/icons/icon-512.png",
    "breathingroom/icons/maskable-192.png",
    "breathingroom/icons/maskable-512.png",
)
PACKAGE = Path(__file__).resolve().parents[1]
# Left out of the version: what never reaches a phone.
NOT_SHIPPED = {"__pycache__", "tests"}


@dataclass(frozen=True)
class Plan:
    version: str
    # Where each page is shown → where the worker fetches its copy made for no one.
    pages: dict[str, str]
    files: list[str]
    fallback: str
    static_url: str

    def script(self) -> dict[str, object]:
        """What the worker is given, as JSON."""
        return {
            "cache": CACHE_PREFIX + self.version,
            "cachePrefix": CACHE_PREFIX,
            "pages": self.pages,
            "files": self.files,
            "fallback": self.fallback,
            "staticUrl": self.static_url,
        }


def plan() -> Plan:
    pages = {tool.url: reverse("webapp:tool", args=[slug]) for slug, tool in TOOLS.items()}
    # Every region's helplines, so a person can choose theirs offline as they can online.
    safety, safety_copy = reverse("safety:index"), reverse("webapp:tool", args=["safety"])
    for region in hotlines.ALL_REGIONS:
        pages[f"{safety}?region={region.code}"] = f"{safety_copy}?region={region.code}"
    fallback = reverse("webapp:offline")
    pages[fallback] = fallback
    return Plan(
        version=version(),
        pages=pages,
        files=[static(path) for path in ICONS],
        fallback=fallback,
        static_url=settings.STATIC_URL,
    )


def version() -> str:
    # Worked out once per process (a deploy starts new ones); in development, on every request, so
    # an edited template reaches the worker without a restart.
    return fingerprint(PACKAGE) if settings.DEBUG else _fingerprint_once()


@cache
def _fingerprint_once() -> str:
    return fingerprint(PACKAGE)


def fingerprint(root: Path) -> str:
    """A short hash of every file the app ships: static files, templates, translations and code.

    The browser installs a worker again only when the worker's script changes, and the kept pages
    change with any of these (a template, a translation, a helpline kept in Python), not only with
    the static files; so all of them go into the cache's name, and a deploy that changes any of
    them replaces what phones keep.
    """
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not NOT_SHIPPED.intersection(relative.parts) and path.suffix != ".pyc":
            digest.update(relative.as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
