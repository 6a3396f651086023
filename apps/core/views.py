"""Pages that belong to no feature: the landing page, health and the benchmark baseline."""

import sys
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views.decorators.http import require_GET

from .tasks import HEARTBEAT_KEY

HEARTBEAT_STALE = timedelta(minutes=3)


@require_GET
def landing(request):
    return render(request, "core/landing.html")


@require_GET
def ping(request):
    """The trivial view every page benchmark compares against."""
    return HttpResponse("ok", content_type="text/plain")


def server_error(request):
    """handler500: a database that cannot be reached is a 503 that says so and asks to retry;
    anything else is a plain apology. Neither touches the database nor shows a trace."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))


def too_many_requests(request, exception=None):
    """handler429 (allauth's limits: codes sent by text message, sign-ins): wait and try again."""
    response = HttpResponse(loader.render_to_string("429.html", request=request), status=429)
    response["Retry-After"] = "60"
    return response


@require_GET
def healthz(request):
    """Which part is down: the database, the shared cache (Redis), the Celery worker and beat."""
    checks = {"database": _database(), "cache": _cache()}
    if settings.CELERY_BROKER_URL:
        checks["worker"] = _worker()
    status = 200 if all(value == "ok" for value in checks.values()) else 503
    return JsonResponse(checks, status=status)


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any failure is the answer, not a crash
        return f"down: {error.__class__.__name__}"
    return "ok"


def _cache() -> str:
    try:
        cache.set("healthz", "ok", 10)
        return "ok" if cache.get("healthz") == "ok" else "down: not stored"
    except Exception as error:
        return f"down: {error.__class__.__name__}"


def _worker() -> str:
    """Beat queues the heartbeat every minute and a worker stamps it: a fresh stamp proves both."""
    stamp = cache.get(HEARTBEAT_KEY)
    if stamp is None:
        return "down: no heartbeat yet"
    age = timezone.now() - datetime.fromisoformat(stamp)
    return "ok" if age < HEARTBEAT_STALE else f"down: last heartbeat {int(age.total_seconds())} s ago"
