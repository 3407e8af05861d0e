from __future__ import annotations

import hashlib
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.body import bodymap, chart, checking_in
from breathingroom.body.describe import CheckInSeen, Described, describe, flooded_hint
from breathingroom.body.forms import CheckInForm
from breathingroom.body.trend import trend
from breathingroom.couples.models import Couple, NotPaired
from breathingroom.refusals import Refused

ALL_PAGE_SIZE = 20
# The partner's shared check-ins shown on the page: the latest; the API lists them all.
SHARED_SHOWN = 10
# Where a step on one check-in sends the person back to: the page they took it from.
BACK_TO = {"index": "body:index", "trend": "body:trend"}


def _shared_part(request: AuthenticatedRequest) -> dict[str, object]:
    shared = Described(checking_in.shared_with(request.user), request.user)
    seen = shared[:SHARED_SHOWN]
    more = len(shared) - len(seen) if len(seen) == SHARED_SHOWN else 0
    return {"shared": seen, "shared_more": more, "shared_signature": _signature(seen, more)}


def _signature(seen: list[CheckInSeen], more: int) -> str:
    # Changes whenever something is shared, unshared or deleted: a page showing the same is told "no change".
    said = "|".join(f"{c.id}:{c.shared_at.isoformat() if c.shared_at else ''}" for c in seen) + f"+{more}"
    return hashlib.sha256(said.encode()).hexdigest()[:16]


@login_required
@require_http_methods(["GET", "POST"])
def index(request: AuthenticatedRequest) -> HttpResponse:
    form = CheckInForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                kept = checking_in.record(request.user, **form.domain_arguments())
            except Refused as e:
                form.add_error(None, str(e.message))
            else:
                messages.success(request, _("Your check-in is saved. Only you can see it."))
                hint = flooded_hint(kept)
                if hint:
                    messages.info(
                        request,
                        format_html(
                            '{} <a href="{}">{}</a>', hint, reverse("calm:breathe"), _("Breathe slowly with the circle")
                        ),
                    )
                return redirect("body:index")
        status = 400
    couple = Couple.objects.current_for(request.user)
    context = {
        "form": form,
        "sides": [
            ("front", bodymap.FRONT, pgettext("the front of the body", "Front")),
            ("back", bodymap.BACK, pgettext("the back of the body", "Back")),
        ],
        "view_box": bodymap.VIEW_BOX,
        "on_the_map": bodymap.ON_THE_MAP,
        "check_ins": [describe(c, request.user, couple) for c in checking_in.recent(request.user)],
        "partner": couple.partner_of(request.user) if couple else None,
        "summary": trend(request.user).summary,
        **_shared_part(request),
    }
    return render(request, "body/index.html", context, status=status)


@login_required
@require_safe
def shared(request: AuthenticatedRequest) -> HttpResponse:
    """What the partner shares now, alone: fetched again whenever an event arrives."""
    context = _shared_part(request)
    if request.GET.get("seen") == context["shared_signature"]:
        return HttpResponse(status=204)
    return render(request, "body/_shared.html", context)


@login_required
@require_safe
def over_time(request: AuthenticatedRequest) -> HttpResponse:
    found = trend(request.user)
    page = Paginator(Described(checking_in.mine(request.user), request.user), ALL_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    couple = Couple.objects.current_for(request.user)
    context = {
        "trend": found,
        "chart": chart.intensity_chart(found),
        "bars": chart.where_chart(found),
        "page": page,
        "partner": couple.partner_of(request.user) if couple else None,
    }
    return render(request, "body/trend.html", context)


def _back(request: AuthenticatedRequest) -> HttpResponse:
    return redirect(BACK_TO.get(request.POST.get("back", ""), "body:index"))


@login_required
@require_POST
def share(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    try:
        checking_in.share(request.user, pk)
    except NotPaired as e:
        messages.error(request, str(e.message))
        return _back(request)
    except Refused:
        # Someone else's check-in is answered exactly like one that never existed.
        raise Http404 from None
    partner = Couple.objects.of(request.user).partner_of(request.user)
    name = partner.display_name if partner else _("your partner")
    messages.success(request, _("%(name)s can see this check-in now, until you stop sharing it.") % {"name": name})
    return _back(request)


@login_required
@require_POST
def unshare(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    try:
        checking_in.unshare(request.user, pk)
    except Refused:
        raise Http404 from None
    messages.success(request, _("This check-in is yours alone again."))
    return _back(request)


@login_required
@require_POST
def delete(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    try:
        checking_in.delete(request.user, pk)
    except Refused:
        raise Http404 from None
    messages.success(request, _("The check-in is deleted."))
    return _back(request)
