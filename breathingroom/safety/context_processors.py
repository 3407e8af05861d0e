from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def quick_exit(request: HttpRequest) -> dict[str, object]:
    # Every page carries the way out, signed in or not, so the address is known to every template.
    return {"quick_exit_url": settings.QUICK_EXIT_URL}
