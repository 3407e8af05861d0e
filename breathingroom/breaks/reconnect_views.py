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
from django.views.decorators.http import require_POST, require_safe

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.agreements.proposals import terms_for
from breathingroom.breaks import reconnecting
from breathingroom.breaks.forms import CheckInForm, NextTryForm, OutcomeForm
from breathingroom.breaks.models import Break, Preparation, Step
from breathingroom.breaks.views import break_or_404
from breathingroom.couples.models import Couple
from breathingroom.refusals import Refused


def _context(request: AuthenticatedRequest, couple: Couple, brk: Break, **extra: object) -> dict[str, object]:
    person = request.user
    partner = couple.partner_of(person)
    _brk, reconnection = reconnecting.reconnection_for(person, brk.id)
    check_ins = {c.person_id: c for c in reconnection.check_ins.all()}
    tries = {t.person_id: t for t in reconnection.next_tries.all()}
    first = reconnection.first_speaker_id
    speaker_id = (
        first if reconnection.step == Step.FIRST_TURN else (partner.pk if partner and first == person.pk else person.pk)
    )
    context: dict[str, object] = {
        "brk": brk,
        "partner": partner,
        "terms": terms_for(couple),
        "reconnection": reconnection,
        "my_check_in": check_ins.get(person.pk),
        "partner_check_in": check_ins.get(partner.pk) if partner else None,
        "my_try": tries.get(person.pk),
        "partner_try": tries.get(partner.pk) if partner else None,
        "i_speak": speaker_id == person.pk,
        "notes": Preparation.objects.filter(brk=brk, person=person).first(),
        "me_taker": brk.taker(person),
        "overdue": brk.is_overdue(),
        "check_in_form": CheckInForm(),
        "try_form": NextTryForm(),
        "outcome_form": OutcomeForm(initial={"timing": reconnecting.suggested_timing(brk)}),
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
