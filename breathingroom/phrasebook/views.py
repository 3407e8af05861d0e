"""The phrasebook's pages: read it, add words of your own, set the signal phrase, change your own words."""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.couples.shortcuts import couple_or_404
from breathingroom.phrasebook import words
from breathingroom.phrasebook.forms import EditWordForm, OwnWordForm, SignalPhraseForm
from breathingroom.phrasebook.models import OwnWord, WordKind
from breathingroom.refusals import Refused


def _index(request: AuthenticatedRequest, status: int = 200, **forms_shown: forms.Form) -> HttpResponse:
    person = request.user
    book = words.phrasebook_for(person)
    phrase = book.signal_phrase
    context = {
        "book": book,
        "add_form": OwnWordForm(),
        "signal_form": SignalPhraseForm(initial={"words": phrase.words if phrase else ""}),
        **forms_shown,
    }
    return render(request, "phrasebook/index.html", context, status=status)


def _back_to(kind: str) -> str:
    return reverse("phrasebook:index") + ("#own-boundaries" if kind == WordKind.BOUNDARY else "#own-needs")


@login_required
@require_safe
def index(request: AuthenticatedRequest) -> HttpResponse:
    return _index(request)


@login_required
@require_POST
def add(request: AuthenticatedRequest) -> HttpResponse:
    couple_or_404(request.user)
    form = OwnWordForm(request.POST)
    if form.is_valid():
        try:
            word, new = words.add_word(request.user, **form.cleaned_data)
        except Refused as e:
            form.add_error(None, str(e.message))
        else:
            if new:
                messages.success(request, _("Added. You both see it in your phrasebook now."))
            else:
                messages.info(request, _("“%(name)s” is already in your phrasebook.") % {"name": word.name})
            return redirect(_back_to(word.kind))
    return _index(request, status=400, add_form=form)


@login_required
@require_POST
def signal(request: AuthenticatedRequest) -> HttpResponse:
    couple = couple_or_404(request.user)
    form = SignalPhraseForm(request.POST)
    if form.is_valid():
        try:
            _phrase, changed = words.set_signal_phrase(request.user, form.cleaned_data["words"])
        except Refused as e:
            form.add_error(None, str(e.message))
        else:
            partner = couple.partner_of(request.user)
            if not changed:
                messages.info(request, _("That is already your signal phrase."))
            elif partner is not None:
                messages.success(
                    request,
                    _("Your signal phrase is set. %(name)s sees it here, with your name, and when taking space.")
                    % {"name": partner.display_name},
                )
            else:
                messages.success(request, _("Your signal phrase is set."))
            return redirect(reverse("phrasebook:index") + "#signal-title")
    return _index(request, status=400, signal_form=form)


@login_required
@require_POST
def clear_signal(request: AuthenticatedRequest) -> HttpResponse:
    couple_or_404(request.user)
    if words.clear_signal_phrase(request.user):
        messages.success(request, _("The signal phrase is gone. Choose new words whenever you are ready."))
    return redirect("phrasebook:index")


def _own_or_404(request: AuthenticatedRequest, pk: UUID) -> OwnWord | None:
    """The word, if this person wrote it; None, with a message, if the partner did."""
    try:
        return words.own_word(request.user, pk)
    except words.NotYours as e:
        messages.info(request, str(e.message))
        return None
    except Refused:
        # Another couple's word is answered exactly like one that never existed.
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    word = _own_or_404(request, pk)
    if word is None:
        return redirect("phrasebook:index")
    if request.method == "POST":
        form = EditWordForm(request.POST)
        if form.is_valid():
            try:
                word = words.edit_word(request.user, pk, **form.cleaned_data)
            except Refused as e:
                form.add_error(None, str(e.message))
            else:
                messages.success(request, _("Changed. You both see the new words."))
                return redirect(_back_to(word.kind))
        status = 400
    else:
        form = EditWordForm(initial={"name": word.name, "why": word.why})
        status = 200
    return render(request, "phrasebook/edit.html", {"word": word, "form": form}, status=status)


@login_required
@require_POST
def remove(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    word = _own_or_404(request, pk)
    if word is None:
        return redirect("phrasebook:index")
    words.remove_word(request.user, pk)
    messages.success(request, _("“%(name)s” is no longer in your phrasebook.") % {"name": word.name})
    return redirect(_back_to(word.kind))
