from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.security.models import SecurityEvent

PER_PAGE = 25


@login_required
@require_GET
def security_log(request: AuthenticatedRequest) -> HttpResponse:
    events = SecurityEvent.objects.of(request.user.pk).newest_first()
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "security/log.html", {"page": page})
