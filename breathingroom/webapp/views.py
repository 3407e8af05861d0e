from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, get_language_bidi, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from breathingroom.calm.reasons import CLOSING, CLOSING_TITLE, REASONS
from breathingroom.safety import views as safety_views
from breathingroom.webapp.offline import TOOLS

# The colours of app.css's background, light and dark: the splash screen and the browser's bars.
LIGHT = "#f5f1ea"
DARK = "#111a1b"


@require_safe
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest, made per request so its words are in the person's language."""
    icon = static("breathingroom/icons/icon-192.png")
    content = {
        "id": reverse("home"),
        "name": settings.SITE_NAME,
        "short_name": pgettext(
            "the name under the app's icon on a phone's home screen; 12 letters or fewer", "Breathing Room"
        ),
        "description": _(
            "Take space in a hard moment and come back together: calming tools, your agreement, "
            "and a way back to each other."
        ),
        "lang": get_language(),
        "dir": "rtl" if get_language_bidi() else "ltr",
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "theme_color": LIGHT,
        "background_color": LIGHT,
        "categories": ["health", "lifestyle"],
        "icons": [
            {"src": static("breathingroom/mark.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
            *(
                {
                    "src": static(f"breathingroom/icons/{kind}-{size}.png"),
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                    "purpose": purpose,
                }
                for kind, purpose in (("icon", "any"), ("maskable", "maskable"))
                for size in (192, 512)
            ),
        ],
        "shortcuts": [
            {
                "name": _("I need space"),
                "description": _("Take some space, and let your partner know when you will be back."),
                "url": reverse("breaks:take"),
                "icons": [{"src": icon, "sizes": "192x192", "type": "image/png"}],
            },
            {
                "name": _("Calm"),
                "description": _("Breathing, grounding and other ways to calm your body."),
                "url": reverse("calm:index"),
                "icons": [{"src": icon, "sizes": "192x192", "type": "image/png"}],
            },
        ],
    }
    return HttpResponse(json.dumps(content, ensure_ascii=False), content_type="application/manifest+json")


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    """What a page that is not kept on the phone shows when there is no connection."""
    _as_no_one(request)
    return render(request, "webapp/offline.html", {"tools": TOOLS.values()})


@require_safe
def tool(request: HttpRequest, slug: str) -> HttpResponse:
    """A calming tool as the phone keeps it for offline use: the same page, made for no one."""
    if slug not in TOOLS:
        raise Http404
    _as_no_one(request)
    if slug == "safety":
        return safety_views.safety(request)
    context: dict[str, object] = {}
    if slug == "reasons":
        context = {"reasons": REASONS, "closing_title": CLOSING_TITLE, "closing": CLOSING}
    template = "calm/index.html" if slug == "calm" else f"calm/{slug}.html"
    return render(request, template, context)


class _NoMessages(list[object]):
    """A message store with nothing in it, whose end-of-request save leaves the real one alone."""

    def update(self, response: HttpResponse) -> None:
        return None


def _as_no_one(request: HttpRequest) -> None:
    # The copy a phone keeps must hold nothing of the person whose browser fetched it: no name, no
    # break, no form token, and no flash message taken from them before they see it. The language
    # stays theirs, chosen before this runs.
    request.user = AnonymousUser()
    request._messages = _NoMessages()  # type: ignore[attr-defined]
    # Tells the page's script this is a copy: not a signed-out page, whose visit clears what waits.
    request.offline_copy = True  # type: ignore[attr-defined]
