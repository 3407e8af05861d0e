"""The "Our breaks" page: every break the couple took, newest first, as the API lists them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.breaks.describe import BreakSeen
from breathingroom.breaks.history import history_for
from breathingroom.couples.models import NotPaired
from breathingroom.events.kept_pages import kept_until_news

PAGE_SIZE = 10


@login_required
@require_safe
@kept_until_news
def history(request: AuthenticatedRequest) -> HttpResponse:
    try:
        breaks = history_for(request.user)
    except NotPaired:
        raise Http404 from None
    page = Paginator[BreakSeen](breaks, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "breaks/history.html", {"page": page})
