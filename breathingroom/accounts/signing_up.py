"""Signing up, on the page and from the app, is one transaction.

allauth makes the account, its email address and the sign-in one step after another, and the
confirmation email is queued among them (``notify.outbox``). Anything failing halfway, even the
database being too busy to take the email, would leave an account whose confirmation never goes
and whose address is taken; in one transaction, either all of it is kept or none of it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from allauth.account import views as page_views
from allauth.headless.account import views as app_views
from allauth.headless.constants import Client
from django.db import transaction
from django.http import HttpRequest
from django.http.response import HttpResponseBase

View = Callable[..., HttpResponseBase]


def _all_or_nothing(view: View) -> View:
    @functools.wraps(view)
    def signing_up(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method != "POST":
            return view(request, *args, **kwargs)
        with transaction.atomic():
            return view(request, *args, **kwargs)

    return signing_up


page = _all_or_nothing(page_views.signup)
app = _all_or_nothing(app_views.SignupView.as_api_view(client=Client.APP))
