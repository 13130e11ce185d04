"""Front page and small site-wide pages."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from samfunnslab.core import attribution


def home(request: HttpRequest) -> HttpResponse:
    """Show the front page with the four parts of the platform."""
    return render(request, "core/home.html", {"demo": _demo_context()})


def data_sources(request: HttpRequest) -> HttpResponse:
    """List every data source with its licence and attribution text."""
    return render(request, "core/data_sources.html", {"attributions": attribution.ALL})


def healthz(request: HttpRequest) -> JsonResponse:
    """Report that the app and its database answer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _demo_context() -> dict[str, object]:
    """Collect demo pointers (e.g. the open demo workshop) that other apps register."""
    from samfunnslab.core.demo import demo_links

    return {"links": demo_links()}
