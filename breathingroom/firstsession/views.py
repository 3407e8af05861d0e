"""The first session's pages: an invitation to begin, and one live part both phones follow screen by screen."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.couples.models import Couple
from breathingroom.couples.shortcuts import couple_or_404
from breathingroom.firstsession import together
from breathingroom.firstsession.describe import SCREENS, describe
from breathingroom.firstsession.forms import SideForm
from breathingroom.firstsession.models import FirstSession
from breathingroom.phrasebook.forms import SignalPhraseForm
from breathingroom.refusals import Refused


def _session_or_404(request: AuthenticatedRequest, session_id: UUID) -> tuple[Couple, FirstSession]:
    """The couple's session named in the address; another couple's, or none, is the same 404."""
    couple = couple_or_404(request.user)
    session = together.session_of(couple)
    if session is None or session.pk != session_id:
        raise Http404
    return couple, session


@login_required
@require_safe
def index(request: AuthenticatedRequest) -> HttpResponse:
    """Where Home and Settings lead: the session under way, or an invitation to begin (again)."""
    couple = couple_or_404(request.user)
    session = together.session_of(couple)
    if session is not None and not session.skipped and not session.done:
        return redirect("firstsession:session", session_id=session.pk)
    context = {
        "partner": couple.partner_of(request.user),
        "seen": describe(session, couple, request.user) if session else None,
        "screens": SCREENS,
    }
    return render(request, "firstsession/index.html", context)


@login_required
@require_POST
def start(request: AuthenticatedRequest) -> HttpResponse:
    couple_or_404(request.user)
    session = together.start(request.user)
    return redirect("firstsession:session", session_id=session.pk)


@login_required
@require_POST
def not_now(request: AuthenticatedRequest) -> HttpResponse:
    """Home's "not now": the session is put aside for both, and Home offers it again only quietly."""
    couple = couple_or_404(request.user)
    together.skip(request.user)
    if request.htmx:
        return render(request, "firstsession/_offer_part.html", offer_context(request, couple))
    return redirect("home")


@login_required
@require_safe
def offer(request: AuthenticatedRequest) -> HttpResponse:
    """Home's part about the session alone, fetched again whenever an event arrives."""
    couple = couple_or_404(request.user)
    return render(request, "firstsession/_offer_part.html", offer_context(request, couple))


def offer_context(request: AuthenticatedRequest, couple: Couple) -> dict[str, object]:
    session = together.session_of(couple)
    return {
        "partner": couple.partner_of(request.user),
        "seen": describe(session, couple, request.user) if session else None,
        "screens": len(SCREENS),
    }


def _render(
    request: AuthenticatedRequest, couple: Couple, session: FirstSession, status: int = 200, **extra: object
) -> HttpResponse:
    session.refresh_from_db()
    seen = describe(session, couple, request.user)
    phrase = seen.signal_phrase
    context: dict[str, object] = {
        "seen": seen,
        "partner": seen.partner,
        "screens": SCREENS,
        "side_form": SideForm(initial={"side": seen.my_side or None}),
        "signal_form": SignalPhraseForm(initial={"words": phrase.words if phrase else ""}),
        **extra,
    }
    template = "firstsession/_session.html" if request.htmx else "firstsession/session.html"
    return render(request, template, context, status=status)


@login_required
@require_safe
def session(request: AuthenticatedRequest, session_id: UUID) -> HttpResponse:
    couple, found = _session_or_404(request, session_id)
    return _render(request, couple, found)


def _act(
    request: AuthenticatedRequest,
    session_id: UUID,
    action: Callable[[], object],
    form: forms.Form | None = None,
    form_name: str = "",
) -> HttpResponse:
    couple, found = _session_or_404(request, session_id)
    if form is not None and not form.is_valid():
        return _render(request, couple, found, status=200 if request.htmx else 400, **{form_name: form})
    try:
        action()
    except Refused as e:
        # htmx swaps in only successful answers: the message travels inside the part.
        return _render(request, couple, found, status=200 if request.htmx else e.status, action_error=e.message)
    if request.htmx:
        return _render(request, couple, found)
    return redirect("firstsession:session", session_id=found.pk)


@login_required
@require_POST
def ready(request: AuthenticatedRequest, session_id: UUID) -> HttpResponse:
    step = request.POST.get("from_step", "")
    return _act(request, session_id, lambda: together.ready(request.user, session_id, step))


@login_required
@require_POST
def not_ready(request: AuthenticatedRequest, session_id: UUID) -> HttpResponse:
    step = request.POST.get("step", "")
    return _act(request, session_id, lambda: together.not_ready(request.user, session_id, step))


@login_required
@require_POST
def side(request: AuthenticatedRequest, session_id: UUID) -> HttpResponse:
    form = SideForm(request.POST)
    return _act(
        request,
        session_id,
        lambda: together.choose_side(request.user, session_id, form.cleaned_data["side"]),
        form,
        "side_form",
    )


@login_required
@require_POST
def signal(request: AuthenticatedRequest, session_id: UUID) -> HttpResponse:
    form = SignalPhraseForm(request.POST)
    return _act(
        request,
        session_id,
        lambda: together.set_signal(request.user, session_id, form.cleaned_data["words"]),
        form,
        "signal_form",
    )


@login_required
@require_POST
def keep_agreement(request: AuthenticatedRequest, session_id: UUID) -> HttpResponse:
    return _act(request, session_id, lambda: together.keep_agreement(request.user, session_id))


@login_required
@require_POST
def skip(request: AuthenticatedRequest, session_id: UUID) -> HttpResponse:
    return _act(request, session_id, lambda: together.skip(request.user, session_id))
