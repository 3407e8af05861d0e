"""The dance's pages: episodes, each partner's side, and the couple's cycle map."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def index(request: HttpRequest) -> HttpResponse:
    return redirect("home")
