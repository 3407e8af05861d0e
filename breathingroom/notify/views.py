from __future__ import annotations

import json
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.notify import devices, vapid
from breathingroom.notify.forms import NotificationSettingsForm
from breathingroom.notify.models import NotificationSettings
from breathingroom.webapp import offline

SERVICE_WORKER = settings.BASE_DIR / "breathingroom" / "static" / "breathingroom" / "sw.js"


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request: AuthenticatedRequest) -> HttpResponse:
    wishes = NotificationSettings.objects.for_person(request.user)
    form = NotificationSettingsForm(request.POST if request.method == "POST" else None, instance=wishes)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Saved."))
            return redirect("notify:settings")
        status = 400
    elif request.GET.get("device") == "added":
        # Where the page's script comes back to once this device was added.
        messages.success(request, _("This device will get notifications now."))
    context = {
        "form": form,
        "devices": request.user.push_subscriptions.all(),
        "vapid_public_key": vapid.public_key(),
        "subscribe_url": reverse("api:notification_subscriptions"),
    }
    return render(request, "notify/settings.html", context, status=status)


@login_required
@require_POST
def remove_device(request: AuthenticatedRequest, subscription_id: uuid.UUID) -> HttpResponse:
    try:
        devices.remove(request.user, subscription_id)
    except devices.NoSuchDevice:
        raise Http404 from None
    messages.success(request, _("That device will not get notifications any more."))
    return redirect("notify:settings")


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    # Served from the site's root, not /static/, so that it may act for every page of the site; and
    # never cached, so browsers pick up a new version at once. What it keeps for offline use is
    # written into it: the browser installs the worker again only when its script changes, so a
    # deploy that changes what is kept must change the script (the plan's version does).
    kept = json.dumps(offline.plan().script(), ensure_ascii=False)
    script = f"const OFFLINE = {kept};\n\n{SERVICE_WORKER.read_text()}"
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response
