from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from breathingroom.accounts.forms import ProfileForm
from breathingroom.accounts.models import AuthenticatedRequest


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request: AuthenticatedRequest) -> HttpResponse:
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            # Said in the language just chosen, as every page will be from now on.
            translation.activate(request.user.language or translation.get_language_from_request(request))
            messages.success(request, _("Saved."))
            return redirect("accounts:settings")
        status = 400
    else:
        status = 200
    return render(request, "accounts/settings.html", {"form": form}, status=status)
