from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.offers import notifications
from breathingroom.offers.forms import AnswerForm
from breathingroom.offers.models import Answer, Moment

LATER = _("All right. Notifications are in Settings whenever you want them.")


def _card(request: AuthenticatedRequest, **extra: object) -> HttpResponse:
    context = {"notification_offer": notifications.due(request.user), **extra}
    return render(request, "offers/_notifications.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def notification_offer(request: AuthenticatedRequest) -> HttpResponse:
    """The card on Home asking once whether to be told when the page is closed, and its answer."""
    if request.method == "GET":
        # Fetched again with the rest of Home, so it appears once a first break is over.
        if request.GET.get("seen", "") == (notifications.due(request.user) or ""):
            return HttpResponse(status=204)
        return _card(request)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    notifications.answer(request.user, Moment(form.cleaned_data["moment"]), Answer(form.cleaned_data["answer"]))
    if form.cleaned_data["answer"] == Answer.YES:
        # The choice between this device and email is made there; nothing is asked of the browser yet.
        return redirect("notify:settings")
    if request.htmx:
        return _card(request, answered_later=True)
    messages.info(request, LATER)
    return redirect("home")
