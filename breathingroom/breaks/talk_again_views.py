"""Talking again after a "not yet": a calm page to start from, its calendar file, another time, "we talked"."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.breaks import talk_again as talking
from breathingroom.breaks.calendar import talk_again_response
from breathingroom.breaks.describe import describe
from breathingroom.breaks.forms import TalkAgainForm
from breathingroom.breaks.models import TalkAgain
from breathingroom.refusals import Refused


def _talk_or_404(request: AuthenticatedRequest, break_id: UUID) -> TalkAgain:
    # No partner, another couple's break, a break with no time to talk again: the same 404.
    try:
        return talking.talk_again_of(request.user, break_id)
    except Refused:
        raise Http404 from None


def _page(request: AuthenticatedRequest, talk: TalkAgain, form: TalkAgainForm, status: int = 200) -> HttpResponse:
    seen = describe(talk.reconnection.brk, request.user)
    context = {"talk": talk, "seen": seen, "form": form}
    return render(request, "breaks/talk_again.html", context, status=status)


@login_required
@require_safe
def talk_again(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    talk = _talk_or_404(request, break_id)
    return _page(request, talk, TalkAgainForm())


@login_required
@require_safe
def calendar(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    return talk_again_response(_talk_or_404(request, break_id))


@login_required
@require_POST
def move(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    talk = _talk_or_404(request, break_id)
    form = TalkAgainForm(request.POST)
    if not form.is_valid():
        return _page(request, talk, form, status=400)
    try:
        talking.move(request.user, break_id, form.cleaned_data["next_talk_at"])
    except Refused as e:
        form.add_error("next_talk_at", str(e.message))
        return _page(request, talk, form, status=e.status)
    messages.success(request, _("The new time is saved, and you will both be called then."))
    return redirect("breaks:talk_again", break_id=break_id)


@login_required
@require_POST
def talked(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    _talk_or_404(request, break_id)
    talking.talked(request.user, break_id)
    messages.success(request, _("Thank you both for coming back to it."))
    return redirect("home")
