"""The reconnection ritual's page: one live part that both phones follow, step by step."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.agreements.proposals import terms_for
from breathingroom.body import checking_in
from breathingroom.breaks import reconnecting
from breathingroom.breaks.describe import describe_ritual
from breathingroom.breaks.forms import CheckInForm, NextTryForm, OutcomeForm
from breathingroom.breaks.models import Break, Preparation, Step
from breathingroom.breaks.views import break_or_404
from breathingroom.couples.models import Couple
from breathingroom.phrasebook.words import phrasebook_of
from breathingroom.refusals import Refused


def _context(request: AuthenticatedRequest, couple: Couple, brk: Break, **extra: object) -> dict[str, object]:
    person = request.user
    brk, reconnection = reconnecting.reconnection_for(person, brk.id)
    ritual = describe_ritual(brk, reconnection, person)
    speaking = ritual.i_speak and reconnection.step in (Step.FIRST_TURN, Step.SECOND_TURN)
    # A body check-in made during the break starts the ritual's own number at its strongest place.
    body = None
    if reconnection.step == Step.CHECK_IN and ritual.my_check_in is None:
        body = checking_in.latest_since(person, brk.started_at)
    context: dict[str, object] = {
        "brk": brk,
        "partner": couple.partner_of(person),
        "terms": terms_for(couple),
        "reconnection": reconnection,
        "ritual": ritual,
        "my_check_in": ritual.my_check_in,
        "my_try": next((t for t in ritual.tries if t.is_me), None),
        "partner_try": next((t for t in ritual.tries if not t.is_me), None),
        "i_speak": ritual.i_speak,
        "notes": Preparation.objects.filter(brk=brk, person=person).first(),
        "me_taker": brk.taker(person),
        "overdue": brk.is_overdue(),
        # Pages keep the breath in step by the server's clock, known to the millisecond here.
        "server_now": timezone.now(),
        "body_check_in": body,
        "check_in_form": CheckInForm(initial={"strength": body.strongest} if body else None),
        "try_form": NextTryForm(),
        "outcome_form": OutcomeForm(initial={"timing": ritual.suggested_timing}),
        # The speaker's words for "what I needed": the couple's own needs, then the common ones.
        "needs": phrasebook_of(couple).all_needs if speaking else (),
    }
    context.update(extra)
    return context


def _render(
    request: AuthenticatedRequest, couple: Couple, brk: Break, status: int = 200, **extra: object
) -> HttpResponse:
    try:
        context = _context(request, couple, brk, **extra)
    except Refused as e:
        # Not time yet, or replaced by a newer break: home says what is going on.
        messages.info(request, str(e.message))
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = reverse("home")
            return response
        return redirect("home")
    template = "breaks/_ritual.html" if request.htmx else "breaks/reconnect.html"
    return render(request, template, context, status=status)


@login_required
@require_safe
def reconnect(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    couple, brk = break_or_404(request, break_id)
    return _render(request, couple, brk)


def _act(
    request: AuthenticatedRequest,
    break_id: UUID,
    action: Callable[[], object],
    form: forms.Form | None = None,
    form_name: str = "",
) -> HttpResponse:
    couple, brk = break_or_404(request, break_id)
    if form is not None and not form.is_valid():
        return _render(request, couple, brk, status=200 if request.htmx else 400, **{form_name: form})
    try:
        action()
    except Refused as e:
        return _render(request, couple, brk, status=200 if request.htmx else e.status, action_error=e.message)
    brk = Break.objects.of_couple(couple).get(pk=brk.pk)
    if request.htmx:
        return _render(request, couple, brk)
    return redirect("breaks:reconnect", break_id=brk.id)


@login_required
@require_POST
def back(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    return _act(request, break_id, lambda: reconnecting.come_back(request.user, break_id))


@login_required
@require_POST
def check_in(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    form = CheckInForm(request.POST)
    return _act(
        request,
        break_id,
        lambda: reconnecting.check_in(
            request.user, break_id, form.cleaned_data["strength"], form.cleaned_data["shared"]
        ),
        form,
        "check_in_form",
    )


@login_required
@require_POST
def move_on(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    step = request.POST.get("from_step", "")
    return _act(request, break_id, lambda: reconnecting.move_on(request.user, break_id, step))


@login_required
@require_POST
def next_try(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    form = NextTryForm(request.POST)
    return _act(
        request,
        break_id,
        lambda: reconnecting.name_next_try(request.user, break_id, form.cleaned_data["text"]),
        form,
        "try_form",
    )


@login_required
@require_POST
def outcome(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    form = OutcomeForm(request.POST)
    return _act(
        request,
        break_id,
        lambda: reconnecting.record_outcome(
            request.user,
            break_id,
            form.cleaned_data["timing"],
            form.cleaned_data["repair"],
            form.cleaned_data["next_talk_at"],
        ),
        form,
        "outcome_form",
    )


@login_required
@require_POST
def breathe(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    return _act(request, break_id, lambda: reconnecting.breathe_together(request.user, break_id))


@login_required
@require_POST
def more_minutes(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    try:
        n = int(request.POST.get("minutes", ""))
    except ValueError:
        n = 0
    return _act(request, break_id, lambda: reconnecting.more_minutes(request.user, break_id, n))


@login_required
@require_POST
def go_on(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    return _act(request, break_id, lambda: reconnecting.go_on(request.user, break_id))


@login_required
@require_POST
def said_back(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    turn = request.POST.get("turn", "")
    return _act(request, break_id, lambda: reconnecting.said_back(request.user, break_id, turn))


@login_required
@require_POST
def heard(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    turn, yes = request.POST.get("turn", ""), request.POST.get("heard") == "yes"
    return _act(request, break_id, lambda: reconnecting.heard(request.user, break_id, turn, yes))
