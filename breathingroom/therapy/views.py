"""The seat's pages: the partners' page to invite, approve, choose and end; the therapist's list and view.

Each view parses, calls one step of ``seats`` (or ``shared.look``), renders. A couple the therapist
holds no seat with, a seat that ended and an id of nothing all answer the same 404.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.couples.shortcuts import couple_or_404
from breathingroom.refusals import Refused
from breathingroom.security.log import describe_device
from breathingroom.therapy import seats, shared
from breathingroom.therapy.describe import describe
from breathingroom.therapy.forms import InviteForm, KindsForm
from breathingroom.therapy.models import ShareKind

# Where the emailed key waits between the link and the acceptance: out of the address bar and history.
SESSION_KEY = "therapy:invitation-key"


# --- The partners' page ------------------------------------------------------------------------


def _seat_page(
    request: AuthenticatedRequest, status: int = 200, error: str = "", invite_form: InviteForm | None = None
) -> HttpResponse:
    person = request.user
    couple = couple_or_404(person)
    found = seats.open_seat(couple)
    seen = describe(found, person, couple) if found is not None else None
    context = {
        "seat": seen,
        "partner": couple.partner_of(person),
        "invite_form": invite_form or InviteForm(),
        "kinds_form": KindsForm(initial={"kinds": list(seen.mine) if seen else []}),
        "kinds": ShareKind.choices,
        "error": error,
    }
    return render(request, "therapy/seat.html", context, status=status)


def _refused(request: AuthenticatedRequest, refusal: Refused, **extra: object) -> HttpResponse:
    if refusal.status == 404:
        raise Http404
    return _seat_page(request, status=refusal.status, error=str(refusal.message), **extra)  # type: ignore[arg-type]


@login_required
@require_safe
def seat(request: AuthenticatedRequest) -> HttpResponse:
    return _seat_page(request)


@login_required
@require_POST
def invite(request: AuthenticatedRequest) -> HttpResponse:
    form = InviteForm(request.POST)
    if not form.is_valid():
        couple_or_404(request.user)
        return _seat_page(request, status=400, invite_form=form)
    try:
        seats.invite(request.user, form.cleaned_data["email"], form.cleaned_data["kinds"])
    except Refused as e:
        return _refused(request, e, invite_form=form)
    messages.success(request, _("Invitation kept. Your partner is asked to agree; nothing is sent before they do."))
    return redirect("therapy:seat")


def _kinds(request: HttpRequest) -> list[str]:
    form = KindsForm(request.POST)
    return form.cleaned_data["kinds"] if form.is_valid() else []


@login_required
@require_POST
def approve(request: AuthenticatedRequest, seat_id: UUID) -> HttpResponse:
    try:
        seats.approve(request.user, seat_id, _kinds(request))
    except Refused as e:
        return _refused(request, e)
    messages.success(request, _("You both agreed. The invitation is on its way to your therapist."))
    return redirect("therapy:seat")


@login_required
@require_POST
def decline(request: AuthenticatedRequest, seat_id: UUID) -> HttpResponse:
    try:
        seats.decline(request.user, seat_id)
    except Refused as e:
        return _refused(request, e)
    messages.success(request, _("Declined. Nothing was sent, and nobody outside the two of you heard of it."))
    return redirect("therapy:seat")


@login_required
@require_POST
def choose(request: AuthenticatedRequest) -> HttpResponse:
    try:
        seats.choose(request.user, _kinds(request))
    except Refused as e:
        return _refused(request, e)
    messages.success(request, _("Saved. Only what you both tick is shown."))
    return redirect("therapy:seat")


@login_required
@require_POST
def end(request: AuthenticatedRequest) -> HttpResponse:
    try:
        seats.end(request.user)
    except Refused as e:
        return _refused(request, e)
    messages.success(request, _("The seat has ended. From this moment your therapist sees nothing here."))
    return redirect("therapy:seat")


# --- The emailed invitation --------------------------------------------------------------------


@require_safe
def accept_link(request: HttpRequest, key: str) -> HttpResponse:
    """The link in the email: its key is put away at once, so it stays in no address bar or history."""
    request.session[SESSION_KEY] = key
    return redirect("therapy:accept")


@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest) -> HttpResponse:
    key = request.session.get(SESSION_KEY, "")
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(reverse("therapy:accept"))
        try:
            found = seats.accept(request.user, key)
        except Refused as e:
            return _accept_page(request, key, error=str(e.message), status=e.status)
        request.session.pop(SESSION_KEY, None)
        messages.success(request, _("You have the seat. What the couple shares with you is below."))
        return redirect("therapy:couple", couple_id=found.couple_id)
    return _accept_page(request, key)


def _accept_page(request: HttpRequest, key: str, error: str = "", status: int = 200) -> HttpResponse:
    try:
        invitation = seats.invitation_for(key)
    except Refused as e:
        invitation, error = None, error or str(e.message)
    next_here = f"?next={reverse('therapy:accept')}"
    context = {
        "invitation": invitation,
        "names": [p.display_name for p in invitation.couple.partners] if invitation else [],
        "error": error,
        "login_url": reverse("account_login") + next_here,
        "signup_url": reverse("account_signup") + next_here,
    }
    return render(request, "therapy/accept.html", context, status=status)


# --- The therapist's pages ---------------------------------------------------------------------


@login_required
@require_safe
def couples(request: AuthenticatedRequest) -> HttpResponse:
    try:
        held = seats.seats_held_by(request.user)
    except Refused:
        raise Http404 from None
    return render(request, "therapy/couples.html", {"seats": held})


@login_required
@require_safe
def couple(request: AuthenticatedRequest, couple_id: UUID) -> HttpResponse:
    try:
        view = shared.look(request.user, couple_id, describe_device(request))
    except Refused:
        raise Http404 from None
    return render(request, "therapy/couple.html", {"view": view})


@login_required
@require_POST
def leave(request: AuthenticatedRequest, couple_id: UUID) -> HttpResponse:
    try:
        seats.leave(request.user, couple_id)
    except Refused:
        raise Http404 from None
    messages.success(request, _("You have stepped away from this seat. The couple has been told."))
    return redirect("therapy:couples")
