from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.help import directories, suggestion
from breathingroom.help.forms import AnswerForm
from breathingroom.help.models import Answer
from breathingroom.safety import hotlines

NOT_AGAIN = _("All right, it will not be suggested again. “When to get help” stays at the end of the lessons.")


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """When a couples therapist helps, and how to find one. Open to anyone, signed in or not."""
    # The safety page's guess from a time zone; a visitor who is signed out has told us nothing.
    zone = getattr(request.user, "time_zone", "") if request.user.is_authenticated else ""
    near = hotlines.region_for_zone(zone).code if zone else ""
    return render(request, "help/index.html", {"areas": directories.in_order_for(near), "near": near})


def _card(request: AuthenticatedRequest, **extra: object) -> HttpResponse:
    return render(request, "help/_suggestion.html", {"help_due": suggestion.due(request.user), **extra})


@login_required
@require_http_methods(["GET", "POST"])
def suggestion_card(request: AuthenticatedRequest) -> HttpResponse:
    """Home's card suggesting help once, fetched again with the rest of Home, and its answer."""
    if request.method == "GET":
        if request.GET.get("seen", "") == (suggestion.due(request.user) or ""):
            return HttpResponse(status=204)
        return _card(request)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    said = Answer(form.cleaned_data["answer"])
    suggestion.answer(request.user, said)
    if said == Answer.READ:
        return redirect("help:index")
    if request.htmx:
        return _card(request, answered=True)
    messages.info(request, NOT_AGAIN)
    return redirect("home")
