"""The insights page: how things have gone, in honest figures, for the period a person chooses."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.couples.models import Couple
from breathingroom.insights import charts, tables
from breathingroom.insights.figures import NoPartnerYet, insights_for
from breathingroom.insights.window import PERIOD_NAMES, period_from, week_of


@login_required
@require_safe
def index(request: AuthenticatedRequest) -> HttpResponse:
    # An unknown ?period= is not worth an error on a page: it shows the usual period, and says which.
    period = period_from(request.GET.get("period"))
    couple = Couple.objects.current_for(request.user)
    if couple is None:
        return render(request, "insights/no_partner.html", {"message": NoPartnerYet.message})
    found = insights_for(couple, request.user, period)
    monday = week_of(found.today)
    lengths = found.lengths
    context = {
        "found": found,
        "periods": [(p.value, name) for p, name in PERIOD_NAMES.items()],
        "breaks_chart": charts.breaks_chart(found.breaks),
        "lengths_chart": charts.lengths_chart(lengths),
        "on_time_chart": charts.on_time_chart(found.on_time),
        "repairs_chart": charts.repairs_chart(found.repairs),
        "body_chart": charts.body_chart(found.body),
        "heat_chart": charts.heat_chart(found.heat, monday),
        "tables": {
            "breaks": tables.breaks_table(found.breaks),
            "lengths": tables.lengths_table(lengths),
            "on_time": tables.on_time_table(found.on_time),
            "repairs": tables.repairs_table(found.repairs),
            "heat": tables.heat_table(found.heat, monday),
            "body": tables.body_table(found.body),
        },
        "length_facts": [
            (_("Went longer than asked"), f"{lengths.longer_than_asked} / {lengths.measured}"),
            (_("More time asked for"), lengths.extended),
            (_("Asked for the shortest your agreement allowed"), lengths.asked_shortest),
            (_("Asked for the longest your agreement allowed"), lengths.asked_longest),
            (_("Went past the longest your agreement allowed"), lengths.beyond_longest),
        ],
        "dance": [
            (line, charts.often_chart(line.moves), charts.often_chart(line.triggers), tables.dance_table(line))
            for line in found.dance
        ],
        "cycle_url": cycle_url(),
    }
    return render(request, "insights/index.html", context)


def cycle_url() -> str:
    """The dance's cycle map, where the moves counted here are drawn as a loop."""
    try:
        return reverse("dance:cycle")
    except NoReverseMatch:
        return "/dance/cycle/"
