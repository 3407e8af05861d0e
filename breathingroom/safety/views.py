from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_safe

from breathingroom.safety import hotlines


def _guessed_region(request: HttpRequest) -> hotlines.Region:
    # Signed-out visitors have told us nothing, and the page asks for nothing: they choose.
    if request.user.is_authenticated:
        return hotlines.region_for_zone(request.user.time_zone)
    return hotlines.ELSEWHERE


@require_safe
def safety(request: HttpRequest) -> HttpResponse:
    guessed = _guessed_region(request)
    region = hotlines.region_by_code(request.GET.get("region", "")) or guessed
    return render(
        request,
        "safety/safety.html",
        {"region": region, "guessed": guessed, "regions": hotlines.ALL_REGIONS},
    )


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "safety/privacy.html")


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request's context processors, which may be what failed; the quick exit
    # still needs its address.
    return HttpResponseServerError(loader.render_to_string("500.html", {"quick_exit_url": settings.QUICK_EXIT_URL}))
