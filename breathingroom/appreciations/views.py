"""Pages for appreciations: the list of notes between the two, the part of Home that shows new ones
and holds the small composer, sending, and putting a note away. Each parses, calls one domain
function, renders."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.appreciations import sending
from breathingroom.appreciations.describe import AppreciationSeen
from breathingroom.appreciations.forms import AppreciationForm
from breathingroom.appreciations.home import on_home
from breathingroom.couples.models import Couple
from breathingroom.couples.shortcuts import couple_or_404
from breathingroom.refusals import Refused

PAGE_SIZE = 20
# Sent by the forms on the appreciations page, so that their answer comes back there, not Home.
FROM_LIST = "list"


def _sent(request: AuthenticatedRequest, form: AppreciationForm) -> bool:
    """Send what the form holds; if it cannot go, the form says why."""
    if not form.is_valid():
        return False
    try:
        sending.send(request.user, form.cleaned_data["text"], form.cleaned_data["kind"])
    except Refused as e:
        form.add_error(None, str(e.message))
        return False
    return True


def _sent_message(request: AuthenticatedRequest, couple: Couple) -> str:
    partner = couple.partner_of(request.user)
    return _("Sent to %(name)s. Nothing is expected back.") % {"name": partner.display_name if partner else ""}


def _list_page(
    request: AuthenticatedRequest, couple: Couple, form: AppreciationForm, status: int = 200
) -> HttpResponse:
    notes = sending.appreciations_for(request.user)
    page = Paginator[AppreciationSeen](notes, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"couple": couple, "form": form, "page": page, "appreciations": on_home(request.user, couple)}
    return render(request, "appreciations/index.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def index(request: AuthenticatedRequest) -> HttpResponse:
    """Every note sent and received in the couple, newest first, with a composer above them."""
    couple = Couple.objects.current_for(request.user)
    if couple is None:
        # Someone whose couple ended, or who has not paired yet: a kind page, not an error.
        return render(request, "appreciations/index.html", {"couple": None})
    if request.method == "GET":
        return _list_page(request, couple, AppreciationForm())
    form = AppreciationForm(request.POST)
    if not _sent(request, form):
        return _list_page(request, couple, form, status=400)
    messages.success(request, _sent_message(request, couple))
    return redirect("appreciations:index")


def _home_part(request: AuthenticatedRequest, couple: Couple, **extra: object) -> HttpResponse:
    context = {"appreciations": on_home(request.user, couple), "form": AppreciationForm(), **extra}
    return render(request, "appreciations/_home.html", context)


@login_required
@require_safe
def home_part(request: AuthenticatedRequest) -> HttpResponse:
    """The appreciations part of Home alone, fetched again whenever an event arrives."""
    couple = couple_or_404(request.user)
    if request.GET.get("seen") == on_home(request.user, couple).signature:
        return HttpResponse(status=204)
    return _home_part(request, couple)


@login_required
@require_POST
def send(request: AuthenticatedRequest) -> HttpResponse:
    """Home's composer: answered with the part again (htmx), or back on Home."""
    couple = couple_or_404(request.user)
    form = AppreciationForm(request.POST)
    sent = _sent(request, form)
    if request.htmx:
        # htmx swaps in only successful answers: what stopped it travels inside the part, words kept.
        return (
            _home_part(request, couple, sent=_sent_message(request, couple))
            if sent
            else _home_part(request, couple, form=form)
        )
    if not sent:
        # Without scripts the words are kept on the appreciations page, beside what to change.
        return _list_page(request, couple, form, status=400)
    messages.success(request, _sent_message(request, couple))
    return redirect("home")


@login_required
@require_POST
def put_away(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    """Take a note off Home. It stays on the appreciations page; its sender is never told."""
    try:
        sending.put_away(request.user, pk)
    except Refused:
        # Someone else's note, one this person sent, or none at all: the same 404.
        raise Http404 from None
    if request.htmx:
        return _home_part(request, couple_or_404(request.user), put_away=True)
    if request.POST.get("from") == FROM_LIST:
        return redirect("appreciations:index")
    return redirect("home")
