"""The Space Agreement's pages: read it, propose a change, accept the partner's proposal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.agreements import proposals
from breathingroom.agreements.forms import AcceptForm, ProposalForm
from breathingroom.agreements.models import Agreement, Terms
from breathingroom.couples.models import Couple
from breathingroom.couples.shortcuts import couple_or_404
from breathingroom.phrasebook import picks
from breathingroom.phrasebook.words import signal_phrase_of
from breathingroom.refusals import Refused


def _words(terms_words: dict[str, str], request: AuthenticatedRequest, couple: Couple) -> tuple[str, str]:
    partner = couple.partner_of(request.user)
    mine = terms_words.get(str(request.user.pk), "")
    theirs = terms_words.get(str(partner.pk), "") if partner else ""
    return mine, theirs


@login_required
@require_safe
def show(request: AuthenticatedRequest) -> HttpResponse:
    couple = couple_or_404(request.user)
    in_force = Agreement.objects.in_force_for(couple)
    pending = Agreement.objects.pending_for(couple)
    terms = in_force.terms() if in_force else Terms()
    my_words, partner_words = _words(terms.words, request, couple)
    context = {
        "partner": couple.partner_of(request.user),
        "in_force": in_force,
        "pending": pending,
        "terms": terms,
        "my_words": my_words,
        "partner_words": partner_words,
        "accept_form": AcceptForm(initial={"words": pending.words.get(str(request.user.pk), "")}) if pending else None,
        "pending_words": _words(pending.words, request, couple) if pending else ("", ""),
        "versions": couple.agreements.select_related("proposed_by", "accepted_by"),
        # The words that ask for a pause, kept in the phrasebook beside the agreement they go with.
        "signal_phrase": signal_phrase_of(couple),
        # Words from the phrasebook, for the words one writes when accepting the partner's proposal.
        "picks": picks.words_to_hear(couple) if pending and pending.proposed_by_id != request.user.pk else [],
    }
    return render(request, "agreements/show.html", context)


@login_required
@require_safe
def version(request: AuthenticatedRequest, number: int) -> HttpResponse:
    couple = couple_or_404(request.user)
    agreement = couple.agreements.filter(version=number).select_related("proposed_by", "accepted_by").first()
    if agreement is None:
        raise Http404
    my_words, partner_words = _words(agreement.words, request, couple)
    context = {
        "agreement": agreement,
        "terms": agreement.terms(),
        "partner": couple.partner_of(request.user),
        "my_words": my_words,
        "partner_words": partner_words,
    }
    return render(request, "agreements/version.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def propose(request: AuthenticatedRequest) -> HttpResponse:
    couple = couple_or_404(request.user)
    if request.method == "POST":
        form = ProposalForm(request.POST)
        if form.is_valid():
            try:
                agreement = proposals.propose(request.user, form.proposal())
            except Refused as e:
                form.add_error(None, str(e.message))
            else:
                messages.success(
                    request,
                    _("Version %(n)s is proposed. It takes effect when your partner accepts it.")
                    % {"n": agreement.version},
                )
                return redirect("agreements:show")
        status = 400
    else:
        latest = Agreement.objects.pending_for(couple) or Agreement.objects.in_force_for(couple)
        terms = latest.terms() if latest else Terms()
        form = ProposalForm.from_terms(terms, terms.words_for(request.user))
        status = 200
    context = {"form": form, "picks": picks.words_to_hear(couple)}
    return render(request, "agreements/propose.html", context, status=status)


@login_required
@require_POST
def accept(request: AuthenticatedRequest, number: int) -> HttpResponse:
    couple_or_404(request.user)
    form = AcceptForm(request.POST)
    if not form.is_valid():
        messages.error(request, str(form.errors["words"][0]))
        return redirect("agreements:show")
    try:
        proposals.accept(request.user, number, form.cleaned_data["words"])
    except proposals.NoSuchProposal:
        raise Http404 from None
    except Refused as e:
        messages.error(request, str(e.message))
        return redirect("agreements:show")
    messages.success(request, _("Agreed. Version %(n)s is now in force for you both.") % {"n": number})
    return redirect("agreements:show")
