"""Front page and small site-wide pages."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from samfunnslab.core import attribution, health, pages


def home(request: HttpRequest) -> HttpResponse:
    """Show the front page with the four parts of the platform."""
    return render(request, "core/home.html", pages.home_context())


def data_sources(request: HttpRequest) -> HttpResponse:
    """List every data source with its licence and attribution text."""
    return render(request, "core/data_sources.html", {"attributions": attribution.ALL})


ACCESSIBILITY_UPDATED = "7. desember 2026"


def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy statement (personvernerklæring): what is stored, why, how long, who sees it."""
    return render(
        request,
        "core/privacy.html",
        {
            "controller": settings.PRIVACY_CONTROLLER,
            "contact": settings.PRIVACY_CONTACT,
            "retention_days": settings.RETENTION_DAYS,
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (tilgjengelighetserklæring) in the Norwegian format."""
    return render(
        request,
        "core/accessibility.html",
        {
            "contact": settings.ACCESSIBILITY_CONTACT or settings.PRIVACY_CONTACT,
            "site_root": settings.SITE_ROOT,
            "audit_url": settings.ACCESSIBILITY_AUDIT_URL,
            "updated": ACCESSIBILITY_UPDATED,
        },
    )


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Report that the app and its database answer (kept for existing monitors; see /readyz)."""
    problem = health.check_database()
    return JsonResponse({"status": problem or "ok"}, status=503 if problem else 200)


@never_cache
def livez(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers HTTP (restart it when this fails). Touches no service."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: database, Redis and the snapshot all answer (send no traffic otherwise)."""
    checks = health.readiness()
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )
