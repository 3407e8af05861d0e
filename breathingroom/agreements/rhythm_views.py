"""Letting one moment of the rhythm pass, from Home or from its reminder."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.agreements import rhythm_times
from breathingroom.couples.models import NotPaired


@login_required
@require_POST
def skip(request: AuthenticatedRequest, key: str) -> HttpResponse:
    try:
        rhythm_times.skip(request.user, key)
    except (NotPaired, rhythm_times.NoSuchRhythmTime):
        raise Http404 from None
    messages.success(request, _("This one will pass quietly. Your partner will know, and no reason is needed."))
    return redirect("home")
