from __future__ import annotations

from uuid import UUID

from allauth.account.decorators import reauthentication_required
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.couples.models import Couple
from breathingroom.yourdata import deletion, export
from breathingroom.yourdata.forms import DeleteAccountForm


@login_required
@require_safe
def your_data(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "yourdata/data.html", {"export": export.latest_of(request.user)})


@login_required
@require_POST
def start_export(request: AuthenticatedRequest) -> HttpResponse:
    started = export.request_export(request.user)
    if request.htmx:
        return render(request, "yourdata/_export.html", {"export": started})
    return redirect("yourdata:export", started.pk)


@login_required
@require_safe
def export_status(request: AuthenticatedRequest, export_id: UUID) -> HttpResponse:
    found = export.export_of(request.user, export_id)
    if found is None:
        raise Http404
    template = "yourdata/_export.html" if request.htmx else "yourdata/data.html"
    return render(request, template, {"export": found})


@login_required
@require_safe
def download_export(request: AuthenticatedRequest, export_id: UUID) -> HttpResponse:
    found = export.export_of(request.user, export_id)
    if found is None or not found.is_ready:
        raise Http404
    return export.download(found)


def _has_two_step(request: HttpRequest) -> bool:
    return request.user.is_authenticated and deletion.has_two_step(request.user)


@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required(enabled=_has_two_step, allow_get=True)
def delete_account(request: AuthenticatedRequest) -> HttpResponse:
    """Delete at once, after the password (or, with two-step sign-in, allauth's re-authentication)."""
    person = request.user
    # With two-step sign-in, allauth has just asked for the password or a code; asking again adds nothing.
    ask_password = not deletion.has_two_step(person)
    form = DeleteAccountForm(person, request.POST if request.method == "POST" else None, ask_password=ask_password)
    status = 200
    if request.method == "POST":
        try:
            deletion.count_try(request, person)
        except deletion.TooManyTries as e:
            form.add_error(None, str(e.message))
            status = e.status
        else:
            if form.is_valid():
                deletion.delete_account(person)
                logout(request)
                return redirect("yourdata:goodbye")
            status = 400
    context = {
        "form": form,
        "couple": Couple.objects.current_for(person),
        "had_partner": Couple.objects.filter(memberships__person=person).exists(),
        "two_step": not ask_password,
    }
    return render(request, "yourdata/delete.html", context, status=status)


@require_safe
def goodbye(request: HttpRequest) -> HttpResponse:
    return render(request, "yourdata/goodbye.html")
