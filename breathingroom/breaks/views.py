"""Pages for taking space, waiting, and the break itself. Each parses, calls one domain function, renders."""

from __future__ import annotations

import hashlib
from typing import cast
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.agreements import rhythm_times
from breathingroom.agreements.models import Agreement
from breathingroom.agreements.proposals import terms_for
from breathingroom.breaks import reconnecting, space, talk_again
from breathingroom.breaks.calendar import response as calendar_response
from breathingroom.breaks.describe import BreakSeen, describe
from breathingroom.breaks.forms import REASSURANCE_SUGGESTIONS, ExtendForm, PrepareForm, TakeSpaceForm
from breathingroom.breaks.history import last_try
from breathingroom.breaks.models import Break, Phase, Preparation, TalkAgain
from breathingroom.couples.models import Couple
from breathingroom.couples.shortcuts import couple_or_404
from breathingroom.events.kept_pages import kept_until_news
from breathingroom.phrasebook import picks
from breathingroom.phrasebook.words import signal_phrase_of
from breathingroom.refusals import Refused


def now_context(request: AuthenticatedRequest, couple: Couple, **extra: object) -> dict[str, object]:
    """What the live panel on the home page needs: the couple's break, seen from this person's side."""
    person = request.user
    partner = couple.partner_of(person)
    terms = terms_for(couple)
    brk = Break.objects.current_for(couple)
    context: dict[str, object] = {
        "couple": couple,
        "partner": partner,
        "terms": terms,
        "brk": brk,
        "seen": describe(brk, person) if brk is not None else None,
    }
    pending = Agreement.objects.pending_for(couple)
    context["proposal_for_me"] = pending if pending and pending.proposed_by_id != person.pk else None
    context["rhythm"] = rhythm_times.upcoming(couple, person)
    waiting = brk is not None and brk.is_on() and brk.taker(person) is None
    context["last_try"] = last_try(person, couple, before=brk.started_at) if waiting and brk else None
    context["talk_again"] = talk_again.current_for(couple)
    context["signature"] = _signature(context)
    context.update(extra)
    return context


