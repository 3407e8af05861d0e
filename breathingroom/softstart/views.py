from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.couples.models import Couple
from breathingroom.refusals import Refused
from breathingroom.softstart import coach
from breathingroom.softstart.forms import SoftStartForm


def _advised(data: QueryDict | None) -> tuple[SoftStartForm, coach.Advice | None]:
    form = SoftStartForm(data)
    if data is None or not form.is_valid():
        return form, None
    try:
        return form, coach.check(form.cleaned_data["text"])
    except Refused as e:
        form.add_error("text", str(e.message))
        return form, None


@login_required
@require_http_methods(["GET", "POST"])
def compose(request: AuthenticatedRequest) -> HttpResponse:
    """The coach on a page of its own; "Check my words" and "Use this" work without JavaScript."""
    data = None
    if request.method == "POST":
        data = request.POST.copy()
        # "Use this" sends the softer shape: it becomes the words in the box, read again.
        if "use" in data:
            data["text"] = data.get("use", "")
    form, advice = _advised(data)
    couple = Couple.objects.current_for(request.user)
    context = {"form": form, "advice": advice, "partner": couple.partner_of(request.user) if couple else None}
    return render(request, "softstart/compose.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def advice(request: AuthenticatedRequest) -> HttpResponse:
    """What the coach says, alone: fetched as the person types, beside this page's box or any other."""
    form, said = _advised(request.POST)
    return render(request, "softstart/_advice.html", {"form": form, "advice": said}, status=400 if form.errors else 200)
