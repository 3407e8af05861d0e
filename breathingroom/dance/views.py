"""The dance's pages: episodes, each partner's side, and the couple's cycle map.

Each parses, calls one step of ``episodes`` (or ``cycle_of``), renders. An episode of another couple
and one that never existed answer the same 404; a partner's side shows only while it is shared.
"""

from __future__ import annotations

import hashlib
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from breathingroom.accounts.models import AuthenticatedRequest, Person
from breathingroom.couples.models import Couple
from breathingroom.dance import cycle_svg, episodes
from breathingroom.dance.cycle import THE_LOOP_IS_THE_PROBLEM, cycle_of
from breathingroom.dance.describe import Described, EpisodeView, describe
from breathingroom.dance.forms import SideForm, StartForm
from breathingroom.refusals import Refused

PAGE_SIZE = 10


def _partner(person: Person) -> Person | None:
    couple = Couple.objects.current_for(person)
    return couple.partner_of(person) if couple is not None else None


def _seen_or_404(person: Person, pk: UUID) -> EpisodeView:
    try:
        episode = episodes.find(person, pk)
    except episodes.NoSuchEpisode:
        raise Http404 from None
    return describe(episode, person, _partner(person))


def _signature(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


@login_required
@require_safe
def index(request: AuthenticatedRequest) -> HttpResponse:
    person = request.user
    couple = Couple.objects.current_for(person)
    partner = couple.partner_of(person) if couple is not None else None
    context: dict[str, object] = {"partner": partner}
    if partner is not None:
        found = episodes.of(person).select_related("repair").prefetch_related("sides")
        context["page"] = Paginator(Described(found, person, partner), PAGE_SIZE).get_page(request.GET.get("page"))
        context["start_form"] = StartForm()
    return render(request, "dance/index.html", context)


@login_required
@require_POST
def start(request: AuthenticatedRequest) -> HttpResponse:
    form = StartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That did not work. Please try once more from here."))
        return redirect("dance:index")
    try:
        episode = episodes.start(request.user, form.cleaned_data["break_id"], key=form.cleaned_data["key"])
    except Refused as e:
        messages.error(request, str(e.message))
        return redirect("dance:index")
    return redirect("dance:episode", pk=episode.id)


def partner_context(seen: EpisodeView) -> dict[str, object]:
    """What the live part with the partner's side needs, and a signature of it to skip an unchanged one."""
    return {"episode": seen, "partner_signature": _signature(seen.partner_name, seen.partner)}


@login_required
@require_safe
def episode(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    seen = _seen_or_404(request.user, pk)
    return render(request, "dance/episode.html", partner_context(seen))


@login_required
@require_safe
def episode_live(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    """The partner's part of the episode alone, fetched again whenever an event arrives."""
    context = partner_context(_seen_or_404(request.user, pk))
    if request.GET.get("seen") == context["partner_signature"]:
        return HttpResponse(status=204)
    return render(request, "dance/_partner_side.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def side(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    person = request.user
    seen = _seen_or_404(person, pk)
    changed_elsewhere = False
    status = 200
    if request.method == "POST":
        form = SideForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                written = episodes.write_side(person, pk, form.words(), form.cleaned_data["version"])
            except episodes.ChangedElsewhere as e:
                # Their words stay in the form; the version moves on, so saving again is a choice.
                changed_elsewhere, status = True, 409
                seen = _seen_or_404(person, pk)
                form = SideForm({**request.POST.dict(), "version": seen.mine.version if seen.mine else ""})
                form.is_valid()
                form.add_error(None, str(e.message))
            except episodes.NoSuchEpisode:
                raise Http404 from None
            except Refused as e:
                form.add_error(None, str(e.message))
            else:
                if written.shared_at is not None:
                    said = _("Kept. %(name)s reads the new words.") % {"name": seen.partner_name}
                else:
                    said = _("Kept. Only you can read your side until you share it.")
                messages.success(request, said)
                return redirect("dance:episode", pk=pk)
    else:
        form = SideForm(initial=SideForm.initial_for(seen.mine))
    context = {"form": form, "episode": seen, "changed_elsewhere": changed_elsewhere}
    return render(request, "dance/side.html", context, status=status)


@login_required
@require_POST
def share(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    try:
        episodes.share_side(request.user, pk)
    except episodes.NoSuchEpisode:
        raise Http404 from None
    except Refused as e:
        messages.error(request, str(e.message))
    else:
        partner = _partner(request.user)
        name = partner.display_name if partner is not None else ""
        messages.success(
            request,
            _("Shared. %(name)s can read your side, and it counts in your cycle map, until you stop sharing it.")
            % {"name": name},
        )
    return redirect("dance:episode", pk=pk)


@login_required
@require_POST
def unshare(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    try:
        episodes.unshare_side(request.user, pk)
    except Refused:
        raise Http404 from None
    messages.success(request, _("Private again. Only you can read your side, and the map leaves it out."))
    return redirect("dance:episode", pk=pk)


def cycle_context(person: Person, couple: Couple) -> dict[str, object]:
    found = cycle_of(couple, person)
    drawing = cycle_svg.draw(found)
    return {
        "cycle": found,
        "drawing": drawing,
        "text": cycle_svg.words(found, drawing, saying_not_enough=False),
        "loop_line": str(THE_LOOP_IS_THE_PROBLEM),
        "cycle_signature": _signature(found),
    }


@login_required
@require_safe
def cycle(request: AuthenticatedRequest) -> HttpResponse:
    """The couple's loop; asked again by its live part (htmx), only the part, or nothing if unchanged."""
    person = request.user
    couple = Couple.objects.current_for(person)
    if couple is None or couple.partner_of(person) is None:
        return render(request, "dance/cycle.html", {"cycle": None})
    context = cycle_context(person, couple)
    if request.htmx:
        if request.GET.get("seen") == context["cycle_signature"]:
            return HttpResponse(status=204)
        return render(request, "dance/_cycle.html", context)
    return render(request, "dance/cycle.html", context)
