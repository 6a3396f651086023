"""Pages that belong to no feature: the landing page, health and the benchmark baseline."""

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def landing(request):
    return render(request, "core/landing.html")


@require_GET
def ping(request):
    """The trivial view every page benchmark compares against."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception as error:  # any database failure is the answer, not a crash
        database = f"down: {error.__class__.__name__}"
    status = 200 if database == "ok" else 503
    return JsonResponse({"database": database}, status=status)