def _signature(context: dict[str, object]) -> str:
    """A short digest of everything the panel shows, so a poll that would change nothing gets 204."""
    seen = context["seen"]
    terms = context["terms"]
    proposal = context["proposal_for_me"]
    parts: list[object] = [getattr(terms, "version", None), getattr(proposal, "version", None)]
    talk = cast("TalkAgain | None", context["talk_again"])
    parts += [(talk.pk, talk.at, talk.has_come) if talk else None]
    parts += [(m.time.key, m.at, m.now, m.skipped) for m in cast("list[rhythm_times.Moment]", context["rhythm"])]
    if isinstance(seen, BreakSeen):
        parts += [
            seen.id,
            seen.phase,
            seen.returns_at,
            seen.extensions_used,
            seen.reconnect_at,
            seen.takers,
            seen.overdue,
            seen.more_until,
            seen.may_ask_more,
            seen.thinking_of_you,
            [t.pk for t in seen.thoughts],
        ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def break_or_404(request: AuthenticatedRequest, break_id: UUID) -> tuple[Couple, Break]:
    # Another couple's break and one that never existed look the same: 404.
    couple = couple_or_404(request.user)
    brk = Break.objects.of_couple(couple).filter(pk=break_id).first()
    if brk is None:
        raise Http404
    return couple, brk


def _panel(request: AuthenticatedRequest, **extra: object) -> HttpResponse:
    couple = couple_or_404(request.user)
    return render(request, "breaks/_now.html", now_context(request, couple, **extra))


@login_required
@require_safe
@kept_until_news
def now(request: AuthenticatedRequest) -> HttpResponse:
    """The live panel alone, fetched again whenever an event arrives or the clock reaches a break's time."""
    couple = couple_or_404(request.user)
    context = now_context(request, couple)
    if request.GET.get("seen") == context["signature"]:
        return HttpResponse(status=204)
    return render(request, "breaks/_now.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def take(request: AuthenticatedRequest) -> HttpResponse:
    """ "I need space": keep or change the words, then tap a length. That tap is "go"."""
    couple = couple_or_404(request.user)
    person = request.user
    terms = terms_for(couple)
    current = Break.objects.current_for(couple)
    if current is not None and current.is_on() and current.taker(person) is not None:
        return redirect("home")
    partner = couple.partner_of(person)
    error = None
    if request.method == "POST":
        form = TakeSpaceForm(request.POST)
        if form.is_valid():
            n, morning = form.cleaned_data["length"]
            try:
                space.take_space(person, n, form.cleaned_data["reassurance"], until_morning=morning)
            except Refused as e:
                error = e.message
            else:
                return redirect("home")
    else:
        form = TakeSpaceForm(initial={"reassurance": space.reassurance_for(person, partner, terms)})
    context = {
        "form": form,
        "error": error,
        "terms": terms,
        "lengths": space.lengths_offered(person, terms),
        "morning": space.next_morning(person),
        "partner": partner,
        "partner_break": current if current is not None and current.is_on() else None,
        "last_try": last_try(person, couple),
        # Whose wish the prefilled words are, so they are never mistaken for the app's.
        "asked_words": terms.words_for(partner) if partner is not None else "",
        "suggestions": REASSURANCE_SUGGESTIONS,
        # The couple's own words for "I need space, and I'm coming back", first among them.
        "signal_phrase": signal_phrase_of(couple),
    }
    if context["asked_words"]:
        words = form["reassurance"]
        words.field.widget.attrs["aria-describedby"] = f"asked-note {words.auto_id}_helptext"
    return render(request, "breaks/take.html", context, status=400 if request.method == "POST" else 200)


def _after_action(request: AuthenticatedRequest, error: object = None, **extra: object) -> HttpResponse:
    if request.htmx:
        return _panel(request, action_error=error, **extra)
    if error:
        messages.error(request, str(error))
    return redirect("home")


@login_required
@require_POST
def ready(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    break_or_404(request, break_id)
    try:
        space.ready_to_talk(request.user, break_id)
    except Refused as e:
        return _after_action(request, e.message)
    return _after_action(request)


@login_required
@require_POST
def thinking_of_you(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    break_or_404(request, break_id)
    try:
        space.send_thinking_of_you(request.user, break_id)
    except Refused as e:
        return _after_action(request, e.message)
    if not request.htmx:
        messages.success(request, _("Sent. Nothing is expected back."))
    return _after_action(request, thought_sent=True)


@login_required
@require_http_methods(["GET", "POST"])
def extend(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    couple, brk = break_or_404(request, break_id)
    me = brk.taker(request.user)
    if me is None or not brk.is_on():
        return redirect("home")
    terms = terms_for(couple)
    error = None
    if request.method == "POST":
        form = ExtendForm(request.POST)
        if form.is_valid():
            try:
                space.extend(request.user, break_id, form.cleaned_data["minutes"], form.cleaned_data["reassurance"])
            except Refused as e:
                error = e.message
            else:
                return redirect("home")
    else:
        form = ExtendForm(initial={"reassurance": me.reassurance})
    context = {
        "brk": brk,
        "form": form,
        "error": error,
        "terms": terms,
        "longest": space.longest_break(terms),
        "extensions_left": space.extensions_left(brk, terms),
        "choices": space.extensions_offered(brk, terms),
    }
    return render(request, "breaks/extend.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_safe
def calendar(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    """The time to reconnect as a calendar file, for either partner, for as long as the break is kept."""
    try:
        with transaction.atomic():
            _couple, brk = space.find_break(request.user, break_id)
    except Refused:
        # No partner, another couple's break, no break at all: the same 404 as every break page.
        raise Http404 from None
    return calendar_response(brk)


@login_required
@require_http_methods(["GET", "POST"])
def prepare(request: AuthenticatedRequest, break_id: UUID) -> HttpResponse:
    """Private notes for one's own turn: never shown to the partner."""
    couple, brk = break_or_404(request, break_id)
    notes = Preparation.objects.filter(brk=brk, person=request.user).first()
    closed = brk.phase() == Phase.CLOSED
    if request.method == "POST" and closed:
        messages.info(request, _("This break is over, so these notes were not saved. Your earlier notes are below."))
        return redirect("breaks:prepare", break_id=brk.id)
    if request.method == "POST":
        form = PrepareForm(request.POST)
        if form.is_valid():
            try:
                reconnecting.prepare(request.user, break_id, **form.cleaned_data)
            except Refused as e:
                form.add_error(None, str(e.message))
            else:
                messages.success(request, _("Saved. Only you can see these notes."))
                return redirect("breaks:prepare", break_id=brk.id)
        status = 400
    else:
        initial = {"felt": notes.felt, "need": notes.need, "my_part": notes.my_part} if notes else {}
        form = PrepareForm(initial=initial)
        status = 200
    context = {"brk": brk, "form": form, "closed": closed, "needs": [] if closed else picks.needs_to_name(couple)}
    return render(request, "breaks/prepare.html", context, status=status)
