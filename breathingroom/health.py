from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "unavailable"
    return "ok"


def _redis() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    import redis

    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
        client.ping()
        client.close()
    except redis.RedisError:
        return "unavailable"
    return "ok"


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database(), "redis": _redis()}
    healthy = all(state in {"ok", "not configured"} for state in checks.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503)


@never_cache
@require_safe
def livez(request: HttpRequest) -> HttpResponse:
    """That this process answers at all: it touches no database, cache or file.

    For a proxy or supervisor asking whether to restart the process (``/healthz`` says whether it can
    serve), and for the benchmarks, whose pages are measured against it in the same run.
    """
    return HttpResponse(b"ok", content_type="text/plain")
