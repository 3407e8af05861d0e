from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from breathingroom.accounts.models import AuthenticatedRequest, Person
from breathingroom.breaks.views import now_context
from breathingroom.couples import pairing
from breathingroom.couples.forms import JoinForm
from breathingroom.couples.models import Couple, Invitation, NotPaired, format_code
from breathingroom.events.kept_pages import kept_until_news
from breathingroom.therapy.seats import is_therapist

T = TypeVar("T")


def _pairing_context(request: AuthenticatedRequest, **extra: object) -> dict[str, object]:
    person = request.user
    couple = Couple.objects.current_for(person)
    context: dict[str, object] = {"couple": couple}
    if couple:
        context.update(now_context(request, couple))
    else:
        context["invitation"] = Invitation.objects.open().filter(inviter=person).first()
        context["join_form"] = JoinForm()
        context["ended_couple"] = Couple.objects.recently_ended_for(person)
        context["invitation_days"] = pairing.INVITATION_DAYS
    context.update(extra)
    return context


def _render_pairing(request: AuthenticatedRequest, status: int = 200, **extra: object) -> HttpResponse:
    if request.htmx:
        # htmx only swaps in successful answers; the error travels inside the panel instead.
        return render(request, "couples/_pairing.html", _pairing_context(request, **extra))
    return render(request, "couples/home.html", _pairing_context(request, **extra), status=status)


@require_safe
@kept_until_news
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "couples/welcome.html")
    if is_therapist(request.user):
        # A therapist's account has no couple of its own: its home is the list of couples it sits with.
        return redirect("therapy:couples")
    return _render_pairing(request)  # type: ignore[arg-type]


@login_required
@require_POST
def create_invitation(request: AuthenticatedRequest) -> HttpResponse:
    try:
        pairing.create_invitation(request.user)
    except pairing.PairingError as e:
        return _render_pairing(request, status=e.status, pairing_error=e.message)
    return _render_pairing(request) if request.htmx else redirect("home")


@login_required
@require_POST
def revoke_invitation(request: AuthenticatedRequest, code: str) -> HttpResponse:
    try:
        pairing.revoke_invitation(request.user, code)
    except (pairing.UnknownCode, pairing.MalformedCode):
        # Someone else's code, or none at all: the same answer, so codes cannot be probed.
        if request.htmx:
            return _render_pairing(request, pairing_error=_("That code is not one of yours."))
        return render(request, "404.html", status=404)
    except pairing.PairingError as e:
        return _render_pairing(request, status=e.status, pairing_error=e.message)
    if not request.htmx:
        messages.success(request, _("The invitation was withdrawn; its code no longer works."))
        return redirect("home")
    return _render_pairing(request)


def _join_page(request: AuthenticatedRequest, form: JoinForm, status: int = 200, **extra: object) -> HttpResponse:
    return render(request, "couples/join.html", {"form": form, **extra}, status=status)


def _with_code(request: AuthenticatedRequest, step: Callable[[Person, str], T]) -> T | HttpResponse:
    """``step`` done with the code the person sent, or the join page saying what is wrong with it."""
    form = JoinForm(request.POST)
    if not form.is_valid():
        return _join_page(request, form, status=400)
    try:
        return step(request.user, form.cleaned_data["code"])
    except pairing.PairingError as e:
        form.add_error("code", str(e.message))
        return _join_page(request, form, status=e.status)


@login_required
@require_http_methods(["GET", "POST"])
def join(request: AuthenticatedRequest) -> HttpResponse:
    """Pair with whoever sent the code. The code comes in a form, never in the address: addresses are logged."""
    if request.method == "GET":
        # An invitation link's code is in the fragment, which only the page's script can read.
        return _join_page(request, JoinForm())
    joined = _with_code(request, pairing.join)
    # The home page itself now says who they are paired with.
    return joined if isinstance(joined, HttpResponse) else redirect("home")


@login_required
@require_POST
def preview(request: AuthenticatedRequest) -> HttpResponse:
    """Who sent an invitation, so the person can confirm before pairing; the link's script posts here."""
    invitation = _with_code(request, pairing.preview)
    if isinstance(invitation, HttpResponse):
        return invitation
    return _join_page(request, JoinForm(), invitation=invitation)


@require_safe
def old_join_link(request: HttpRequest, code: str) -> HttpResponse:
    """A link from before codes moved into the fragment: its request was logged once, this once.

    It sends the browser on to the same code in a fragment, looking nothing up, so it answers
    everyone alike. It can go once every code made before the change has expired (72 hours).
    """
    try:
        fragment = "#" + format_code(pairing.normalise_code(code))
    except pairing.MalformedCode:
        fragment = ""
    return redirect(reverse("couples:join_by_code") + fragment)


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        # If the partner left first, perhaps while this page was open, the outcome is the same,
        # and home says what happened.
        with contextlib.suppress(NotPaired):
            pairing.leave(request.user)
            messages.success(request, _("You have left the couple. You can pair again whenever you are ready."))
        return redirect("home")
    couple = Couple.objects.current_for(request.user)
    if couple is None:
        return render(request, "404.html", status=404)
    return render(request, "couples/leave.html", {"partner": couple.partner_of(request.user)})


@login_required
@require_safe
def pairing_changed(request: AuthenticatedRequest) -> HttpResponse:
    """Polled while an invitation is out: reload the page once it is used, withdrawn or expired."""
    waiting = Invitation.objects.open().filter(inviter=request.user).exists()
    if waiting and Couple.objects.current_for(request.user) is None:
        return HttpResponse(status=204)
    response = HttpResponse(status=200)
    response["HX-Refresh"] = "true"
    return response
