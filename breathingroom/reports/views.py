"""The reports' pages. Each parses, calls one step of ``making`` or ``contents``, renders.

A report of another couple and a report that never was answer the same 404.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from breathingroom.accounts.models import AuthenticatedRequest, Person
from breathingroom.couples.models import Couple
from breathingroom.dance import vocabulary
from breathingroom.refusals import Refused
from breathingroom.reports import contents, making
from breathingroom.reports import pdf as printed
from breathingroom.reports.forms import MakeForm, SidesForm
from breathingroom.reports.models import Report


def _report_or_404(person: Person, pk: UUID) -> Report:
    try:
        return making.find(person, pk)
    except Refused:
        raise Http404 from None


def _sides_let_in(couple: Couple) -> dict[int, int]:
    """How many sides each partner lets into reports now (shared and ticked)."""
    found = dict.fromkeys((p.pk for p in couple.partners), 0)
    for person_id in contents.let_in_sides(couple).values_list("person_id", flat=True):
        found[person_id] = found.get(person_id, 0) + 1
    return found


@login_required
@require_http_methods(["GET", "POST"])
def index(request: AuthenticatedRequest) -> HttpResponse:
    person = request.user
    couple = Couple.objects.current_for(person)
    if couple is None:
        return render(request, "reports/no_partner.html", {"message": making.NO_PARTNER})
    today = timezone.localdate(timezone.now(), person.zone)
    status = 200
    if request.method == "POST":
        form = MakeForm(request.POST)
        if form.is_valid():
            start, end = form.period_between(today)
            try:
                report = making.make(person, start, end, form.cleaned_data["kinds"])
            except Refused as e:
                form.add_error(None, str(e.message))
            else:
                partner = couple.partner_of(person)
                messages.success(
                    request,
                    _("Your report is ready. %(name)s has been told that you made it.")
                    % {"name": partner.display_name if partner else ""},
                )
                return redirect("reports:report", pk=report.pk)
        status = 400
    else:
        form = MakeForm(initial={"start": making.months_before(today, 1), "end": today})
    partner = couple.partner_of(person)
    let_in = _sides_let_in(couple)
    context = {
        "form": form,
        "reports": making.of(person)[:50],
        "partner": partner,
        "mine_in": let_in.get(person.pk, 0),
        "theirs_in": let_in.get(partner.pk, 0) if partner else 0,
        "today": today,
    }
    return render(request, "reports/index.html", context, status=status)


def _side_label(side: object) -> str:
    episode = side.episode  # type: ignore[attr-defined]
    day = date_format(timezone.localtime(episode.happened_at), "DAY_MONTH_YEAR_FORMAT")
    said = [vocabulary.move_name(side.move)]  # type: ignore[attr-defined]
    trigger = vocabulary.trigger_name(side.trigger)  # type: ignore[attr-defined]
    if trigger:
        said.append(_("set off by: %(trigger)s") % {"trigger": trigger})
    return f"{day}: {'; '.join(said)}"


@login_required
@require_http_methods(["GET", "POST"])
def sides(request: AuthenticatedRequest) -> HttpResponse:
    """Which of my shared sides go into our reports."""
    person = request.user
    if Couple.objects.current_for(person) is None:
        return render(request, "reports/no_partner.html", {"message": making.NO_PARTNER})
    found = list(making.shareable_sides(person))
    choices = [(str(side.episode_id), _side_label(side)) for side in found]
    if request.method == "POST":
        form = SidesForm(request.POST, choices=choices)
        if form.is_valid():
            try:
                n = making.choose_sides(person, form.cleaned_data["episodes"])
            except Refused as e:
                form.add_error(None, str(e.message))
            else:
                if n:
                    messages.success(request, _("Kept. Only the sides you ticked go into your reports."))
                else:
                    messages.success(request, _("Kept. None of your sides go into your reports."))
                return redirect("reports:index")
        return render(request, "reports/sides.html", {"form": form, "found": found}, status=400)
    initial = [str(side.episode_id) for side in found if side.let_in]  # type: ignore[attr-defined]
    form = SidesForm(initial={"episodes": initial}, choices=choices)
    return render(request, "reports/sides.html", {"form": form, "found": found})


@login_required
@require_safe
def report(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    found = _report_or_404(request.user, pk)
    return render(request, "reports/report.html", {"contents": contents.describe(found, request.user)})


@login_required
@require_safe
def pdf(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    found = contents.describe(_report_or_404(request.user, pk), request.user)
    answer = HttpResponse(printed.render(found), content_type="application/pdf")
    answer["Content-Disposition"] = f'inline; filename="{printed.file_name(found)}"'
    return answer


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    """GET asks first, so deleting never happens by one stray tap; POST deletes, for both."""
    found = _report_or_404(request.user, pk)
    if request.method == "POST":
        try:
            making.delete(request.user, pk)
        except Refused:
            raise Http404 from None
        messages.success(request, _("The report is deleted, for both of you."))
        return redirect("reports:index")
    return render(request, "reports/delete.html", {"report": found})
