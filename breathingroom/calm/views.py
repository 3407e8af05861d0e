from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.breaks.held import held_for
from breathingroom.calm import keeping
from breathingroom.calm.forms import UnsentNoteForm
from breathingroom.calm.reasons import CLOSING, CLOSING_TITLE, REASONS
from breathingroom.refusals import Refused


@login_required
@require_safe
def index(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "calm/index.html")


@login_required
@require_safe
def breathe(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "calm/breathe.html")


@login_required
@require_safe
def ground(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "calm/ground.html")


@login_required
@require_safe
def reasons(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request, "calm/reasons.html", {"reasons": REASONS, "closing_title": CLOSING_TITLE, "closing": CLOSING}
    )


@login_required
@require_safe
def held(request: AuthenticatedRequest) -> HttpResponse:
    """The break banner alone, fetched again whenever an event arrives or the break's time comes."""
    context = {"held": held_for(request.user)}
    if request.GET.get("seen") == context["held"].signature:
        return HttpResponse(status=204)
    return render(request, "calm/_held.html", context)


@login_required
@require_safe
def body(request: AuthenticatedRequest) -> HttpResponse:
    """Where the body check-in used to be: bookmarks made then still find it."""
    return redirect("body:index", permanent=True)


@login_required
@require_http_methods(["GET", "POST"])
def unsent(request: AuthenticatedRequest) -> HttpResponse:
    form = UnsentNoteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                keeping.keep_unsent_note(request.user, form.cleaned_data["text"])
            except Refused as e:
                form.add_error(None, str(e.message))
            else:
                messages.success(request, _("Kept here. Nothing was sent."))
                return redirect("calm:unsent")
        status = 400
    else:
        status = 200
    notes = keeping.unsent_notes(request.user)
    return render(request, "calm/unsent.html", {"form": form, "notes": notes}, status=status)


@login_required
@require_POST
def delete_unsent_note(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    try:
        keeping.delete_unsent_note(request.user, pk)
    except Refused:
        raise Http404 from None
    messages.success(request, _("The note is deleted."))
    return redirect("calm:unsent")
