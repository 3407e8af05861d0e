"""The repair conversation's pages."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def repair(request: HttpRequest, pk: UUID) -> HttpResponse:
    return redirect("home")
